/**
 * Another process changes the open paper (the `margin` CLI, a second connection to the library
 * file): the reader's flags and tags and the paper's note follow within the watcher's poll. A note
 * with typing not yet saved in the window is never clobbered: the typing stays, is saved over the
 * other change, and a message says so.
 */
import { execFile } from 'node:child_process'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { Library } from '../../src/main/library/library'
import { DUMPS, expect, fileFromDisk, screenshot, test } from './harness/fixtures'

const ROOT = resolve(import.meta.dirname, '../..')
const run = promisify(execFile)
const margin = (library: string, ...args: string[]) => run(process.execPath, [join(ROOT, 'bin', 'margin.js'), '--library', library, ...args])

test('the CLI stars, tags and writes the note of the open paper: the reader and the note follow', async ({ app: page, harness }) => {
  test.setTimeout(120_000)
  harness.library.importDump({ path: 'a.txt', bytes: fileFromDisk(DUMPS[0]!).bytes, modifiedAt: new Date(Date.UTC(2026, 3, 21)) })
  await page.reload()
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true')
  await page.keyboard.press('j')
  const id = Number(await page.getByTestId('reader').getAttribute('data-id'))
  await expect(page.getByTestId('toggle-star')).toHaveAttribute('aria-pressed', 'false')
  const library = join(harness.dir, 'library.sqlite')

  await margin(library, 'mark', String(id), '--star')
  await margin(library, 'tag', String(id), 'from-cli')
  await margin(library, 'note', String(id), '--set', 'Written in a terminal: $x^2$.')
  await expect(page.getByTestId('toggle-star')).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByTestId('tag-chip')).toContainText(['from-cli'])
  // the paper had no note, so the pane shows the editor: the note from the terminal is in it
  await expect(page.getByTestId('note-editor')).toHaveText('Written in a terminal: $x^2$.')

  // in the editor, with nothing waiting to be saved: the note from elsewhere replaces the one shown
  await page.keyboard.press('n')
  await expect(page.getByTestId('note-editor')).toBeFocused()
  await margin(library, 'note', String(id), '--set', 'Rewritten in a terminal.')
  await expect(page.getByTestId('note-editor')).toHaveText('Rewritten in a terminal.')
  await expect(page.getByTestId('toast')).toHaveCount(0)
  await screenshot(page, 'external-note-reloaded-light')
})

test('typing not yet saved is kept when the note changes elsewhere, saved over it, and the window says so', async ({ app: page, harness }) => {
  test.setTimeout(120_000)
  harness.library.importDump({ path: 'a.txt', bytes: fileFromDisk(DUMPS[0]!).bytes, modifiedAt: new Date(Date.UTC(2026, 3, 21)) })
  const id = harness.library.viewIds('all', 'date')[0]!
  harness.library.setNote(id, 'First thoughts.')
  await page.reload()
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true')
  await page.keyboard.press('j')
  await expect(page.getByTestId('reader')).toHaveAttribute('data-id', String(id))
  await page.keyboard.press('n')
  const editor = page.getByTestId('note-editor')
  await expect(editor).toBeFocused()
  // hold the window's saves until the other process has written, so the typing is still unsaved then
  let release!: () => void
  const held = new Promise<void>((r) => (release = r))
  await page.route(/\/ipc\/(patchNote|setNote)$/, async (route) => {
    await held
    await route.continue()
  })
  await page.keyboard.press('Control+End')
  await page.keyboard.type(' Typed in the window.')
  await expect(page.getByTestId('save-state')).toHaveText(/Saving|Editing/)

  // another connection to the same file (what the CLI is): the watcher reports it to the window
  const other = new Library(join(harness.dir, 'library.sqlite'))
  other.setNote(id, 'Changed in a terminal meanwhile.')
  other.close()
  // the window reloads the paper but keeps what was typed
  await page.waitForTimeout(2500)
  await expect(editor).toHaveText('First thoughts. Typed in the window.')

  release()
  await expect(page.getByTestId('save-state')).toHaveText(/^Saved /)
  await expect(page.getByTestId('toast')).toContainText('This note was also changed elsewhere')
  await expect(page.getByTestId('toast')).toContainText('your version is kept')
  expect(harness.library.getPaper(id)!.note).toBe('First thoughts. Typed in the window.')
  await screenshot(page, 'external-note-kept-light')
  await page.emulateMedia({ colorScheme: 'dark' })
  await screenshot(page, 'external-note-kept-dark')
})
