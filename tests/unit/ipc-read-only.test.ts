/**
 * The app's handlers on a library that cannot be written: every call that would change the library
 * is refused with `readOnly` (or `diskFull`) and one sentence before its handler runs, the file stays
 * byte-for-byte as it was, and reading, searching and exporting go on. The real dispatcher and
 * handlers on a real library made read-only by its mode (0444: Margin opens it read-only even for
 * root, who could write it) and by a read-only mount where the machine allows one.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channels } from '../../src/shared/contract'
import type { Host } from '../../src/main/ipc/host'
import { createMainDispatcher } from '../../src/main/ipc/server'
import { Library } from '../../src/main/library/library'
import { SettingsStore } from '../../src/main/settings/store'
import { DUMP_FILES, dumpBytes } from '../helpers/fixtures'

let dir: string
let good: string
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

/** A valid input for every channel that writes the library (the contract marks them). */
const WRITES: Record<string, unknown> = {
  setCitationKey: { id: 1, key: 'mine2026' },
  importFiles: { files: [{ name: 'a.txt', bytes: dumpBytes(1), lastModified: Date.UTC(2026, 3, 21) }] },
  importWithDialog: undefined,
  setNote: { id: 1, note: 'A note that must not be stored.' },
  patchNote: { id: 1, base: { savedAt: null, length: 0 }, from: 0, to: 0, insert: 'x' },
  setRead: { ids: [1, 2], read: true },
  setStarred: { ids: [1], starred: true },
  saveSearch: { name: 'mine', query: 'neurons' },
  deleteSavedSearch: { id: 1 },
  addTags: { id: 1, tags: ['todo'] },
  removeTags: { id: 1, tags: ['todo'] },
  fetchDays: { from: '2025-10-03', to: '2025-10-03' },
}

function dispatcherOn(library: Library) {
  const dialogs: string[] = []
  const host: Host = {
    showOpenDialog: async () => (dialogs.push('open'), DUMP_FILES),
    showSaveDialog: async () => null,
    showFolderDialog: async () => null,
    openExternal: async () => {},
  }
  const { dispatcher } = createMainDispatcher({ library, settings: new SettingsStore(join(dir, 'settings.json')), host, send: () => {} })
  return { dispatcher, dialogs }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'margin-ipc-ro-'))
  good = join(dir, 'good.sqlite')
  const lib = new Library(good)
  lib.importDump({ path: 'a.txt', bytes: dumpBytes(0), modifiedAt: new Date(Date.UTC(2026, 3, 21)) })
  lib.close()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function refusesWritesReadsWork(path: string) {
  const before = sha256(path)
  const lib = new Library(path)
  expect(lib.readOnly).toBe(true)
  const { dispatcher, dialogs } = dispatcherOn(lib)
  // the contract's marked channels are exactly these
  const marked = Object.entries(channels).flatMap(([name, def]) => ('writesLibrary' in def && def.writesLibrary ? [name] : []))
  expect(marked.sort()).toEqual(Object.keys(WRITES).sort())
  for (const [channel, input] of Object.entries(WRITES)) {
    const r = await dispatcher.dispatch(channel, input)
    expect(r.ok, channel).toBe(false)
    if (r.ok) continue
    expect(r.error.code, channel).toBe('readOnly')
    expect(r.error.message, channel).toMatch(/^The library is read-only \(.*\); nothing was changed\.$/)
  }
  // refused before the handler ran: the import dialog never opened
  expect(dialogs).toEqual([])
  // reading, searching and the app's view of the library work, and say why it cannot be written
  const feed = await dispatcher.dispatch('feedView', { filter: 'all', sort: 'date' })
  expect(feed.ok).toBe(true)
  const search = await dispatcher.dispatch('search', { query: 'neurons' })
  expect(search.ok).toBe(true)
  const paper = await dispatcher.dispatch('getPaper', { id: 1 })
  expect(paper.ok && (paper.value as { note: string }).note).toBe('')
  const info = await dispatcher.dispatch('appInfo', undefined)
  expect(info.ok && info.value).toMatchObject({ readOnly: { reason: 'readOnly', message: expect.stringMatching(/read-only/) } })
  lib.close()
  expect(sha256(path)).toBe(before)
}

describe('write handlers on a read-only library', () => {
  it('mode 0444: every write is refused with readOnly and one sentence; reads work; the file is unchanged', async () => {
    const path = join(dir, 'mode-0444.sqlite')
    copyFileSync(good, path)
    chmodSync(path, 0o444)
    await refusesWritesReadsWork(path)
  })

  it('a read-only mount: the same', async (ctx) => {
    const mnt = join(dir, 'ro-mnt')
    mkdirSync(mnt)
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt], { stdio: 'ignore' })
    } catch {
      return ctx.skip() // not root: the 0444 case covers the same path
    }
    try {
      const path = join(mnt, 'library.sqlite')
      copyFileSync(good, path)
      execFileSync('mount', ['-o', 'remount,ro', mnt])
      await refusesWritesReadsWork(path)
    } finally {
      execFileSync('umount', [mnt])
    }
  })

  it('a writable library: appInfo says so, and the same calls write', async () => {
    const path = join(dir, 'writable.sqlite')
    copyFileSync(good, path)
    const lib = new Library(path)
    const { dispatcher } = dispatcherOn(lib)
    const info = await dispatcher.dispatch('appInfo', undefined)
    expect(info.ok && info.value).toMatchObject({ readOnly: null })
    expect(await dispatcher.dispatch('setStarred', WRITES.setStarred)).toMatchObject({ ok: true })
    expect(await dispatcher.dispatch('setNote', WRITES.setNote)).toMatchObject({ ok: true })
    expect(lib.getPaper(1)).toMatchObject({ starred: true, note: 'A note that must not be stored.' })
    lib.close()
  })
})
