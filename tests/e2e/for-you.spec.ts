/**
 * For you and Similar papers in the window: without stars the smart feed says how to start; with a
 * few neuroscience papers starred (and read), it lists only unread papers, each with why (its
 * heaviest terms, the starred paper it is most like); the reader lists five similar papers and
 * `o 2` opens the second; Esc goes back to the feed. Screenshots in both themes at 800×600 and
 * 1440×900, and the README's picture of the feed (test-results/screenshots/readme-for-you.png, copied by hand to resources/screenshots/for-you.png).
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { DUMPS, dropFiles, expect, fileFromDisk, screenshot, test } from './harness/fixtures'

const ROOT = join(import.meta.dirname, '..', '..')

const API = ['api_daily_papers_2024-05-27.json', 'api_daily_papers_2025-10-03.json'].map((f) => join(ROOT, 'tests', 'fixtures', 'hf-api', f))

test('For you ranks the unread papers by the starred ones, with reasons; Similar papers open with r 1 … r 5', async ({ app: page, harness }) => {
  test.setTimeout(240_000) // eight screenshots on a loaded machine
  await dropFiles(page, [...DUMPS, ...API].map((p) => fileFromDisk(p)))
  await expect(page.getByTestId('filter-all')).toContainText('157')

  // no stars, no notes: the feed says how to start
  await page.getByTestId('for-you').click()
  await expect(page.getByTestId('for-you-hint')).toHaveText('Star a few papers or write a note, and For you ranks the unread by them.')
  await page.getByRole('button', { name: 'Back to feed' }).click()
  await expect(page.getByTestId('filter-all')).toBeVisible()

  // star (and read) the brain and spiking papers, as a reader would have
  const lib = harness.library
  const liked = lib
    .listPapers()
    .filter((p) => /spiking|brain|neuron|cortex/i.test(p.title))
    .map((p) => p.id)
  expect(liked.length).toBeGreaterThanOrEqual(5)
  lib.setStarred(liked, true)
  lib.setRead(liked, true)
  // written through a second connection, as the CLI would: the window learns of it within a second
  // (the external-change watcher) and reloads. Open For you once it has, as a reader would, so the
  // list is not ranked again under the test (the paper opened below, read by then, would leave it).
  const unreadLeft = lib.viewIds('unread').length
  await expect(page.getByTestId('filter-starred')).toHaveText(new RegExp(`^Starred\\s*${liked.length}$`))
  await expect(page.getByTestId('filter-unread')).toHaveText(new RegExp(`^Unread\\s*${unreadLeft}$`))

  await page.keyboard.press('5')
  const rows = page.getByTestId('feed-row')
  await expect(page.getByTestId('for-you-count')).toHaveAttribute('data-positives', String(liked.length))
  await expect(rows.first()).toHaveAttribute('data-read', 'false')
  const firstId = Number(await rows.first().getAttribute('data-id'))
  expect(liked).not.toContain(firstId)
  // the best-ranked papers share the starred papers' words, and say which starred paper they are like
  const why = rows.first().getByTestId('row-why')
  await expect(why).toContainText('like: ')
  const likeTitle = (await why.locator('.why-like').textContent())!
  expect(lib.listPapers({ filter: 'starred' }).map((p) => p.title)).toContain(likeTitle)
  const ranked = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))))
  const unread = new Set(lib.viewIds('unread'))
  expect(ranked.every((id) => unread.has(id))).toBe(true)

  // the reader: five similar papers, any state; o 2 opens the second
  await rows.first().click()
  await expect(page.getByTestId('reader')).toHaveAttribute('data-id', String(firstId))
  const similar = page.getByTestId('similar-paper')
  await expect(similar).toHaveCount(5)
  const second = (await similar.nth(1).getAttribute('data-id'))!
  for (const [w, h] of [
    [1440, 900],
    [800, 600],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.setViewportSize({ width: w, height: h })
      // the first row's reason drawn before the picture (a row whose reason is not known yet has none)
      await expect(rows.first().getByTestId('row-why')).toContainText('like: ')
      await screenshot(page, `for-you-${scheme}-${w}x${h}`)
      if (w === 1440 && scheme === 'light') {
        // the feed and the reader (the notes pane left out), the size of the README's picture
        // (resources/screenshots/for-you.png is copied from it by hand: tests never write tracked files)
        mkdirSync(join(ROOT, 'test-results', 'screenshots'), { recursive: true })
        await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'readme-for-you.png'), animations: 'disabled', clip: { x: 0, y: 0, width: 1040, height: 640 } })
      }
    }
  }
  await page.emulateMedia({ colorScheme: 'light' })
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.getByTestId('feed-list').focus()
  await page.keyboard.press('r')
  await page.keyboard.press('2')
  await expect(page.getByTestId('reader')).toHaveAttribute('data-id', second)
  await screenshot(page, 'similar-opened')

  // Esc leaves For you for the feed it came from (after closing any import message still shown)
  await page.getByTestId('feed-list').focus()
  await expect(async () => {
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('filter-all')).toBeVisible({ timeout: 500 })
  }).toPass()
  await expect(page.getByTestId('for-you-count')).toHaveCount(0)
})
