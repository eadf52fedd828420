/**
 * The keyboard, item by item, in the real renderer against the real handlers: the ? sheet comes from
 * the keymap, dialogs trap focus and give it back, Esc closes the topmost thing, toasts stay while
 * hovered, undo/redo, first/last, keys typed after `n`, Write/Preview, search from the top and back.
 */
import { DUMPS, dropFiles, expect, fileFromDisk, settledAttribute, test } from './harness/fixtures'
import type { Page } from '@playwright/test'
import { KEYMAP, keyLabel } from '../../src/renderer/src/keymap'

const row = (page: Page, id: number | string) => page.locator(`[data-testid="feed-row"][data-id="${id}"]`)

async function loaded(page: Page) {
  await dropFiles(page, DUMPS.map((p) => fileFromDisk(p)))
  await expect(page.getByTestId('filter-all')).toHaveText(/105/)
  while ((await page.getByTestId('toast').count()) > 0) await page.keyboard.press('Escape')
}

test('the ? sheet lists every keymap row, Ctrl+E and Ctrl+O included', async ({ app: page }) => {
  await loaded(page)
  await page.keyboard.press('?')
  const sheet = page.getByTestId('shortcut-help')
  await expect(sheet.locator('tr')).toHaveCount(KEYMAP.length)
  for (const b of KEYMAP) await expect(sheet.locator(`tr[data-action="${b.action}"] kbd`)).toHaveText(b.keys.map(keyLabel))
  await expect(sheet).toContainText('Ctrl/Cmd+E')
  await expect(sheet).toContainText('Ctrl/Cmd+O')
})

test('Help ▸ Keyboard Shortcuts opens the same sheet; Esc closes it', async ({ app: page, harness }) => {
  await loaded(page)
  harness.emit('menu:shortcuts', {})
  const sheet = page.getByTestId('shortcut-help')
  await expect(sheet).toBeVisible()
  await expect(sheet.locator('tr')).toHaveCount(KEYMAP.length)
  await page.keyboard.press('Escape')
  await expect(sheet).toBeHidden()
})

test('dialogs trap focus and give it back; Esc closes the topmost', async ({ app: page }) => {
  await loaded(page)
  // help: opened from its toolbar button, focus inside, Tab stays inside, Esc returns focus to the button
  const helpButton = page.getByRole('button', { name: 'Keyboard shortcuts' })
  await helpButton.click()
  const help = page.getByTestId('shortcut-help')
  await expect(help).toBeVisible()
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab')
    expect(await help.evaluate((el) => el.contains(document.activeElement))).toBe(true)
  }
  await page.keyboard.press('Shift+Tab')
  expect(await help.evaluate((el) => el.contains(document.activeElement))).toBe(true)
  // keys do not reach the feed while a dialog is open
  await page.keyboard.press('j')
  await expect(page.getByTestId('reader')).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(help).toHaveCount(0)
  await expect(helpButton).toBeFocused()

  // settings: the same
  const settingsButton = page.getByRole('button', { name: 'Settings' })
  await settingsButton.click()
  const settings = page.getByTestId('settings')
  await expect(settings.getByRole('checkbox').first()).toBeFocused()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  expect(await settings.evaluate((el) => el.contains(document.activeElement))).toBe(true)
  await page.keyboard.press('Escape')
  await expect(settings).toHaveCount(0)
  await expect(settingsButton).toBeFocused()

  // export, opened with Ctrl+E from the feed: focus comes back to where it was (nothing focused)
  await page.locator('body').click({ position: { x: 600, y: 400 } })
  await page.keyboard.press('Control+e')
  const exp = page.getByTestId('export-dialog')
  await expect(exp).toBeVisible()
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab')
    expect(await exp.evaluate((el) => el.contains(document.activeElement))).toBe(true)
  }
  await page.keyboard.press('Escape')
  await expect(exp).toHaveCount(0)
  await page.keyboard.press('j')
  await expect(page.getByTestId('reader')).toBeVisible()
})

test('toasts stay while hovered; Esc dismisses the newest, then leaves the search', async ({ app: page }) => {
  await loaded(page)
  await page.keyboard.press('j')
  await page.keyboard.press('A')
  const toast = page.getByTestId('toast').filter({ hasText: 'Marked as read' })
  await expect(toast).toBeVisible()
  await toast.hover()
  await expect(toast).toHaveAttribute('data-held', 'true')
  await page.mouse.move(5, 500)
  await expect(toast).toHaveAttribute('data-held', 'false')
  // a failed import is an error toast: it stays until dismissed, Esc dismisses it
  await dropFiles(page, [{ name: 'picture.png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 0, 0]) }])
  const error = page.locator('[data-testid="toast"][data-tone="error"]')
  await expect(error).toBeVisible()
  await page.keyboard.press('/')
  await page.keyboard.type('brain')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('results-count')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(error).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(toast).toHaveCount(0)
  await expect(page.getByTestId('results-count')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('results-count')).toHaveCount(0)
})

test('u undoes marks, stars, mark-all-read and tags; Shift+U and Ctrl+Shift+Z redo', async ({ app: page }) => {
  await loaded(page)
  await page.keyboard.press('j')
  const reader = page.getByTestId('reader')
  const id = (await reader.getAttribute('data-id'))!
  await expect(row(page, id)).toHaveAttribute('data-read', 'true')
  await page.keyboard.press('m')
  await expect(row(page, id)).toHaveAttribute('data-read', 'false')
  await page.keyboard.press('s')
  await expect(page.getByTestId('toggle-star')).toHaveAttribute('aria-pressed', 'true')
  await page.keyboard.press('u')
  await expect(page.getByTestId('toggle-star')).toHaveAttribute('aria-pressed', 'false')
  await page.keyboard.press('Control+z')
  await expect(row(page, id)).toHaveAttribute('data-read', 'true')
  await expect(page.getByTestId('read-state')).toHaveText('Read')
  await page.keyboard.press('Shift+U')
  await expect(row(page, id)).toHaveAttribute('data-read', 'false')
  await page.keyboard.press('Control+Shift+Z')
  await expect(page.getByTestId('toggle-star')).toHaveAttribute('aria-pressed', 'true')

  // mark-all-read, undone
  await page.keyboard.press('A')
  await expect(page.getByTestId('filter-unread')).toHaveText(/^Unread\s*0$/)
  await page.keyboard.press('u')
  await expect(page.getByTestId('filter-unread')).toHaveText(/^Unread\s*105$/)

  // a tag added in the notes pane, undone from the feed
  await page.getByLabel('Add tag').fill('robotics,')
  await expect(page.getByTestId('tag-chip')).toHaveText([/^robotics/])
  await page.locator('body').click({ position: { x: 600, y: 500 } })
  await page.keyboard.press('u')
  await expect(page.getByTestId('tag-chip')).toHaveCount(0)
  await page.keyboard.press('Shift+U')
  await expect(page.getByTestId('tag-chip')).toHaveText([/^robotics/])
})

test('Home/End and g g / Shift+G go to the first and last paper', async ({ app: page, harness }) => {
  await loaded(page)
  const ids = harness.library.viewIds('all', 'date')
  const reader = page.getByTestId('reader')
  await page.keyboard.press('End')
  await expect(reader).toHaveAttribute('data-id', String(ids.at(-1)))
  await expect(row(page, ids.at(-1)!)).toBeInViewport()
  await page.keyboard.press('Home')
  await expect(reader).toHaveAttribute('data-id', String(ids[0]))
  await page.keyboard.press('Shift+G')
  await expect(reader).toHaveAttribute('data-id', String(ids.at(-1)))
  await page.keyboard.press('g')
  await page.keyboard.press('g')
  await expect(reader).toHaveAttribute('data-id', String(ids[0]))
  await expect(row(page, ids[0]!)).toBeInViewport()
})

test('keys typed right after n go into the note; Ctrl+Enter switches Write and Preview', async ({ app: page, harness }) => {
  await loaded(page)
  await page.keyboard.press('j')
  const id = Number(await page.getByTestId('reader').getAttribute('data-id'))
  // close the notes pane first, so `n` has to open it before the editor exists
  await page.getByTestId('toggle-notes').click()
  await expect(page.getByTestId('note-editor')).toHaveCount(0)
  await page.locator('body').click({ position: { x: 600, y: 500 } })
  await page.keyboard.press('n')
  await page.keyboard.type('jks m', { delay: 0 })
  const editor = page.getByTestId('note-editor')
  await expect(editor).toHaveText('jks m')
  await expect(editor).toBeFocused()
  await page.keyboard.press('Control+Enter')
  await expect(page.getByTestId('note-preview')).toContainText('jks m')
  await expect.poll(() => harness.library.getPaper(id)?.note).toBe('jks m')
  await page.keyboard.press('Control+Enter')
  await expect(page.getByTestId('note-editor')).toBeFocused()
  // the keys did not run as shortcuts: still the same paper, not starred
  await expect(page.getByTestId('reader')).toHaveAttribute('data-id', String(id))
  await expect(page.getByTestId('toggle-star')).toHaveAttribute('aria-pressed', 'false')
})

test('search shows each query from the top with the best match selected; Esc goes back to the paper and scroll', async ({ app: page }) => {
  await loaded(page)
  const list = page.getByTestId('feed-list')
  for (let i = 0; i < 30; i++) await page.keyboard.press('j')
  const reader = page.getByTestId('reader')
  const before = await settledAttribute(reader, 'data-id')
  const scrollBefore = await list.evaluate((el) => el.scrollTop)
  expect(scrollBefore).toBeGreaterThan(0)
  await page.keyboard.press('/')
  await page.keyboard.type('neural')
  const first = page.getByTestId('feed-row').first()
  await expect(first).toHaveAttribute('aria-selected', 'true')
  await expect(reader).toHaveAttribute('data-id', (await first.getAttribute('data-id'))!)
  expect(await list.evaluate((el) => el.scrollTop)).toBe(0)
  // showing the best match does not mark it read
  await expect(page.getByTestId('read-state')).toHaveText('Unread')
  // scroll the results, then a new query starts from the top again
  await page.keyboard.press('Enter')
  for (let i = 0; i < 12; i++) await page.keyboard.press('j')
  await page.keyboard.press('/')
  await page.keyboard.type(' network')
  await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(0)
  await expect(page.getByTestId('feed-row').first()).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('results-count')).toHaveCount(0)
  await expect(reader).toHaveAttribute('data-id', before)
  await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(scrollBefore)
})
