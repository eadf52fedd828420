/**
 * Tags in the notes pane: a tag typed in the box becomes a chip (shortcut keys typed there do not
 * act on the feed), a bad name is explained under the box, `tag:<name>` in the search box finds the
 * paper, and the chip's × removes the tag. Screenshots of the pane with tags in both themes.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { DUMPS, SCREENSHOTS, dropFiles, expect, fileFromDisk, screenshot, test } from './harness/fixtures'

const TAG_RULE = 'a tag is one word of letters, digits, "-", "_" or "." (at most 50 characters)'

/** The whole window, and the notes pane alone (to see the tag row up close). */
async function shots(page: Page, name: string): Promise<void> {
  await screenshot(page, name)
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.getByRole('region', { name: 'Notes' }).screenshot({ path: join(SCREENSHOTS, `${name}-pane.png`), animations: 'disabled' })
}

async function openFirstPaper(page: Page): Promise<string> {
  const first = page.getByTestId('feed-row').first()
  await first.click()
  const title = (await page.getByTestId('paper-title').textContent())!
  await expect(page.getByRole('region', { name: 'Notes' })).toBeVisible()
  return title
}

test('tag a paper in the notes pane, find it with tag:, remove the tag', async ({ app: page, harness }) => {
  await dropFiles(page, DUMPS.map((p) => fileFromDisk(p)))
  await expect(page.getByTestId('filter-all')).toContainText('105')
  const title = await openFirstPaper(page)
  const id = Number(await page.getByTestId('reader').getAttribute('data-id'))

  const box = page.getByLabel('Add tag')
  await expect(box).toHaveAttribute('placeholder', 'Add tag…')
  const chips = page.getByTestId('tag-chip')
  await expect(chips).toHaveCount(0)

  // Enter adds; "j", "k", "m", "s" typed in the box are letters, not shortcuts
  const readState = (await page.getByTestId('read-state').textContent())!
  await box.click()
  await page.keyboard.type('Must-Read')
  await page.keyboard.press('Enter')
  await expect(chips).toHaveText(['must-read×'])
  await expect(box).toHaveValue('')
  await expect(box).toBeFocused()
  await page.keyboard.type('jks-benchmark, mamba,')
  await expect(chips).toHaveText(['jks-benchmark×', 'mamba×', 'must-read×'])
  await expect(box).toHaveValue('')
  await expect(page.getByTestId('paper-title')).toHaveText(title)
  await expect(page.getByTestId('read-state')).toHaveText(readState)
  await expect(page.getByTestId('toggle-star')).toHaveAttribute('aria-pressed', 'false')
  expect(harness.library.db.prepare('SELECT tag FROM tags WHERE paper_id = ? ORDER BY tag').pluck().all(id)).toEqual([
    'jks-benchmark',
    'mamba',
    'must-read',
  ])

  // a bad name is explained under the box and stays there to be fixed
  await page.keyboard.type('two words')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('tag-error')).toHaveText(`“two words”: ${TAG_RULE}`)
  await expect(box).toHaveValue('two words')
  await expect(box).toHaveAttribute('aria-invalid', 'true')
  await expect(chips).toHaveCount(3)
  await box.fill('')
  await expect(page.getByTestId('tag-error')).toHaveCount(0)

  // Esc leaves the box; the shortcuts work again
  await page.keyboard.press('Escape')
  await expect(box).not.toBeFocused()
  await page.keyboard.press('s')
  await expect(page.getByTestId('toggle-star')).toHaveAttribute('aria-pressed', 'true')

  await page.getByTestId('note-editor').click()
  await page.keyboard.type('Why it matters: compare with the Mamba baselines.')
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved/)
  await page.keyboard.press('Escape')
  while ((await page.getByTestId('toast').count()) > 0) await page.getByRole('button', { name: 'Dismiss' }).first().click()
  await shots(page, 'tags-01-notes-pane-light')

  // tag:<name> in the search box finds the paper (and only it); the tag word alone finds it too
  await page.getByLabel('Search papers').fill('tag:must-read')
  const rows = page.getByTestId('feed-row')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText(title)
  await page.getByLabel('Search papers').fill('jks-benchmark')
  await expect(rows.first()).toContainText(title)

  // the chip's × removes the tag; the search no longer finds it
  await page.getByRole('button', { name: 'Remove tag must-read' }).click()
  await expect(chips).toHaveText(['jks-benchmark×', 'mamba×'])
  await expect(box).toBeFocused()
  await page.getByLabel('Search papers').fill('tag:must-read')
  await expect(page.getByText('No papers match this search.')).toBeVisible()
  await page.getByLabel('Search papers').fill('tag:mamba')
  await expect(rows).toHaveCount(1)

  // clicking a chip's name lists every paper with that tag
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'jks-benchmark', exact: true }).click()
  await expect(page.getByLabel('Search papers')).toHaveValue('tag:jks-benchmark ')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText(title)
})

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' })

  test('the tag row follows the system theme', async ({ app: page, harness }) => {
    for (const p of DUMPS) harness.library.importDump({ path: p, bytes: fileFromDisk(p).bytes, modifiedAt: new Date(Date.UTC(2026, 3, 21)) })
    const first = harness.library.viewIds('all', 'date')[0]!
    harness.library.setNote(first, '## Why it matters\n\n- compare with the *Mamba* baselines\n- $\\mathcal{O}(n)$ in sequence length')
    await page.reload()
    await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true')
    await openFirstPaper(page)
    await expect(page.getByTestId('reader')).toHaveAttribute('data-id', String(first))

    const box = page.getByLabel('Add tag')
    await box.fill('state-space, mamba, to-read, long-context,')
    await expect(page.getByTestId('tag-chip')).toHaveCount(4)
    await box.fill('Not OK')
    await box.press('Enter')
    await expect(page.getByTestId('tag-error')).toContainText(TAG_RULE)
    const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.tag-chip')!).backgroundColor)
    expect(bg).toBe('rgb(28, 29, 32)') // --bg of the dark theme
    await shots(page, 'tags-02-notes-pane-dark')
  })
})
