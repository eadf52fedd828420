/**
 * A library that cannot be written (mode 0444: Margin opens it read-only even for root): the window
 * says so in a banner, reading and searching work, opening a paper does not try to mark it read, the
 * note is shown but not editable, and a write tried anyway shows the library's one sentence. The
 * file is left byte-for-byte as it was.
 */
import { createHash } from 'node:crypto'
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test } from '@playwright/test'
import { Library } from '../../src/main/library/library'
import { DUMPS, expect, fileFromDisk, screenshot } from './harness/fixtures'
import { spawnHarness } from './harness/spawn'

const ROOT = resolve(import.meta.dirname, '../..')

test('a read-only library: a banner, reads and search work, writes say why they cannot', async ({ page }) => {
  test.setTimeout(120_000)
  const dir = mkdtempSync(join(tmpdir(), 'margin-e2e-ro-'))
  const file = join(dir, 'library.sqlite')
  const setup = new Library(file)
  setup.importDump({ path: 'a.txt', bytes: fileFromDisk(DUMPS[0]!).bytes, modifiedAt: new Date(Date.UTC(2026, 3, 21)) })
  const id = setup.viewIds('all', 'date')[0]!
  setup.setNote(id, 'A note written before the library became read-only.')
  setup.close()
  chmodSync(file, 0o444)
  const before = createHash('sha256').update(readFileSync(file)).digest('hex')
  const harness = await spawnHarness({ root: ROOT, dir })
  try {
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.goto(harness.url)
    await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true')
    await expect(page.getByTestId('read-only-banner')).toHaveText(/This library is read-only \(.+\): you can read, search and export\./)
    // opening a paper does not try to mark it read (that would fail)
    await page.keyboard.press('j')
    await expect(page.getByTestId('reader')).toHaveAttribute('data-id', String(id))
    await expect(page.getByTestId('note-preview')).toContainText('A note written before')
    await expect(page.getByTestId('toast')).toHaveCount(0)
    // the note is shown in Write, not editable
    await page.getByRole('tab', { name: 'Write' }).click()
    await expect(page.locator('.note-editor .cm-content')).toHaveAttribute('contenteditable', 'false')
    await expect(page.locator('.note-editor .cm-content')).toHaveText('A note written before the library became read-only.')
    // a star tried anyway: the library's sentence, and nothing changes
    await page.getByTestId('toggle-star').click()
    await expect(page.getByTestId('toast').last()).toContainText('read-only')
    await expect(page.getByTestId('toggle-star')).toHaveAttribute('aria-pressed', 'false')
    // search works
    await page.keyboard.press('/')
    await page.keyboard.type('neurons')
    await expect(page.getByTestId('feed-row').first()).toBeVisible()
    await screenshot(page, 'read-only-light')
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.setViewportSize({ width: 800, height: 600 })
    await screenshot(page, 'read-only-dark-800')
  } finally {
    await harness.stop()
  }
  expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before)
  rmSync(dir, { recursive: true, force: true })
})
