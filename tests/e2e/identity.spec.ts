/**
 * Each paper's identity in the window: the reader shows the authors (the first few, "+ N more"
 * expands them from the keyboard), the arXiv id and the publication date; `author:` and an arXiv id
 * find the paper; `o` and `Shift+O` hand its Hugging Face page and arXiv PDF to the host's
 * openExternal (recorded by the harness), and a text-dump paper without an id opens a title search
 * and says why it has no PDF. Real Daily Papers API file (tests/fixtures/hf-api/archive/2024-05-28.json).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DUMPS, expect, screenshot, test } from './harness/fixtures'

const API_FILE = join(import.meta.dirname, '..', 'fixtures', 'hf-api', 'archive', '2024-05-28.json')
const VLM = 'An Introduction to Vision-Language Modeling'

/** A one-entry page as a user saves it (the shape of tests/helpers/fixtures.ts's makeDump). */
const textDump = (header: string, title: string, abstract: string, meta: string) =>
  ['new', 'Get trending papers in your email inbox!', 'Subscribe', 'Daily Papers', 'byAK and the research community', header, `${title}\n\n${abstract}\n\n${meta}`].join('\n\n')

test('authors, arXiv id and links in the reader; o and Shift+O open the right pages', async ({ app: page, harness }) => {
  test.setTimeout(180_000) // four screenshots and two imports; slow on a loaded machine (nothing here is timed)
  const lib = harness.library
  DUMPS.forEach((path) => lib.importDump({ path, bytes: readFileSync(path) }))
  // the Daily Papers page saved as text on May 28, then the API's answer for that day: the paper
  // first seen in the text dump learns its arXiv id and authors from the API file
  const text = lib.importDump({
    path: 'daily-2024-05-28.txt',
    bytes: new TextEncoder().encode(textDump('May 28', VLM, 'Following the recent popularity of Large Language Models (LLMs).', '  • 41 authors\n·\nMay 27\n33')),
    modifiedAt: new Date('2024-05-28T20:00:00Z'),
  })
  expect(text.status).toBe('imported')
  const vlmId = lib.listPapers().find((p) => p.title === VLM)!.id
  expect(lib.getPaper(vlmId)!.arxivId).toBeNull()
  // the API file of the same day updates that day's dump (a dump is a day) and fills in the id and authors
  expect(lib.importDump({ path: '2024-05-28.json', bytes: readFileSync(API_FILE) }).status).toBe('updated')
  expect(lib.getPaper(vlmId)!.arxivId).toBe('2405.17247')
  await page.reload()
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true')

  // author: finds it (accents and case ignored); the reader shows who wrote it
  await page.keyboard.press('/')
  await page.keyboard.type('author:bordes')
  const rows = page.getByTestId('feed-row')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText(VLM)
  await rows.first().click()
  const reader = page.getByTestId('reader')
  await expect(reader).toHaveAttribute('data-id', String(vlmId))
  const authors = page.getByTestId('authors')
  await expect(authors).toContainText('Florian Bordes, Richard Yuanzhe Pang, Anurag Ajay, Alexander C. Li, Adrien Bardes, Suzanne Petryk')
  await expect(authors).not.toContainText('Vikas Chandra')
  const more = page.getByTestId('authors-more')
  await expect(more).toHaveText('+ 35 more')
  await expect(more).toHaveAttribute('aria-expanded', 'false')
  await expect(page.getByTestId('arxiv-id')).toHaveText('arXiv:2405.17247')
  await expect(reader.locator('.byline')).toContainText(/Published May 27, 2024|Published 27 May 2024/)

  for (const [w, h] of [
    [1440, 900],
    [800, 600],
  ] as const) {
    await page.setViewportSize({ width: w, height: h })
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await expect(authors).toBeVisible()
      await screenshot(page, `40-identity-${w}x${h}-${scheme}`)
    }
  }
  await page.emulateMedia({ colorScheme: 'light' })
  await page.setViewportSize({ width: 1440, height: 900 })

  // "+ 35 more" is a button: reached with Tab, pressed with Enter, it shows every author
  await more.focus()
  await page.keyboard.press('Enter')
  await expect(more).toHaveAttribute('aria-expanded', 'true')
  await expect(authors).toContainText('Kate Saenko, Asli Celikyilmaz, Vikas Chandra')
  await expect(more).toHaveText('show fewer')
  await screenshot(page, '41-identity-all-authors')
  await more.blur()

  // o: its Hugging Face page; Shift+O: its PDF (through the host's openExternal)
  await page.keyboard.press('o')
  await expect.poll(() => harness.opened).toEqual(['https://huggingface.co/papers/2405.17247'])
  await page.keyboard.press('Shift+O')
  await expect.poll(() => harness.opened.at(-1)).toBe('https://arxiv.org/pdf/2405.17247')
  // the reader's buttons do the same
  await page.getByTestId('open-page').click()
  await expect.poll(() => harness.opened.length).toBe(3)
  expect(harness.opened.at(-1)).toBe('https://huggingface.co/papers/2405.17247')

  // an arXiv id finds it too
  await page.getByLabel('Search papers').fill('2405.17247')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText(VLM)

  // a paper known only from a text dump: no id, `o` searches Hugging Face Papers for its title,
  // Shift+O says why there is no PDF and opens nothing
  await page.getByLabel('Search papers').fill('spiking neurons fast motion')
  const target = 'Learning heterogeneous delays in a layer of spiking neurons for fast motion detection'
  await expect(rows.first()).toContainText(target)
  await rows.first().click()
  await expect(page.getByTestId('paper-title')).toHaveText(target)
  await expect(page.getByTestId('arxiv-id-unknown')).toHaveText('No arXiv id yet')
  await expect(page.getByTestId('authors')).toHaveCount(0)
  await expect(page.getByTestId('open-pdf')).toHaveCount(0)
  await page.getByTestId('reader-scroll').focus()
  const before = harness.opened.length
  await page.keyboard.press('o')
  await expect.poll(() => harness.opened.length).toBe(before + 1)
  expect(harness.opened.at(-1)).toBe(`https://huggingface.co/papers?q=${encodeURIComponent(target)}`)
  await page.keyboard.press('Shift+O')
  await expect(page.getByTestId('toast-text').last()).toContainText('no arXiv id yet')
  expect(harness.opened.length).toBe(before + 1)
  await screenshot(page, '42-identity-text-dump-paper')
})
