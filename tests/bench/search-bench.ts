/**
 * Keystroke to results, in Chromium: the built renderer against the harness (real handlers, in a
 * child process) on synthetic libraries of 10,000 and 100,000 papers (tests/bench/synth.ts, written
 * straight into SQLite, not imported through the page). Realistic queries are typed key by key at
 * typing speed, typos and their Backspaces included, some with filters; for every keystroke the
 * page records the time from its keydown to the first paint after the results of its query (or of a
 * newer one, when typing outran it) are on screen: the results count names the query and the first
 * row shows its paper. Run by `npm run bench` (alone: `npm run bench -- --search`).
 * Needs `npm run build` (out/renderer).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { Library } from '../../src/main/library/library'
import { LATEST_VERSION } from '../../src/main/library/migrations'
import { catchUpVocabulary } from '../../src/main/library/searchIndex/vocabulary'
import { spawnHarness } from '../e2e/harness/spawn'
import { Synth, loadBasePapers, rng } from './synth'

export interface KeystrokeRow {
  papers: number
  keystrokes: number
  /** keystrokes whose own query was overtaken by a newer one before its results showed */
  superseded: number
  p50Ms: number
  p95Ms: number
  maxMs: number
  /**
   * CPU time per keystroke, which a loaded machine does not inflate as it does the wall-clock
   * figures: the page's main thread (Chromium's ThreadTime), the harness standing in for the main
   * process (forwarding, plus HTTP where Electron has IPC) and the backend process running the handlers.
   */
  cpuMsPerKey: { page: number; main: number; backend: number }
}

const PER_DUMP = 60
/** `\b` is a Backspace: a typo noticed and fixed. */
export const TYPED_QUERIES = [
  'spiking neurons',
  'transfr\bormer',
  'language modle\b\bel is:unread',
  'difusion\b\b\b\b\bfusion year:>=2023',
  'graph neural netwrok\b\b\bork',
  'brain org:meta',
  'reinforcement lerning\b\b\b\b\barning -robot',
  'attention is:starred',
]

/**
 * A library of `papers` synthetic papers at `path`: made once per schema version and kept in the
 * temp folder (a 100,000-paper one takes 10–100 s on a loaded 2-core machine), then copied.
 */
export function libraryOf(root: string, papers: number, path: string): void {
  const cacheDir = join(tmpdir(), 'margin-bench-libraries')
  const cached = join(cacheDir, `papers-${papers}-schema-${LATEST_VERSION}.sqlite`)
  if (!existsSync(cached)) {
    mkdirSync(cacheDir, { recursive: true })
    const building = `${cached}.${process.pid}.building`
    buildLibrary(root, building, papers)
    for (const s of ['-wal', '-shm']) rmSync(building + s, { force: true })
    renameSync(building, cached)
  }
  copyFileSync(cached, path)
}

/** Writes a library of `papers` synthetic papers to `path`, straight into SQLite. */
export function buildLibrary(root: string, path: string, papers: number): void {
  const synth = new Synth(loadBasePapers(join(root, 'tests/fixtures/daily-dumps')), 42)
  const lib = new Library(path)
  const enc = new TextEncoder()
  const dumps = Math.ceil(papers / PER_DUMP)
  for (let i = 0; i < dumps; i += 50) {
    const batch = Array.from({ length: Math.min(50, dumps - i) }, (_, k) => ({
      path: `synthetic-${i + k}.txt`,
      bytes: enc.encode(synth.dump(new Date(Date.UTC(2020, 0, 1 + i + k)), PER_DUMP).text),
      modifiedAt: new Date(Date.UTC(2020, 0, 2 + i + k)),
    }))
    lib.importDumps(batch, { vocabulary: 'later' })
  }
  lib.db.exec('UPDATE papers SET read = 1 WHERE id % 3 = 0; UPDATE papers SET starred = 1 WHERE id % 17 = 0')
  catchUpVocabulary(lib.db)
  lib.mergeSearchIndex()
  lib.checkpoint()
  lib.close()
}

/** Installs the probe in the page: keydown times per value of the box, and when each value's results are painted. */
export async function installProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe = { lat: [] as number[], superseded: 0, pending: [] as { value: string; t: number }[], lastKey: 0 }
    ;(window as unknown as { __kb: typeof probe }).__kb = probe
    const box = () => document.querySelector<HTMLInputElement>('input[type="search"]')
    document.addEventListener('keydown', (e) => void (probe.lastKey = e.timeStamp), true)
    document.addEventListener(
      'input',
      (e) => {
        if (e.target === box()) probe.pending.push({ value: box()!.value, t: probe.lastKey })
      },
      true,
    )
    const check = () => {
      if (!probe.pending.length) return
      const q = document.querySelector<HTMLElement>('[data-testid="results-count"]')?.dataset.query
      if (q === undefined) return
      let k = -1
      for (let i = probe.pending.length - 1; i >= 0; i--) if (probe.pending[i]!.value === q) k = i
      if (k === -1) return
      // the first row shows its paper (not a placeholder); an empty result shows no row at all
      const first = document.querySelector('[data-testid="feed-row"]')
      if (first ? !first.hasAttribute('data-read') : !document.querySelector('.feed-empty')) return
      const done = probe.pending.splice(0, k + 1)
      probe.superseded += k
      // the next paint: after this frame's rAF callbacks, style, layout and paint
      requestAnimationFrame(() => {
        const ch = new MessageChannel()
        ch.port1.onmessage = () => {
          const now = performance.now()
          for (const d of done) probe.lat.push(now - d.t)
        }
        ch.port2.postMessage(null)
      })
    }
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true })
  })
}

/** Types `text` key by key, 60–180 ms apart (typing speed), `\b` as Backspace. */
export async function typeLikeAPerson(page: Page, text: string, rand: () => number): Promise<string> {
  let value = ''
  for (const ch of text) {
    if (ch === '\b') {
      await page.keyboard.press('Backspace')
      value = value.slice(0, -1)
    } else {
      await page.keyboard.type(ch)
      value += ch
    }
    await page.waitForTimeout(60 + Math.floor(rand() * 120))
  }
  return value
}

/**
 * Types each query into the box (`/` first), waits until its results and every keystroke's are on
 * screen, then leaves with Esc; returns the probe's figures (installProbe first).
 */
export async function typeQueries(page: Page, queries: readonly string[], seed = 11): Promise<{ lat: number[]; superseded: number }> {
  const rand = rng(seed)
  for (const q of queries) {
    await page.keyboard.press('/')
    const value = await typeLikeAPerson(page, q, rand)
    await page.waitForFunction((v) => document.querySelector<HTMLElement>('[data-testid="results-count"]')?.dataset.query === v, value, { timeout: 60_000 })
    await page.waitForFunction(() => (window as unknown as { __kb: { pending: unknown[] } }).__kb.pending.length === 0, null, { timeout: 60_000 })
    await page.waitForTimeout(300)
    await page.keyboard.press('Escape')
    await page.waitForSelector('[data-testid=filter-all]')
    await page.waitForTimeout(300)
  }
  return page.evaluate(() => {
    const p = (window as unknown as { __kb: { lat: number[]; superseded: number } }).__kb
    return { lat: p.lat, superseded: p.superseded }
  })
}

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10
}

/** CPU time (user + system) of a process so far, in ms (Linux; 0 elsewhere). */
function processCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // utime + stime, in USER_HZ (100)
  } catch {
    return 0
  }
}

/** The page's main-thread CPU time so far, in ms, read through one DevTools session. */
async function pageThreadClock(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' } as never)
  return async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? 0) * 1000
}

/**
 * Waits for the feed, then warms up the page's code paths and the library's page cache with one
 * query, untimed, and leaves it with Esc.
 */
export async function warmUp(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid=app][data-loaded=true]')
  await page.waitForSelector('[data-testid=feed-row][data-read]')
  await page.keyboard.press('/')
  await page.keyboard.type('neural', { delay: 80 })
  await page.waitForSelector('[data-testid=results-count][data-query="neural"]')
  await page.keyboard.press('Escape')
}

async function measure(page: Page, papers: number, pids: { main: number | undefined; backend: number }, log: (m: string) => void): Promise<KeystrokeRow> {
  await warmUp(page)
  await page.waitForSelector('[data-testid=filter-all]')
  await installProbe(page)
  const pageThreadMs = await pageThreadClock(page)
  const cpu0 = { page: await pageThreadMs(), main: processCpuMs(pids.main), backend: processCpuMs(pids.backend) }
  const { lat, superseded } = await typeQueries(page, TYPED_QUERIES)
  const cpu1 = { page: await pageThreadMs(), main: processCpuMs(pids.main), backend: processCpuMs(pids.backend) }
  const perKey = (x: number) => Math.round((x / lat.length) * 10) / 10
  const cpuMsPerKey = { page: perKey(cpu1.page - cpu0.page), main: perKey(cpu1.main - cpu0.main), backend: perKey(cpu1.backend - cpu0.backend) }
  const row = { papers, keystrokes: lat.length, superseded, p50Ms: pct(lat, 50), p95Ms: pct(lat, 95), maxMs: pct(lat, 100), cpuMsPerKey }
  log(
    `  ${papers} papers: ${row.keystrokes} keystrokes, p50 ${row.p50Ms} ms, p95 ${row.p95Ms} ms, max ${row.maxMs} ms (${superseded} overtaken); ` +
      `CPU per key: page ${cpuMsPerKey.page} ms, main ${cpuMsPerKey.main} ms, backend ${cpuMsPerKey.backend} ms`,
  )
  return row
}

export async function benchKeystrokes(root: string, sizes: number[], log: (m: string) => void = () => {}): Promise<KeystrokeRow[] | string> {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) return 'skipped: run `npm run build` first (the renderer in out/renderer)'
  if (!existsSync(chromiumPath)) return `skipped: no Chromium at ${chromiumPath} (set CHROMIUM_PATH)`
  const rows: KeystrokeRow[] = []
  for (const papers of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'margin-bench-keys-'))
    const t = performance.now()
    libraryOf(root, papers, join(dir, 'library.sqlite'))
    log(`keystroke-to-results: library of ${papers} papers built or copied in ${Math.round(performance.now() - t)} ms`)
    const harness = await spawnHarness({ root, dir })
    const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] })
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
      await page.goto(harness.url)
      rows.push(await measure(page, papers, { main: harness.child.pid, backend: harness.backendPid }, log))
    } finally {
      await browser.close()
      await harness.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return rows
}

export function keystrokeTable(result: KeystrokeRow[] | string): string {
  if (typeof result === 'string') return `Keystroke to results (Chromium): ${result}`
  return [
    '| Search box in Chromium: keystroke → results painted | keystrokes (overtaken) | p50 | p95 (target) | max | CPU per key: page / main / backend |',
    '|---:|---:|---:|---:|---:|---:|',
    ...result.map(
      (r) =>
        `| ${r.papers.toLocaleString('en')} papers | ${r.keystrokes} (${r.superseded}) | ${r.p50Ms} ms | ${r.p95Ms} ms (< ${r.papers < 50_000 ? 50 : 100} ms) | ${r.maxMs} ms | ${r.cpuMsPerKey.page} / ${r.cpuMsPerKey.main} / ${r.cpuMsPerKey.backend} ms |`,
    ),
  ].join('\n')
}
