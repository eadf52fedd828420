/**
 * Provenance by day in the reader: a paper seen on three days shows three chips with full dates,
 * "Seen in 3 dumps" whatever copies of those days were imported (a re-saved CRLF page, a UTF-16
 * copy: "Already imported"), and a chip, reached with the keyboard, lists the papers of its day.
 * Screenshots in both themes at 800×600 and 1440×900.
 */
import type { Page } from '@playwright/test'
import { DUMPS, dropFiles, expect, fileFromDisk, screenshot, test } from './harness/fixtures'
import type { Harness } from './harness/server'

const MODIFIED = new Date(Date.UTC(2026, 3, 21))

function importDays(harness: Harness): number {
  for (const p of DUMPS) harness.library.importDump({ path: p, bytes: fileFromDisk(p).bytes, modifiedAt: MODIFIED })
  // a paper on all three days
  return harness.library.db
    .prepare('SELECT paper_id FROM appearances GROUP BY paper_id HAVING count(*) = 3 ORDER BY paper_id LIMIT 1')
    .pluck()
    .get() as number
}

/** Opens a paper by its exact title, through the search box. */
async function openPaper(page: Page, title: string): Promise<void> {
  await page.getByLabel('Search papers').fill(`"${title}"`)
  const rows = page.getByTestId('feed-row')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText(title)
  // Enter goes from the box to the results, the paper selected
  await page.getByLabel('Search papers').press('Enter')
  await expect(page.getByTestId('paper-title')).toHaveText(title)
}

async function dismissToasts(page: Page): Promise<void> {
  while ((await page.getByTestId('toast').count()) > 0) await page.getByRole('button', { name: 'Dismiss' }).first().click()
}

test('a paper seen on three days: three chips with years, re-saved copies change nothing, a chip lists its day', async ({ app: page, harness }) => {
  const id = importDays(harness)
  const title = harness.library.getPaper(id)!.title
  await page.reload()
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true')

  // the Apr 20 page saved again with Windows line endings, and the Apr 16 page as UTF-16
  const crlf = { ...fileFromDisk(DUMPS[0]!), name: 'resaved.txt' }
  crlf.bytes = Buffer.from(Buffer.from(crlf.bytes).toString('utf8').replace(/\n/g, '\r\n'))
  const utf16 = { ...fileFromDisk(DUMPS[1]!), name: 'utf16.txt' }
  utf16.bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(Buffer.from(utf16.bytes).toString('utf8'), 'utf16le')])
  await dropFiles(page, [crlf, utf16])
  await expect(page.getByTestId('toast')).toHaveCount(2)
  await expect(page.getByTestId('toast').nth(0)).toContainText('Already imported (the dump of Apr 20, 2026, 44 papers): nothing changed')
  await expect(page.getByTestId('toast').nth(1)).toContainText('Already imported (the dump of Apr 16, 2026, 50 papers): nothing changed')
  expect(harness.library.counts().dumps).toBe(3)
  await dismissToasts(page)

  await openPaper(page, title)
  const seen = page.getByTestId('seen-in')
  const chips = page.getByTestId('day-chip')
  await expect(seen).toContainText('Seen in 3 dumps:')
  await expect(chips).toHaveCount(3)
  await expect(chips.nth(0)).toHaveText(/^13 Apr 2026/)
  await expect(chips.nth(1)).toHaveText(/^16 Apr 2026/)
  await expect(chips.nth(2)).toHaveText(/^20 Apr 2026/)

  // keyboard: Tab goes from chip to chip, Enter lists that day's papers
  await chips.nth(0).focus()
  await page.keyboard.press('Tab')
  await expect(chips.nth(1)).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('Search papers')).toHaveValue('dump:2026-04-16 ')
  // every paper of that day, and only those
  const onDay = harness.library.db
    .prepare("SELECT count(*) FROM appearances a JOIN dumps d ON d.id = a.dump_id WHERE d.dump_date = '2026-04-16'")
    .pluck()
    .get() as number
  expect(onDay).toBe(50)
  await expect(page.getByTestId('results-count')).toHaveText(/^50 results?/)
  // the results open their first paper: one of that day's
  await expect(page.getByTestId('day-chip').filter({ hasText: '16 Apr 2026' })).toHaveCount(1)
  await screenshot(page, 'days-chip-lists-its-day')
})

for (const scheme of ['light', 'dark'] as const) {
  for (const size of [
    { width: 800, height: 600 },
    { width: 1440, height: 900 },
  ]) {
    test(`the day chips in the ${scheme} theme at ${size.width}×${size.height}`, async ({ app: page, harness }) => {
      await page.emulateMedia({ colorScheme: scheme })
      await page.setViewportSize(size)
      const id = importDays(harness)
      const title = harness.library.getPaper(id)!.title
      await page.reload()
      await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true')
      await openPaper(page, title)
      await page.keyboard.press('Escape')
      await expect(page.getByTestId('day-chip')).toHaveCount(3)
      await page.getByTestId('day-chip').nth(2).focus()
      // nothing clipped: every chip inside the reader
      const reader = (await page.getByTestId('reader').boundingBox())!
      for (const chip of await page.getByTestId('day-chip').all()) {
        const box = (await chip.boundingBox())!
        expect(box.x + box.width).toBeLessThanOrEqual(reader.x + reader.width + 1)
      }
      await screenshot(page, `days-chips-${scheme}-${size.width}x${size.height}`)
    })
  }
}
