/**
 * Issue 5 in the window: export the current view from the feed's Export button (BibTeX with notes,
 * Markdown notes) to the file the save dialog answers, and the reader's citation key (shown, edited,
 * duplicates refused).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from '@retorquere/bibtex-parser'
import { DUMPS, expect, screenshot, test } from './harness/fixtures'

test('export the starred view as BibTeX with notes, then as Markdown notes', async ({ app: page, harness }) => {
  DUMPS.forEach((path) => harness.library.importDump({ path, bytes: readFileSync(path) }))
  const ids = harness.library.viewIds()
  const starred = [ids[3]!, ids[10]!]
  harness.library.setStarred(starred, true)
  harness.library.setNote(starred[0]!, 'Cite for 100% of the #results & more_')
  await page.reload()
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true')

  // the current view: the starred filter
  await page.getByTestId('filter-starred').click()
  await expect(page.getByTestId('feed-row')).toHaveCount(2)
  await page.getByTestId('export-open').click()
  const dialog = page.getByTestId('export-dialog')
  await expect(dialog).toBeVisible()
  await expect(page.getByTestId('export-scope-view')).toBeChecked()
  await expect(page.getByTestId('export-format-bibtex')).toBeChecked()
  await page.getByTestId('export-with-notes').check()
  await screenshot(page, '10-export-dialog')
  harness.savePath = join(harness.dir, 'starred.bib')
  await page.getByTestId('export-run').click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('toast-text').last()).toHaveText(`2 papers → ${harness.savePath}`)

  const bib = parse(readFileSync(harness.savePath, 'utf8'), { english: false })
  expect(bib.errors).toEqual([])
  const keys = starred.map((id) => harness.library.citationKey(id))
  expect(bib.entries.map((e) => e.key).sort()).toEqual([...keys].sort())
  const noted = bib.entries.find((e) => e.key === keys[0])!
  expect(noted.fields.note).toBe('Cite for 100% of the #results & more_')
  expect(noted.fields.title).toBe(harness.library.getPaper(starred[0]!)!.title)

  // Markdown: the save dialog names a folder; one file per paper, named by key
  await page.getByTestId('export-open').click()
  await page.getByTestId('export-format-markdown').check()
  harness.savePath = join(harness.dir, 'vault')
  await page.getByTestId('export-run').click()
  await expect(page.getByTestId('export-dialog')).toBeHidden()
  expect(readdirSync(harness.savePath).filter((f) => f.endsWith('.md')).sort()).toEqual(keys.map((k) => `${k}.md`).sort())

  // the paper open in the reader, as CSL-JSON
  await page.getByTestId('feed-row').first().click()
  const openId = Number(await page.getByTestId('reader').getAttribute('data-id'))
  await page.getByTestId('export-open').click()
  await page.getByTestId('export-format-csl').check()
  await page.getByTestId('export-scope-selected').check()
  harness.savePath = join(harness.dir, 'one.json')
  await page.getByTestId('export-run').click()
  await expect(page.getByTestId('export-dialog')).toBeHidden()
  expect(JSON.parse(readFileSync(harness.savePath, 'utf8')).map((i: { id: string }) => i.id)).toEqual([harness.library.citationKey(openId)])

  // cancelling the save dialog keeps the dialog open and writes nothing
  harness.savePath = null
  await page.getByTestId('export-open').click()
  await page.getByTestId('export-run').click()
  await expect(page.getByTestId('export-dialog')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('export-dialog')).toBeHidden()
  expect(existsSync(join(harness.dir, 'margin.bib'))).toBe(false)
})

test('the reader shows the citation key, copies it, and edits it with uniqueness enforced', async ({ app: page, harness }) => {
  DUMPS.forEach((path) => harness.library.importDump({ path, bytes: readFileSync(path) }))
  await page.reload()
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true')
  const rows = page.getByTestId('feed-row')
  const [id0, id1] = await Promise.all([0, 1].map(async (i) => Number(await rows.nth(i).getAttribute('data-id'))))
  await rows.nth(0).click()
  await expect(page.getByTestId('reader')).toHaveAttribute('data-id', String(id0))
  const value = page.getByTestId('citation-key-value')
  await expect(value).toHaveText(harness.library.citationKey(id0!)!)
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.getByTestId('citation-key-copy').click()
  await expect(page.getByTestId('citation-key-copy')).toHaveAttribute('data-copied', 'true')
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(harness.library.citationKey(id0!))

  await page.getByTestId('citation-key-edit').click()
  const input = page.getByTestId('citation-key-input')
  await input.fill(harness.library.citationKey(id1!)!)
  await input.press('Enter')
  await expect(page.getByTestId('citation-key-error')).toHaveText(/is already used by "/)
  await screenshot(page, '12-citation-key-taken')
  await input.fill('bad key')
  await input.press('Enter')
  await expect(page.getByTestId('citation-key-error')).toHaveText(/can hold only/)
  await input.fill('mykey2026')
  await input.press('Enter')
  await expect(value).toHaveText('mykey2026')
  await screenshot(page, '11-citation-key')
  await expect(page.getByTestId('citation-key-error')).toHaveCount(0)
  expect(harness.library.citationKey(id0!)).toBe('mykey2026')
})

test('export the search results that are on screen', async ({ app: page, harness }) => {
  DUMPS.forEach((path) => harness.library.importDump({ path, bytes: readFileSync(path) }))
  await page.reload()
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true')
  await page.getByLabel('Search papers').fill('neuroformer')
  await expect(page.getByTestId('results-count')).toHaveAttribute('title', 'neuroformer')
  const shown = await page.getByTestId('feed-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-id'))))
  expect(shown.length).toBeGreaterThan(0)

  await page.getByTestId('export-open').click()
  await expect(page.getByTestId('export-scope-view')).toBeChecked()
  await expect(page.getByTestId('export-dialog')).toContainText('Search results for “neuroformer”')
  harness.savePath = join(harness.dir, 'search.bib')
  await page.getByTestId('export-run').click()
  await expect(page.getByTestId('export-dialog')).toBeHidden()
  const bib = parse(readFileSync(harness.savePath, 'utf8'), { english: false })
  expect(bib.errors).toEqual([])
  // the virtualised list may render only part of a long result list: the file holds at least those, in order
  const keys = bib.entries.map((e) => e.key)
  expect(keys).toContain('neuroformer2023')
  expect(keys.slice(0, shown.length)).toEqual(shown.map((id) => harness.library.citationKey(id)))
})
