/**
 * The app's fetch dialog and inbox folder, in Chromium against the real handlers: the Daily Papers
 * API is a server on 127.0.0.1 replaying recorded answers (tests/helpers/replayServer.ts), the
 * inbox a temp folder. Screenshots in light and dark, 800×600 and 1440×900.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { appendFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test as base, type Page } from '@playwright/test'
import { type Harness, startHarness } from './harness/server'
import { DUMPS, fileFromDisk, screenshot } from './harness/fixtures'
import { RECORDED, type Replay, startReplay } from '../helpers/replayServer'

// the inbox's settle time, shortened (read when the harness's inbox service starts)
process.env['MARGIN_INBOX_SETTLE_MS'] = '800'

const test = base.extend<{ replay: Replay; harness: Harness; app: Page }>({
  // eslint-disable-next-line no-empty-pattern
  replay: async ({}, use) => {
    // a weekend without papers, then three real answers (the first only after a 429)
    const replay = await startReplay({
      '2025-02-01': [{ file: RECORDED.empty }],
      '2025-02-02': [{ file: RECORDED.empty }],
      '2025-02-03': [{ status: 429, retryAfter: '6' }, { file: RECORDED.day20250203 }],
      '2025-02-04': [{ file: RECORDED.day20250204 }],
      '2025-02-05': [{ file: RECORDED.day20250205 }],
    })
    await use(replay)
    await replay.close()
  },
  harness: async ({ replay }, use) => {
    const harness = await startHarness({ settings: { apiUrl: replay.url } })
    await use(harness)
    await harness.close()
  },
  app: async ({ page, harness }, use) => {
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('Content Security Policy')) errors.push(m.text())
    })
    await page.goto(harness.url)
    await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true')
    await use(page)
    expect(errors, 'no errors in the page console').toEqual([])
  },
})

// screenshots of four looks each take a while on a loaded machine
test.describe.configure({ timeout: 240_000 })

const SIZES = [
  { width: 800, height: 600 },
  { width: 1440, height: 900 },
]

async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    for (const size of SIZES) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.setViewportSize(size)
      await screenshot(page, `${name}-${scheme}-${size.width}x${size.height}`)
    }
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

test('File ▸ Fetch Daily Papers…: a range with progress, a 429 waited out, an empty day, then a second fetch changes nothing', async ({ app: page, harness, replay }) => {
  // the renderer cannot reach the network itself: its CSP keeps connect-src to its own origin
  const direct = await page.evaluate((url) => fetch(`${url}/api/daily_papers?date=2025-02-03`).then(() => 'reached', () => 'blocked'), replay.url)
  expect(direct).toBe('blocked')
  expect(replay.requests).toHaveLength(0)

  await page.getByRole('button', { name: 'Fetch Daily Papers from the API…' }).click()
  const dialog = page.getByTestId('fetch-dialog')
  await expect(dialog).toContainText(replay.url)
  await expect(dialog).toContainText('Nothing fetched yet.')
  await dialog.getByRole('radio', { name: 'A range' }).check()
  await page.getByTestId('fetch-from').fill('2025-02-01')
  await page.getByTestId('fetch-to').fill('2025-02-05')
  await shoot(page, '40-fetch-dialog')
  await dialog.getByRole('button', { name: 'Fetch' }).click()
  // the 429 asks for 6 s: the progress bar shows the wait
  await expect(page.getByTestId('fetch-progress')).toContainText('Fetching 2025-02-03')
  await expect(page.getByTestId('fetch-progress')).toContainText('429')
  // one look only: four take longer than the wait they would show
  await screenshot(page, '41-fetch-progress-light-1440x900')
  const results = page.getByTestId('fetch-results')
  await expect(results.locator('li')).toHaveCount(5)
  await expect(results).toContainText('2025-02-01 no papers that day')
  await expect(results).toContainText('2025-02-02 no papers that day')
  await expect(results).toContainText('2025-02-03 4 papers: 4 new, 0 already in the library')
  await expect(results).toContainText('2025-02-04 11 papers: 11 new, 0 already in the library')
  await expect(results).toContainText('2025-02-05 6 papers: 6 new, 0 already in the library')
  await shoot(page, '42-fetch-results')
  expect(harness.library.counts().total).toBe(21)
  // each day is a dump of its own day, named by the URL asked
  expect(harness.library.db.prepare('SELECT dump_date FROM dumps ORDER BY 1').pluck().all()).toEqual(['2025-02-03', '2025-02-04', '2025-02-05'])
  await dialog.locator('.export-actions').getByRole('button', { name: 'Close' }).click()
  // the feed shows the fetched papers
  await expect(page.getByTestId('empty-library')).toHaveCount(0)

  // again, from Settings: the default range starts at the last day fetched; the ETags make it free
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByTestId('settings').getByRole('button', { name: 'Fetch Daily Papers…' }).click()
  await expect(dialog).toContainText('Last fetched day: 2025-02-05.')
  await page.getByRole('radio', { name: 'One day' }).check()
  await page.getByTestId('fetch-from').fill('2025-02-04')
  await dialog.getByRole('button', { name: 'Fetch' }).click()
  await expect(results).toContainText('2025-02-04 unchanged since the last fetch')
  expect(replay.requests.at(-1)!.headers['if-none-match']).toBeTruthy()
  expect(harness.library.counts().total).toBe(21)
})

test('Settings ▸ Inbox folder: a dump saved there slowly is imported once, complete; the setting to fetch at start is off', async ({ app: page, harness }) => {
  harness.library.importDump({ path: 'a.txt', bytes: fileFromDisk(DUMPS[1]!).bytes, modifiedAt: new Date(Date.UTC(2026, 3, 21)) })
  await page.reload()
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true')
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByTestId('settings')
  await expect(settings.getByRole('checkbox', { name: 'Fetch new days when Margin starts' })).not.toBeChecked()
  await expect(settings.getByTestId('inbox-settings')).toContainText('No inbox folder.')
  const inbox = join(harness.dir, 'Inbox')
  mkdirSync(inbox)
  harness.savePath = inbox // what the folder dialog answers
  await settings.getByRole('button', { name: 'Choose Folder…' }).click()
  await expect(settings.getByTestId('inbox-folder')).toContainText(inbox)
  await expect(settings.getByTestId('inbox-folder')).toContainText('Watching.')

  // the Apr 20 dump (44 papers), written in 5 pieces 200 ms apart (the inbox waits 800 ms here)
  const bytes = readFileSync(DUMPS[0]!)
  const path = join(inbox, 'daily-papers.txt')
  const piece = Math.ceil(bytes.length / 5)
  await writeFile(path, bytes.subarray(0, piece))
  for (let at = piece; at < bytes.length; at += piece) {
    await new Promise((r) => setTimeout(r, 200))
    await appendFile(path, bytes.subarray(at, at + piece))
  }
  await expect(settings.getByTestId('inbox-recent')).toContainText('daily-papers.txt (2026-04-20): 44 papers: 26 new, 18 already in the library')
  expect(harness.library.db.prepare("SELECT count(*) FROM dumps WHERE file_name = 'daily-papers.txt'").pluck().get()).toBe(1)
  await shoot(page, '43-settings-inbox')
  await settings.getByRole('button', { name: 'Stop Watching' }).click()
  await expect(settings.getByTestId('inbox-settings')).toContainText('No inbox folder.')
})
