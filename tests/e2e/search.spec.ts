/**
 * Search in the window (issue 4): a query with a typo finds the right paper, matched words are
 * highlighted in the list and the reader, unknown filters are shown under the box, a search can be
 * saved as a smart feed with its unread count, and Esc goes back to the feed.
 */
import { DUMPS, dropFiles, expect, fileFromDisk, screenshot, test } from './harness/fixtures'

test('a typo query finds the paper; highlights, filter errors, saved search, Esc', async ({ app: page }) => {
  await dropFiles(page, DUMPS.map((p) => fileFromDisk(p)))
  await expect(page.getByTestId('filter-all')).toContainText('105')

  // "/" focuses the box; a misspelt query ranks the spiking-neurons paper first
  await page.keyboard.press('/')
  await page.keyboard.type('spikng neurons')
  const rows = page.getByTestId('feed-row')
  const target = 'Learning heterogeneous delays in a layer of spiking neurons for fast motion detection'
  await expect(rows.first()).toContainText(target)
  await expect(page.getByTestId('results-count')).toHaveAttribute('title', 'spikng neurons')
  // whole words are marked, the word completed rather than the letters typed
  await expect(rows.first().locator('mark').first()).toHaveText(/^spiking$/i)
  await expect(rows.first().locator('mark').nth(1)).toHaveText(/^neurons$/i)
  await expect(page.getByTestId('query-notes')).toContainText('Searched “spikng” as “spiking”')

  // open it from the results: the reader shows it with the words highlighted
  await rows.first().click()
  await expect(page.getByTestId('paper-title')).toHaveText(target)
  await expect(page.getByTestId('abstract').locator('mark').first()).toBeVisible()
  await screenshot(page, '13-search-results')

  // an unknown filter is reported under the box; the words still search
  await page.getByLabel('Search papers').fill('transfomer colour:red')
  await expect(page.getByTestId('query-error')).toContainText('Unknown filter "colour:"')
  await expect(rows.first()).toContainText(/transformer/i)

  // save a search: it appears beside the day groups with its unread count
  await page.getByLabel('Search papers').fill('spiking is:unread')
  await expect(page.getByTestId('results-count')).toHaveAttribute('title', 'spiking is:unread')
  await page.getByTestId('save-search').click()
  await page.getByLabel('Name of the saved search').fill('Spiking')
  await page.getByLabel('Name of the saved search').press('Enter')
  await expect(page.getByText('Saved as “Spiking”')).toBeVisible()
  // Esc closes the topmost thing, and messages are above the search: dismiss them first
  const toasts = page.getByTestId('toast')
  while ((await toasts.count()) > 0) await toasts.first().getByRole('button', { name: 'Dismiss (Esc)' }).click()
  await expect(toasts).toHaveCount(0)

  // Enter goes from the box to the results (j/k work on them); Esc clears the search and shows the
  // feed, with the smart feed listed
  await page.getByLabel('Search papers').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('Search papers')).not.toBeFocused()
  await page.keyboard.press('j')
  await expect(page.getByTestId('paper-title')).toHaveText(/spiking/i)
  await page.keyboard.press('Escape')
  await expect(page.getByLabel('Search papers')).toHaveValue('')
  await expect(page.getByTestId('filter-all')).toBeVisible()
  const saved = page.getByTestId('saved-search')
  await expect(saved).toHaveCount(1)
  await expect(saved).toContainText('Spiking')
  await expect(page.getByTestId('saved-search-unread')).toHaveText(/^\d+$/)

  // clicking it lists exactly the papers its count counts (all unread), newest first
  const unread = Number(await page.getByTestId('saved-search-unread').textContent())
  await saved.click()
  await expect(page.getByLabel('Search papers')).toHaveValue('spiking is:unread')
  await expect(page.getByTestId('results-count')).toHaveText(`${unread} paper${unread === 1 ? '' : 's'}`)
  await screenshot(page, '14-smart-feed')

  // Esc in the box clears the search at once; 1–4 leave a search too
  await page.getByLabel('Search papers').focus()
  await page.keyboard.press('Escape')
  await expect(page.getByLabel('Search papers')).toHaveValue('')
  await expect(page.getByTestId('filter-all')).toBeVisible()
  await page.keyboard.press('/')
  await page.keyboard.type('transfomer')
  await expect(page.getByTestId('results-count')).toHaveAttribute('title', 'transfomer')
  await page.keyboard.press('Enter')
  await page.keyboard.press('2')
  await expect(page.getByLabel('Search papers')).toHaveValue('')
  await expect(page.getByTestId('filter-unread')).toHaveAttribute('aria-selected', 'true')


  // a query the main process refuses (over 2,000 characters) is reported in the box, not dropped
  await page.getByLabel('Search papers').fill('spiking '.repeat(260))
  await expect(page.getByTestId('query-error')).toBeVisible()
  await expect(page.getByTestId('results-count')).toHaveText(/^0 results/)
})

test('a query of filters only lists every match, past the 200-result page of a text search', async ({ app: page, harness }) => {
  // a saved page of 260 entries, as the parser's tests build them (header, then title / abstract / meta)
  const entries = Array.from({ length: 260 }, (_, i) =>
    [`Synthetic paper number ${i + 1} on sparse coding`, 'An abstract about sparse coding in cortex, long enough to be an abstract of a paper.', '  • 3 authors\n·\nMar 1, 2026'].join('\n\n'),
  )
  const page260 = ['Daily Papers', 'byAK and the research community', 'Mar 3', ...entries].join('\n\n')
  harness.library.importDump({ path: 'big.txt', bytes: new TextEncoder().encode(page260), modifiedAt: new Date(Date.UTC(2026, 2, 3)) })
  await page.reload()
  await expect(page.getByTestId('filter-all')).toContainText('260')
  await page.keyboard.press('/')
  await page.keyboard.type('is:unread')
  await expect(page.getByTestId('results-count')).toHaveText('260 results')
  // a text query is a ranked page of the best 200
  await page.getByLabel('Search papers').fill('sparse coding')
  await expect(page.getByTestId('results-count')).toHaveText('200 results')
})

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' })

  test('search results, a saved search and query notes', async ({ app: page }) => {
    await dropFiles(page, DUMPS.map((p) => fileFromDisk(p)))
    await expect(page.getByTestId('filter-all')).toContainText('105')
    await page.keyboard.press('/')
    await page.keyboard.type('astroycte spiking year:>=2020 colour:red')
    await expect(page.getByTestId('query-error')).toContainText('Unknown filter "colour:"')
    await expect(page.getByTestId('query-notes')).toContainText('Searched “astroycte” as “astrocyte”')
    await page.getByTestId('feed-row').first().click()
    await expect(page.getByTestId('abstract').locator('mark').first()).toBeVisible()
    await screenshot(page, '15-dark-search-results')
  })
})
