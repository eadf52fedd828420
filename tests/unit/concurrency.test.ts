/**
 * The app and the `margin` CLI share one library file. Several processes import at once (the built
 * CLI, as a user runs it) while this process searches, marks and edits notes as the app does: every
 * write waits for the lock instead of failing, every paper is there once, and the file stays sound.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MarginApi } from '../../src/shared/contract'
import type { Host } from '../../src/main/ipc/host'
import { createMainDispatcher } from '../../src/main/ipc/server'
import { watchExternalChanges } from '../../src/main/ipc/watchChanges'
import { errorCode, toErrorInfo } from '../../src/main/errors'
import { Library } from '../../src/main/library/library'
import { searchPapers } from '../../src/main/search'
import { tokenize } from '../../src/main/library/searchIndex/text'
import { termDocs } from '../../src/main/library/searchIndex/vocabulary'
import { SearchIndexStore } from '../../src/main/library/searchIndex/searchIndexStore'
import { SettingsStore } from '../../src/main/settings/store'
import { createApi } from '../../src/preload/client'
import { requireBuiltCli } from '../helpers/cli'
import { DUMP_FILES } from '../helpers/fixtures'
import { API_FILES } from '../helpers/library'
import { CONSISTENT, consistency, distinctTitles, redatedDump, startMargin, writeSynthDumps } from '../helpers/sharedLibrary'

let dir: string
beforeAll(() => {
  requireBuiltCli()
  dir = mkdtempSync(join(tmpdir(), 'margin-concurrency-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const tick = () => new Promise<void>((resolve) => setImmediate(resolve))
const BUSY = 'The library is busy (another import is running); try again.'

function dispatcherOn(library: Library) {
  const pushes: { event: string; payload: unknown }[] = []
  const host: Host = {
    showOpenDialog: async () => [],
    showSaveDialog: async () => null,
    showFolderDialog: async () => null,
    openExternal: async () => {},
  }
  const { dispatcher, ctx } = createMainDispatcher({
    library,
    settings: new SettingsStore(join(dir, 'settings.json')),
    host,
    send: (event, payload) => pushes.push({ event, payload }),
  })
  const api: MarginApi = createApi({ invoke: (c, i) => dispatcher.dispatch(c, i), subscribe: () => () => {} })
  return { api, ctx, pushes }
}

describe('four `margin import`s at once, with the app working beside them', () => {
  it('all succeed, every paper is there once, marks and notes survive, the file is sound', async () => {
    const path = join(dir, 'four.sqlite')
    const lib = new Library(path)
    // overlapping imports: each process the real dumps (in its own order) and 16 synthetic dumps of
    // which it shares 8 with its neighbours, ~1,200 entries in one transaction each
    const synth = writeSynthDumps(join(dir, 'four-synth'), 40, 60, 9)
    const real = [...DUMP_FILES, ...API_FILES]
    const orders = [0, 1, 2, 3].map((i) => [...(i % 2 ? [...real].reverse() : real), ...synth.slice(i * 8, i * 8 + 16)])
    const all = [...new Set(orders.flat())]
    // something for the app to mark and annotate from the start
    expect(lib.importDump({ path: API_FILES[0]!, bytes: readFileSync(API_FILES[0]!) }).status).toBe('imported')
    const children = orders.map((files) => startMargin(path, 'import', '--json', ...files))
    let running = true
    const finished = Promise.all(children.map((c) => c.done)).finally(() => (running = false))

    const notes = new Map<number, string>()
    const starred = new Set<number>()
    // a write of the app waits up to busy_timeout (5 s) for the imports' transactions; on a machine
    // so loaded that they hold the lock longer, it fails with `busy` and its sentence, nothing else
    let busy = 0
    const write = (fn: () => void) => {
      try {
        fn()
        return true
      } catch (e) {
        expect(toErrorInfo(e)).toEqual({ code: 'busy', message: BUSY })
        busy++
        return false
      }
    }
    let writes = 0
    for (let i = 0; running || i < 5; i++) {
      const ids = lib.viewIds()
      const id = ids[i % ids.length]!
      expect(searchPapers(lib, i % 2 ? 'spikng neurons' : 'brain').errors).toEqual([])
      write(() => lib.setRead([id], i % 3 === 0))
      if (write(() => lib.setStarred([id], true))) starred.add(id)
      const note = `note ${i} on paper ${id}`
      if (write(() => expect(lib.setNote(id, note)).not.toBeNull())) notes.set(id, note)
      writes += 3
      await tick()
    }
    expect(busy).toBeLessThan(writes)
    const results = await finished
    for (const r of results) expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' })
    const files = results.flatMap((r) => (JSON.parse(r.out) as { files: { path: string; status: string }[] }).files)
    expect(files.filter((f) => f.status !== 'imported' && f.status !== 'already-imported')).toEqual([])
    // each file imported by exactly one process (the first API file by the app)
    const imported = files.filter((f) => f.status === 'imported').map((f) => basename(f.path))
    expect(imported.sort()).toEqual(all.filter((f) => f !== API_FILES[0]).map((f) => basename(f)).sort())

    expect(consistency(lib.db)).toMatchObject({ ...CONSISTENT, papers: distinctTitles(all) })
    expect(lib.counts().dumps).toBe(all.length)
    // what the app wrote meanwhile is all there
    for (const [id, note] of notes) expect(lib.getPaper(id)!.note).toBe(note)
    expect(lib.counts().starred).toBe(starred.size)
    lib.close()
  }, 120_000)
})

describe("the app's import while a 100-file `margin import` runs", () => {
  it('every file of both imports succeeds', async () => {
    const path = join(dir, 'hundred.sqlite')
    const files = writeSynthDumps(join(dir, 'synth'), 100)
    const lib = new Library(path)
    const { api } = dispatcherOn(lib)
    const v0 = lib.dataVersion()
    const cli = startMargin(path, 'import', '--json', ...files)
    let running = true
    const done = cli.done.finally(() => (running = false))

    // the app imports real dumps, redated so each drop is new files, one drop after another until
    // the CLI is done
    const headers = ['Mar', 'Apr', 'May', 'Jun'].flatMap((m) => Array.from({ length: 28 }, (_, d) => `${m} ${d + 1}`))
    const appResults: { status: string; error: string | null }[] = []
    let whileCliWrote = 0
    for (const header of headers) {
      if (!running && appResults.length) break
      if (running && lib.dataVersion() !== v0) whileCliWrote++
      const dropped = DUMP_FILES.map((f, i) => ({ name: `${header}-${i}.txt`, bytes: redatedDump(f, header), lastModified: Date.UTC(2026, 5, 30) }))
      appResults.push(...(await api.importFiles({ files: dropped })))
    }
    const r = await done
    expect(r.code).toBe(0)
    const cliResults = (JSON.parse(r.out) as { files: { status: string }[] }).files
    expect(cliResults).toHaveLength(100)
    // a dump is a day: the three files of a drop share their (redated) day, and a synthetic dump may
    // fall on one of those days too; the first file of a day imports it, the others add their papers to it
    expect(cliResults.filter((f) => f.status !== 'imported' && f.status !== 'updated')).toEqual([])
    expect(appResults.filter((f) => f.status !== 'imported' && f.status !== 'updated')).toEqual([])
    // the app kept importing after the CLI had started writing (else this tested nothing)
    expect(whileCliWrote).toBeGreaterThan(0)
    expect(consistency(lib.db)).toMatchObject({ ...CONSISTENT, papers: distinctTitles([...files, ...DUMP_FILES]) })
    lib.close()
  }, 120_000)
})

describe('a write that cannot get the lock', () => {
  it('waits busy_timeout (at least 5 s), then fails with the code busy and a sentence; the library is unchanged', () => {
    const path = join(dir, 'busy.sqlite')
    const lib = new Library(path)
    expect(lib.db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(5000)
    lib.importDump({ path: DUMP_FILES[0]!, bytes: readFileSync(DUMP_FILES[0]!) })
    // another process holding the write lock (a second connection behaves the same)
    const other = new Database(path)
    other.exec('BEGIN IMMEDIATE')
    lib.db.pragma('busy_timeout = 100') // the wait itself is not what this test measures
    const before = lib.counts()
    const [result] = lib.importDumps([{ path: DUMP_FILES[1]!, bytes: readFileSync(DUMP_FILES[1]!) }])
    expect(result).toMatchObject({ status: 'failed', error: BUSY })
    let thrown: unknown
    try {
      lib.setStarred([1], true)
    } catch (e) {
      thrown = e
    }
    expect(errorCode(thrown)).toBe('busy')
    expect(toErrorInfo(thrown)).toEqual({ code: 'busy', message: BUSY })
    // a read is never blocked by a writer (WAL)
    expect(searchPapers(lib, 'brain').results.length).toBeGreaterThan(0)
    // a note saved meanwhile is kept; the vocabulary learns it later instead of failing the save
    other.exec('ROLLBACK')
    other.exec('BEGIN IMMEDIATE')
    expect(() => lib.learnVocabulary({ wait: false })).not.toThrow()
    other.exec('ROLLBACK')
    other.close()
    expect(lib.counts()).toEqual(before)
    lib.close()
  })
})

describe('searches never write', () => {
  it('search a read-only library whose vocabulary has not learned the last import', () => {
    const path = join(dir, 'readonly.sqlite')
    const lib = new Library(path)
    lib.importDump({ path: DUMP_FILES[0]!, bytes: readFileSync(DUMP_FILES[0]!) })
    // imported, but the vocabulary left for later (as the app does after a big import)
    lib.importDumps(DUMP_FILES.slice(1).map((f) => ({ path: f, bytes: readFileSync(f) })), { vocabulary: 'later' })
    // a title word only the later dumps hold, which the vocabulary has not learned
    const first = lib.db.prepare('SELECT max(paper_id) FROM appearances WHERE dump_id = 1').pluck().get() as number
    const later = lib.db.prepare('SELECT id, title FROM papers WHERE id > ? ORDER BY id').all(first) as { id: number; title: string }[]
    const [id, word] = later.flatMap((p) => tokenize(p.title).filter((w) => /^[a-z]{7,}$/.test(w) && termDocs(lib.db, w) === 0).map((w) => [p.id, w] as const))[0]!
    const wanted = [id]
    const learned = () => lib.db.prepare("SELECT value FROM search_state WHERE key = 'learned_id'").pluck().get()
    const learnedBefore = learned()

    const ro = new Database(path, { readonly: true })
    const roIndex = { searchIndex: new SearchIndexStore(ro) }
    const found = searchPapers(roIndex, `${word} `).results.map((r) => r.id)
    expect(found).toEqual(expect.arrayContaining(wanted))
    // typos of words the vocabulary knows are still corrected; the word being typed completes
    expect(searchPapers(roIndex, 'spikng neurons').corrections).toEqual([{ word: 'spikng', terms: expect.arrayContaining(['spiking']) }])
    expect(searchPapers(roIndex, word.slice(0, 5)).results.map((r) => r.id)).toEqual(expect.arrayContaining(wanted))
    ro.close()
    expect(learned()).toBe(learnedBefore)

    // a full disk: the search works, the vocabulary cannot learn and says so without throwing
    lib.db.pragma(`max_page_count = ${lib.db.pragma('page_count', { simple: true })}`)
    expect(searchPapers(lib, `${word} `).results.map((r) => r.id)).toEqual(expect.arrayContaining(wanted))
    expect(lib.learnVocabulary()).toBe(false)
    expect(learned()).toBe(learnedBefore)
    lib.close()
  })
})

describe('changes made by another process', () => {
  it('data_version moves only for other connections, and the watcher tells the renderer', async () => {
    const path = join(dir, 'watch.sqlite')
    const lib = new Library(path)
    const { ctx, pushes } = dispatcherOn(lib)
    const v0 = lib.dataVersion()
    lib.setStarred([1], true) // our own write: no change seen
    expect(lib.dataVersion()).toBe(v0)
    const stop = watchExternalChanges(ctx, { intervalMs: 20 })
    const r = await startMargin(path, 'import', DUMP_FILES[0]!).done
    expect(r.code).toBe(0)
    expect(lib.dataVersion()).not.toBe(v0)
    await expect.poll(() => pushes.map((p) => p.event)).toContain('library:changed')
    expect(pushes.find((p) => p.event === 'library:changed')!.payload).toEqual({ reason: 'external' })
    stop()
    lib.close()
  })
})
