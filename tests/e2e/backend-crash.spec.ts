/**
 * The library's process really dies (SIGKILL of the backend the harness started, as an OS killing
 * it would): the window says "Margin's library stopped; restarting…", the app's client starts a new
 * backend, a star pressed while it restarts waits for it and is kept, the banner goes, and what was
 * written before the crash is still there. Four crashes within a minute: the client gives up and the
 * window says the library could not be restarted.
 */
import { test, type Page } from '@playwright/test'
import { RESTARTED_MESSAGE } from '../../src/main/backend/client'
import { DUMPS, dropFiles, expect, fileFromDisk, screenshot } from './harness/fixtures'
import { startHarness, type Harness } from './harness/server'

test.setTimeout(120_000)

async function open(page: Page, harness: Harness): Promise<string[]> {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  await page.goto(harness.url)
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true')
  return errors
}

function crash(harness: Harness): number {
  const pid = harness.backend.pid
  if (pid === undefined) throw new Error('no backend is running')
  process.kill(pid, 'SIGKILL')
  return pid
}

test('the backend killed: the window says so, a new one starts, a star pressed meanwhile is kept', async ({ page }) => {
  // a longer first wait than the app's 250 ms, so the test presses a key while the library is down
  const harness = await startHarness({ restartDelaysMs: [2000, 2000, 2000] })
  try {
    const errors = await open(page, harness)
    await dropFiles(page, [fileFromDisk(DUMPS[0]!)])
    await expect(page.getByTestId('filter-all')).toHaveText('All 44')
    const reader = page.getByTestId('reader')
    const star = page.getByTestId('toggle-star')
    await page.keyboard.press('j')
    await expect(reader).toHaveAttribute('data-id', /\d+/)
    const first = Number(await reader.getAttribute('data-id'))
    await page.keyboard.press('s')
    await expect(star).toHaveAttribute('aria-pressed', 'true')
    await expect.poll(() => harness.library.getPaper(first)!.starred).toBe(true)

    const killed = crash(harness)
    const banner = page.getByTestId('backend-status')
    await expect(banner).toHaveText("Margin's library stopped; restarting…")
    await screenshot(page, 'backend-killed-restarting-light-1440x900')
    // while no backend runs: the next paper is already in the page; its star waits for the new backend
    await page.keyboard.press('j')
    await expect(reader).not.toHaveAttribute('data-id', String(first))
    const second = Number(await reader.getAttribute('data-id'))
    await page.keyboard.press('s')

    await expect(banner).toHaveCount(0)
    expect(harness.backend.pid).toBeDefined()
    expect(harness.backend.pid).not.toBe(killed)
    await expect(star).toHaveAttribute('aria-pressed', 'true')
    await expect.poll(() => harness.library.getPaper(second)!.starred).toBe(true)
    // the write made before the crash is intact, and the library is sound
    expect(harness.library.getPaper(first)!.starred).toBe(true)
    expect(harness.library.counts()).toMatchObject({ total: 44, starred: 2 })
    expect(harness.library.db.pragma('integrity_check', { simple: true })).toBe('ok')
    // the new backend answers the page: a reload shows both stars
    await page.reload()
    await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true')
    await page.getByTestId('filter-starred').click()
    await expect(page.getByTestId('feed-row')).toHaveCount(2)
    expect(harness.fatal).toEqual([])
    // a call the page had in flight (a summary, the similar papers) may be answered "restarted"; nothing else goes wrong
    expect(errors.filter((e) => !e.includes(RESTARTED_MESSAGE))).toEqual([])
  } finally {
    await harness.close()
  }
})

test('four crashes within a minute: the window says the library could not be restarted', async ({ page }) => {
  const harness = await startHarness({ restartDelaysMs: [100, 100, 100] })
  try {
    harness.library.importDump({ path: 'a.txt', bytes: fileFromDisk(DUMPS[0]!).bytes, modifiedAt: new Date(Date.UTC(2026, 3, 21)) })
    await open(page, harness)
    await expect(page.getByTestId('filter-all')).toHaveText('All 44')
    const banner = page.getByTestId('backend-status')
    for (let i = 0; i < 3; i++) {
      const killed = crash(harness)
      // the next backend is up (it answered 'ready') before it is killed in turn
      await expect.poll(() => harness.backend.currentState === 'running' && harness.backend.pid !== killed).toBe(true)
    }
    crash(harness)
    await expect(banner).toContainText('could not be restarted')
    await expect.poll(() => harness.fatal.map((f) => f.title)).toEqual(["Margin's library keeps stopping"])
    await screenshot(page, 'backend-gave-up-light-1440x900')
  } finally {
    await harness.close()
  }
})
