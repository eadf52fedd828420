/**
 * A reload (or a crash and restart of the window) comes back where the reader was: the open paper,
 * the feed filter, the search and the feed's scroll position. And a paper cut short in its dump says so.
 */
import { DUMPS, dropFiles, expect, fileFromDisk, settledAttribute, test } from './harness/fixtures'
import type { Page } from '@playwright/test'

async function reloadApp(page: Page) {
  await page.reload()
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true')
}

test('the open paper, the filter, the scroll and the search survive a reload', async ({ app: page }) => {
  await dropFiles(page, DUMPS.map((p) => fileFromDisk(p)))
  await expect(page.getByTestId('filter-all')).toHaveText(/105/)
  const list = page.getByTestId('feed-list')
  const reader = page.getByTestId('reader')

  // the filter
  await page.keyboard.press('3')
  await reloadApp(page)
  await expect(page.getByTestId('filter-starred')).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('1')

  // deep in the list
  for (let i = 0; i < 25; i++) await page.keyboard.press('j')
  const id = await settledAttribute(reader, 'data-id')
  const scroll = await list.evaluate((el) => el.scrollTop)
  expect(scroll).toBeGreaterThan(0)
  await reloadApp(page)
  await expect(reader).toHaveAttribute('data-id', id)
  await expect(page.locator(`[data-testid="feed-row"][data-id="${id}"]`)).toHaveAttribute('aria-selected', 'true')
  await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(scroll)

  // a search, with a result open
  await page.keyboard.press('/')
  await page.keyboard.type('brain')
  await expect(page.getByTestId('results-count')).toHaveAttribute('title', 'brain')
  await page.keyboard.press('Enter')
  await page.keyboard.press('j')
  const found = await settledAttribute(reader, 'data-id')
  await reloadApp(page)
  await expect(page.getByRole('searchbox', { name: 'Search papers' })).toHaveValue('brain')
  await expect(page.getByTestId('results-count')).toBeVisible()
  await expect(reader).toHaveAttribute('data-id', found)
})

test('an abstract cut short in the dump says so; a whole one does not', async ({ app: page }) => {
  const text = [
    'Daily Papers',
    'Apr 20',
    'A Complete Paper Title About Robots',
    'This abstract is complete and ends well.',
    '  • 5 authors\n·\nFeb 21, 2024',
    'A Cut Paper About Things',
    'This abstract was cut off in the middle of a sen',
  ].join('\n\n')
  await dropFiles(page, [{ name: 'cut.txt', bytes: Buffer.from(text) }])
  await expect(page.getByTestId('filter-all')).toHaveText(/^All\s*2$/)
  const rows = page.getByTestId('feed-row')
  await rows.filter({ hasText: 'A Cut Paper' }).click()
  await expect(page.getByTestId('cut-short')).toHaveText(/abstract cut short in the dump/i)
  await rows.filter({ hasText: 'A Complete Paper' }).click()
  await expect(page.getByTestId('paper-title')).toHaveText('A Complete Paper Title About Robots')
  await expect(page.getByTestId('cut-short')).toHaveCount(0)
})
