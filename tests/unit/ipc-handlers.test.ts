import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MarginApi } from '../../src/shared/contract'
import type { Host } from '../../src/main/ipc/host'
import { createMainDispatcher } from '../../src/main/ipc/server'
import { Library } from '../../src/main/library/library'
import { SettingsStore } from '../../src/main/settings/store'
import { createApi } from '../../src/preload/client'
import { DUMP_FILES, dumpBytes } from '../helpers/fixtures'

let dir: string
let library: Library
let api: MarginApi
let pushes: { event: string; payload: unknown }[]
let dialogPaths: string[]
let opened: string[]

function start() {
  library = new Library(join(dir, 'library.sqlite'))
  const host: Host = {
    showOpenDialog: async () => dialogPaths,
    showSaveDialog: async () => null,
    showFolderDialog: async () => null,
    openExternal: async (url) => void opened.push(url),
  }
  const { dispatcher } = createMainDispatcher({
    library,
    settings: new SettingsStore(join(dir, 'settings.json')),
    host,
    send: (event, payload) => pushes.push({ event, payload }),
  })
  api = createApi({ invoke: (c, i) => dispatcher.dispatch(c, i), subscribe: () => () => {} })
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'margin-handlers-'))
  pushes = []
  dialogPaths = []
  opened = []
  start()
})
afterEach(() => {
  library.close()
  rmSync(dir, { recursive: true, force: true })
})

const files = () => DUMP_FILES.map((path, i) => ({ name: path.split('/').pop()!, bytes: dumpBytes(i), lastModified: Date.UTC(2026, 3, 21) }))

describe('handlers on a real library', () => {
  it('import the three dumps with progress, then serve the feed', async () => {
    const results = await api.importFiles({ files: files() })
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported'])
    expect(results.reduce((n, r) => n + r.added, 0)).toBe(105)
    const progress = pushes.filter((p) => p.event === 'import:progress').map((p) => p.payload as { done: number; total: number })
    expect(progress.at(-1)).toMatchObject({ done: 3, total: 3, current: null })
    expect(pushes.at(-1)).toEqual({ event: 'library:changed', payload: { reason: 'import' } })

    const view = await api.feedView({})
    expect(view.ids).toHaveLength(105)
    expect(view.groups).toEqual([
      { day: '2026-04-20', total: 14, unread: 14 },
      { day: '2026-04-16', total: 36, unread: 36 },
      { day: '2026-04-13', total: 55, unread: 55 },
    ])
    const rows = await api.summaries({ ids: view.ids.slice(0, 3) })
    expect(rows.map((r) => r.id)).toEqual(view.ids.slice(0, 3))
    expect(rows.every((r) => r.firstSeen === '2026-04-20' && !r.read)).toBe(true)

    const again = await api.importFiles({ files: files().slice(0, 1) })
    expect(again[0]).toMatchObject({ status: 'already-imported', papers: 44 })
  })

  it('a failing file does not block the others', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
    const results = await api.importFiles({ files: [{ name: 'figure.png', bytes: png }, files()[0]!] })
    expect(results[0]).toMatchObject({ path: 'figure.png', status: 'failed' })
    expect(results[0]!.error).toMatch(/^Not a Daily Papers dump/)
    expect(results[1]).toMatchObject({ status: 'imported', papers: 44 })
  })

  it('marks read, stars and saves notes, announcing changes', async () => {
    await api.importFiles({ files: files() })
    const { ids } = await api.feedView({ filter: 'all', sort: 'date' })
    pushes = []
    expect(await api.setRead({ ids: ids.slice(0, 2), read: true })).toEqual({ changed: 2 })
    expect(await api.setRead({ ids: ids.slice(0, 2), read: true })).toEqual({ changed: 0 })
    expect(await api.setStarred({ ids: [ids[5]!], starred: true })).toEqual({ changed: 1 })
    const { savedAt } = await api.setNote({ id: ids[7]!, note: 'Compare with $O(n^2)$.' })
    expect(Date.parse(savedAt)).not.toBeNaN()
    await api.setNote({ id: ids[7]!, note: 'Compare with $O(n \\log n)$.' })
    expect(pushes.map((p) => (p.payload as { reason: string }).reason)).toEqual(['flags', 'flags', 'note'])

    const view = await api.feedView({ filter: 'unread' })
    expect(view.groups[0]).toEqual({ day: '2026-04-20', total: 12, unread: 12 })
    expect((await api.feedView({ filter: 'starred' })).ids).toEqual([ids[5]])
    expect((await api.feedView({ filter: 'notes' })).ids).toEqual([ids[7]])
    const paper = (await api.getPaper({ id: ids[7]! }))!
    expect(paper.note).toBe('Compare with $O(n \\log n)$.')
    expect(paper.appearances.length).toBeGreaterThan(0)

    // Mark all read in a view: one call with every id of the view.
    const unread = await api.feedView({ filter: 'unread' })
    expect(await api.setRead({ ids: unread.ids, read: true })).toEqual({ changed: 103 })
    expect((await api.counts()).unread).toBe(0)
  })

  it('imports through the dialog, reporting an unreadable path without stopping', async () => {
    dialogPaths = [join(dir, 'missing.txt'), DUMP_FILES[2]!]
    const results = await api.importWithDialog()
    expect(results[0]).toMatchObject({ path: 'missing.txt', status: 'failed' })
    expect(results[0]!.error).toMatch(/ENOENT|no such file/)
    expect(results[1]).toMatchObject({ status: 'imported', papers: 55 })
    dialogPaths = []
    expect(await api.importWithDialog()).toEqual([])
  })

  it('keeps settings in a JSON file and survives a damaged one', async () => {
    expect(await api.getSettings()).toMatchObject({ markReadOnOpen: true, paneWidths: { feed: 380, notes: 360 } })
    const next = await api.updateSettings({ markReadOnOpen: false, paneWidths: { feed: 420 } })
    expect(next).toMatchObject({ markReadOnOpen: false, paneWidths: { feed: 420, notes: 360 } })
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).paneWidths.feed).toBe(420)
    library.close()
    start()
    expect((await api.getSettings()).markReadOnOpen).toBe(false)
    writeFileSync(join(dir, 'settings.json'), '{ not json')
    library.close()
    start()
    expect((await api.getSettings()).markReadOnOpen).toBe(true)
  })

  it('opens only http(s) links through the host', async () => {
    await api.openExternal({ url: 'https://github.com/dyballa/dynamic-connectomes' })
    await expect(api.openExternal({ url: 'file:///etc/passwd' })).rejects.toThrow(/only http\(s\)/)
    expect(opened).toEqual(['https://github.com/dyballa/dynamic-connectomes'])
  })

  it('answers a search with the row data of its first results when asked (one call per keystroke)', async () => {
    await api.importFiles({ files: files() })
    const plain = await api.search({ query: 'neural' })
    expect(plain.results.length).toBeGreaterThan(5)
    expect(plain.firstRows).toBeUndefined()
    const withRows = await api.search({ query: 'neural', firstRows: 5 })
    expect(withRows.results).toEqual(plain.results)
    // the first five results' rows, in the results' order, the same as the list would fetch
    const ids = plain.results.slice(0, 5).map((h) => h.id)
    expect(withRows.firstRows!.map((s) => s.id)).toEqual(ids)
    expect(withRows.firstRows).toEqual(await api.summaries({ ids }))
    // fewer results than asked: every one of them
    const few = await api.search({ query: 'connectome', firstRows: 200 })
    expect(few.firstRows!.map((s) => s.id)).toEqual(few.results.map((h) => h.id))
    await expect(api.search({ query: 'neural', firstRows: 201 })).rejects.toThrow(/firstRows/)
  })
})
