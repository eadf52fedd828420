/**
 * The notes pane's benchmark, run at the end of `npm run bench` (or alone: `npm run bench:notes`):
 * the built renderer in Debian's Chromium against the harness (in a child process), on a library
 * whose first paper has a 1 MB note with 5,000 formulas and whose second has a 47 KB note with 400.
 * Prints the main thread's long tasks (PerformanceObserver 'longtask': max, p95, total) and the
 * slowest key press (key to next paint) while opening the notes and typing 50 characters, beside
 * Chromium's bare textarea holding the same megabyte (what any textarea costs here).
 * Needs `npm run build` (out/renderer).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { Library } from '../../src/main/library/library'
import { bigMathNote, watchMainThread, type MainThreadReport } from '../e2e/harness/notes-probe'
import { spawnHarness } from '../e2e/harness/spawn'

interface Row {
  step: string
  report: MainThreadReport
  /** ms until the step's result was on screen */
  doneMs?: number
}

const WORDS = ' Added at the end: $x^2$ stays fast while typing.'.padEnd(50, '.')

async function typeAtEnd(page: Page, editor: string): Promise<MainThreadReport> {
  await page.focus(editor)
  await page.keyboard.press('Control+End')
  await page.waitForTimeout(500)
  const watch = await watchMainThread(page)
  await page.keyboard.type(WORDS, { delay: 20 })
  // a textarea's value, or the text of the lines CodeMirror has on screen (the caret's, at the end)
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel)!
    return (el instanceof HTMLTextAreaElement ? el.value : (el.textContent ?? '')).endsWith('.'.repeat(2))
  }, editor)
  // the autosave of the megabyte happens within the window watched
  await page.waitForTimeout(1500)
  return watch()
}

export async function benchNotes(root: string): Promise<Row[] | string> {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) return 'skipped: run `npm run build` first (the renderer in out/renderer)'
  if (!existsSync(chromiumPath)) return `skipped: no Chromium at ${chromiumPath} (set CHROMIUM_PATH)`
  const dir = mkdtempSync(join(tmpdir(), 'margin-bench-notes-'))
  const setup = new Library(join(dir, 'library.sqlite'))
  setup.importDump({ path: 'a.txt', bytes: readFileSync(join(root, 'tests/fixtures/daily-dumps/000_b42ce13f7921f815.txt')), modifiedAt: new Date(Date.UTC(2026, 3, 21)) })
  const [big, mid] = setup.viewIds('all', 'date')
  const bigNote = bigMathNote()
  setup.setNote(big!, bigNote)
  setup.setNote(mid!, bigMathNote(47_000, 400))
  setup.close()
  const harness = await spawnHarness({ root, dir })
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] })
  const rows: Row[] = []
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    await page.goto(harness.url)
    await page.waitForSelector('[data-testid=app][data-loaded=true]')

    let watch = await watchMainThread(page)
    let t = Date.now()
    await page.keyboard.press('j')
    await page.waitForSelector('[data-testid=note-preview-notice]')
    rows.push({ step: 'open the 1 MB note (preview: its text, too large to typeset)', doneMs: Date.now() - t, report: await watch() })

    await page.keyboard.press('n')
    await page.waitForSelector('[data-testid=note-editor]')
    rows.push({ step: 'type 50 characters at the end of the 1 MB note (CodeMirror; autosave of edits included)', report: await typeAtEnd(page, '[data-testid=note-editor]') })

    watch = await watchMainThread(page)
    t = Date.now()
    await page.click('[role=tab]:has-text("Preview")')
    await page.waitForSelector('[data-testid=note-preview][data-complete=true]')
    rows.push({ step: 'back to the preview of the 1 MB note', doneMs: Date.now() - t, report: await watch() })

    // the next paper: 47 KB with 400 formulas, typeset in the background
    await page.keyboard.press('Escape')
    watch = await watchMainThread(page)
    t = Date.now()
    await page.keyboard.press('j')
    await page.waitForSelector('[data-testid=note-preview][data-complete=true] .katex')
    rows.push({ step: 'open a 47 KB note with 400 formulas (typeset in the background)', doneMs: Date.now() - t, report: await watch() })

    // Chromium's own textarea with the same megabyte, no app around it
    const bare = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    await bare.setContent('<textarea id="t" spellcheck="false" style="width:360px;height:760px;font:13px monospace"></textarea>')
    await bare.evaluate((note) => void ((document.getElementById('t') as HTMLTextAreaElement).value = note), bigNote)
    rows.push({ step: "Chromium's bare textarea with the same 1 MB: type 50 characters", report: await typeAtEnd(bare, '#t') })
  } finally {
    await browser.close()
    await harness.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}

export function notesTable(result: Row[] | string): string {
  if (typeof result === 'string') return `Notes pane (Chromium): ${result}`
  return [
    '| Notes pane in Chromium (main thread while…) | long tasks | max | p95 | total | slowest key → paint | on screen after |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...result.map(
      (r) =>
        `| ${r.step} | ${r.report.longTasks} | ${r.report.maxLongTaskMs} ms | ${r.report.p95LongTaskMs} ms | ${r.report.totalLongTaskMs} ms | ${r.report.slowestKeyMs ? `${r.report.slowestKeyMs} ms` : '< 16 ms'} | ${r.doneMs === undefined ? '' : `${r.doneMs} ms`} |`,
    ),
  ]
    .join('\n')
}
