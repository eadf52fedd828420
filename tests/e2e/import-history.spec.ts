/**
 * Imports you can see: a big import's message offers Details (per file its day, papers new and
 * merged, lines skipped, why a file failed); File ▸ Import History… (the menu's push event) lists
 * every import and shows what one added, each paper openable. And Edit ▸ Undo from the menu: a text
 * field's own undo there, the app's undo elsewhere. Screenshots light and dark, 800×600 and 1440×900.
 */
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { DUMPS, dropFiles, expect, fileFromDisk, screenshot, test } from './harness/fixtures'

const SIZES = [
  { width: 800, height: 600 },
  { width: 1440, height: 900 },
]

/** Screenshots of what is on screen now in both schemes at both sizes; the dialog stays inside the window. */
async function shoot(page: Page, name: string, dialogTestId: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    for (const size of SIZES) {
      await page.setViewportSize(size)
      const box = (await page.getByTestId(dialogTestId).boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.y).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(size.width)
      expect(box.y + box.height).toBeLessThanOrEqual(size.height)
      await screenshot(page, `${name}-${size.width}x${size.height}-${scheme}`)
    }
  }
  await page.emulateMedia({ colorScheme: 'light' })
  await page.setViewportSize({ width: 1440, height: 900 })
}

async function expectFocusTrapped(page: Page, testId: string) {
  const dialog = page.getByTestId(testId)
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab')
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true)
  }
}

// eight screenshots a test on a loaded 2-core machine: a hang guard, nothing is timed
test.describe.configure({ timeout: 240_000 })

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])

test('a big import offers Details: per file its day, new and merged, lines skipped and why a file failed', async ({ app: page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  const furniture = Buffer.concat([readFileSync(DUMPS[0]!), Buffer.from('\n\nSystem theme\n')])
  await dropFiles(page, [
    ...DUMPS.map((p) => fileFromDisk(p)),
    { name: 'saved again with the footer.txt', bytes: furniture, lastModified: Date.UTC(2026, 3, 21, 9), type: 'text/plain' },
    { name: 'photo.png', bytes: PNG, type: 'image/png' },
  ])
  const summary = page.getByTestId('toast').filter({ hasText: '4 files imported' })
  await expect(summary).toBeVisible()
  await summary.getByRole('button', { name: 'Details' }).click()
  const dialog = page.getByTestId('import-details')
  await expect(dialog).toBeVisible()
  const rows = dialog.getByTestId('import-file')
  await expect(rows).toHaveCount(5)
  const cells = async (i: number) => (await rows.nth(i).locator('td').allInnerTexts()).map((t) => t.trim())
  expect((await cells(0)).slice(1)).toEqual([expect.stringMatching(/Apr 20, 2026|20 Apr 2026/), '44', '0'])
  expect((await cells(1)).slice(2)).toEqual(['32', '18'])
  expect((await cells(2)).slice(2)).toEqual(['29', '26'])
  // the same page saved again with furniture after it: already imported (a dump is a day), and the skipped lines are listed
  await expect(rows.nth(3)).toHaveAttribute('data-status', 'already-imported')
  await expect(rows.nth(3).locator('summary')).toHaveText(/\d+ lines? skipped/)
  await expect(rows.nth(4)).toHaveAttribute('data-status', 'failed')
  await expect(rows.nth(4).getByTestId('import-file-error')).toHaveText(/^Failed: Not a Daily Papers dump.+/)
  await expect(dialog.getByTestId('import-totals')).toHaveText(/5 files: 105 new papers, 44 merged · 1 file not imported/)
  await expectFocusTrapped(page, 'import-details')
  await rows.nth(3).locator('summary').focus()
  await page.keyboard.press('Enter') // the skipped lines open from the keyboard
  await expect(rows.nth(3).locator('li').first()).toHaveText(/^line \d+: /)
  await shoot(page, '40-import-details', 'import-details')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
})

test('File ▸ Import History lists every import newest first; one shows its files and the papers it added, each openable', async ({ app: page, harness }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  harness.library.importDumps([{ path: 'from-cron.txt', bytes: readFileSync(DUMPS[0]!) }], { source: 'cli' })
  await page.reload()
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true')
  await dropFiles(page, [fileFromDisk(DUMPS[1]!), fileFromDisk(DUMPS[2]!)])
  await expect(page.getByTestId('filter-all')).toHaveText(/105/)
  while ((await page.getByTestId('toast').count()) > 0) await page.keyboard.press('Escape')

  // the menu's push event opens the dialog
  harness.emit('menu:importHistory', {})
  const dialog = page.getByTestId('import-history')
  await expect(dialog).toBeVisible()
  const items = dialog.getByTestId('import-list-item')
  await expect(items).toHaveCount(2)
  await expect(items.nth(0)).toContainText('Dropped on the window')
  await expect(items.nth(0)).toContainText('2 files · 61 new papers · 44 merged')
  await expect(items.nth(1)).toContainText('margin import')
  await expect(items.nth(1)).toContainText('1 file · 44 new papers · 0 merged')
  await expectFocusTrapped(page, 'import-history')
  await shoot(page, '41-import-history', 'import-history')

  // the keyboard chooses one: its files and the papers it added
  await items.nth(0).focus()
  await page.keyboard.press('Enter')
  const chosen = dialog.getByTestId('import-chosen')
  await expect(chosen.getByTestId('import-file')).toHaveCount(2)
  await expect(dialog.getByTestId('import-totals')).toHaveText('2 files: 61 new papers, 44 merged')
  const papers = chosen.getByTestId('import-papers').getByRole('button')
  await expect(papers).toHaveCount(61)
  // the keyboard keeps its place: focus on "All imports", and back on the import it left
  await expect(dialog.getByTestId('import-back')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(items.nth(0)).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(papers).toHaveCount(61)
  const dropped = new Set(harness.library.importDetails(2)!.papersAdded.map((p) => p.title))
  expect(new Set(await papers.allInnerTexts())).toEqual(dropped)
  await shoot(page, '42-import-history-one', 'import-history')

  // a paper it added opens in the reader
  const title = (await papers.nth(5).innerText()).trim()
  await papers.nth(5).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('paper-title')).toHaveText(title)

  // Esc closes it and gives focus back
  const exportButton = page.getByTestId('export-open')
  await exportButton.focus()
  harness.emit('menu:importHistory', {})
  await expect(dialog).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(exportButton).toBeFocused()
})

test('Edit ▸ Undo from the menu: the app undoes a star outside text fields, the search box its own typing', async ({ app: page, harness }) => {
  await dropFiles(page, [fileFromDisk(DUMPS[0]!)])
  await expect(page.getByTestId('filter-all')).toHaveText(/44/)
  while ((await page.getByTestId('toast').count()) > 0) await page.keyboard.press('Escape')
  await page.keyboard.press('j')
  const id = Number(await page.getByTestId('reader').getAttribute('data-id'))
  await page.keyboard.press('s')
  const star = page.getByTestId('toggle-star')
  await expect(star).toHaveAttribute('aria-pressed', 'true')
  // on Windows and Linux Ctrl+Z arrives only as the menu item: outside a text field, the app's undo
  harness.emit('menu:edit', { action: 'undo' })
  await expect(star).toHaveAttribute('aria-pressed', 'false')
  harness.emit('menu:edit', { action: 'redo' })
  await expect(star).toHaveAttribute('aria-pressed', 'true')

  // in a text field: the field's own undo, and the star stays
  await page.keyboard.press('/')
  await page.keyboard.type('spiking')
  const box = page.locator('input[type="search"]').first()
  await expect(box).toHaveValue('spiking')
  // Chromium's own undo stack: the typing (or its last part) goes, which the app's undo never touches
  harness.emit('menu:edit', { action: 'undo' })
  await expect(box).not.toHaveValue('spiking')
  expect('spiking'.startsWith(await box.inputValue())).toBe(true)
  harness.emit('menu:edit', { action: 'redo' })
  await expect(box).toHaveValue('spiking')
  expect(harness.library.getPaper(id)!.starred).toBe(true)
})
