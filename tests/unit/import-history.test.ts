/**
 * The import history (migration 7): every import through ImportBatch is recorded with its files in
 * the transactions that write their papers, so a failed write leaves no partial record.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ImportBatch } from '../../src/main/library/importBatch'
import { Library } from '../../src/main/library/library'
import { migrate } from '../../src/main/library/migrations'
import { DUMP_FILES, dumpBytes, entry, makeDump, utf8 } from '../helpers/fixtures'

let dir: string
let lib: Library
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'margin-history-'))
  lib = new Library(join(dir, 'library.sqlite'))
})
afterEach(() => {
  lib.close()
  rmSync(dir, { recursive: true, force: true })
})

const shared = () => DUMP_FILES.map((path, i) => ({ path: `dump-${i}.txt`, bytes: dumpBytes(i) }))
const historyRows = (l: Library) => ({
  imports: l.db.prepare('SELECT * FROM imports ORDER BY id').all(),
  files: l.db.prepare('SELECT * FROM import_files ORDER BY import_id, position').all(),
})

describe('the import history', () => {
  it('records one import per batch with its source, files, days, new and merged papers, and the papers it added', () => {
    const results = lib.importDumps(shared(), { source: 'cli' })
    const { imports, total } = lib.importHistory()
    expect(total).toBe(1)
    const [record] = imports
    expect(record).toMatchObject({ id: 1, source: 'cli', files: 3, imported: 3, alreadyImported: 0, failed: 0 })
    expect(record!.finishedAt).not.toBeNull()
    expect(record!.added).toBe(lib.counts().total)
    expect(record!.added + record!.merged).toBe(results.reduce((n, r) => n + r.papers, 0))

    const details = lib.importDetails(1)!
    expect(details.files.map((f) => [f.name, f.status, f.dumpDate, f.added, f.merged])).toEqual(
      results.map((r) => [r.path, 'imported', r.dumpDate, r.added, r.merged]),
    )
    expect(details.files.every((f) => f.size !== null && f.size > 1000 && f.error === null)).toBe(true)
    // what the import added is the whole library, each paper once
    expect(details.papersAddedTotal).toBe(lib.counts().total)
    expect(new Set(details.papersAdded.map((p) => p.id)).size).toBe(details.papersAdded.length)
    expect(details.papersAdded.map((p) => p.id)).toEqual(lib.viewIds().sort((a, b) => a - b))
  })

  it('a re-import of the same file is an import that added 0 papers', () => {
    lib.importDumps(shared().slice(0, 1), { source: 'app-drop' })
    const again = lib.importDumps([{ path: 'renamed copy.txt', bytes: dumpBytes(0) }], { source: 'app-dialog' })
    expect(again[0]!.status).toBe('already-imported')
    const { imports } = lib.importHistory()
    expect(imports.map((i) => [i.id, i.source, i.files, i.added, i.alreadyImported])).toEqual([
      [2, 'app-dialog', 1, 0, 1],
      [1, 'app-drop', 1, again[0]!.papers, 0],
    ])
    const details = lib.importDetails(2)!
    expect(details.files).toMatchObject([{ name: 'renamed copy.txt', status: 'already-imported', added: 0, merged: 0, error: null }])
    expect(details.papersAdded).toEqual([])
    expect(details.papersAddedTotal).toBe(0)
  })

  it('a file that is not a dump is recorded as failed, with its code and sentence, beside the files that went in', () => {
    const bad = { path: 'photo.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) }
    const results = lib.importDumps([shared()[0]!, bad], { source: 'cli' })
    const details = lib.importDetails(1)!
    expect(details.import).toMatchObject({ files: 2, imported: 1, failed: 1 })
    expect(details.files[1]).toMatchObject({ name: 'photo.png', status: 'failed', added: 0, error: { code: 'notADump', message: results[1]!.error } })
  })

  it('an import whose only file could not be read records that file and nothing else', () => {
    const batch = new ImportBatch(lib, { source: 'cli' })
    batch.fail('/nowhere/missing.txt', 'No such file: /nowhere/missing.txt', 'notFound')
    batch.finish()
    expect(batch.importId).toBe(1)
    expect(lib.importDetails(1)!.files).toMatchObject([{ name: '/nowhere/missing.txt', status: 'failed', size: null, error: { code: 'notFound' } }])
    expect(lib.counts().total).toBe(0)
  })

  it('a write that fails (a full disk) leaves no partial record: only the failed files, with the reason', () => {
    lib.importDumps(shared().slice(0, 1), { source: 'cli' })
    const before = historyRows(lib)
    const papersBefore = lib.counts()
    // the library can grow by a few pages only: the next dump's transaction fails when it commits
    const pages = lib.db.pragma('page_count', { simple: true }) as number
    lib.db.pragma(`max_page_count = ${pages + 2}`)
    const results = lib.importDumps(shared().slice(1), { source: 'cli', chunkEntries: 1 })
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed'])
    // nothing of the papers and nothing of the history was written (a full disk takes no record either)
    expect(lib.counts()).toEqual(papersBefore)
    expect(historyRows(lib)).toEqual(before)
  })

  it('a failed transaction (another cause) is recorded as its files failing, and nothing they would have added', () => {
    // a trigger that makes the second chunk's transaction fail midway, after its papers were inserted
    lib.importDumps(shared().slice(0, 1), { source: 'cli' })
    const papersBefore = lib.counts().total
    lib.db.exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON appearances WHEN (SELECT count(*) FROM dumps) > 2
      BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`)
    const results = lib.importDumps(shared().slice(1), { source: 'cli', chunkEntries: 1 })
    expect(results.map((r) => r.status)).toEqual(['imported', 'failed'])
    const details = lib.importDetails(2)!
    expect(details.files.map((f) => [f.status, f.error?.code ?? null])).toEqual([
      ['imported', null],
      ['failed', 'internal'],
    ])
    expect(details.files[1]).toMatchObject({ added: 0, merged: 0 })
    expect(details.files[1]!.error!.message).toContain('refused by the test')
    // what import 2 added is exactly what the library gained
    expect(details.papersAddedTotal).toBe(lib.counts().total - papersBefore)
    expect(details.import.finishedAt).not.toBeNull()
  })

  it('pages newest first; an unknown id is null', () => {
    for (let i = 0; i < 5; i++) lib.importDumps([{ path: `d${i}.txt`, bytes: utf8(makeDump('Apr 20', [entry(`Paper number ${i}`, 'An abstract long enough to read.')])) }])
    expect(lib.importHistory({ limit: 2 }).imports.map((i) => i.id)).toEqual([5, 4])
    expect(lib.importHistory({ limit: 2, offset: 4 })).toMatchObject({ total: 5, imports: [{ id: 1 }] })
    expect(lib.importDetails(99)).toBeNull()
  })

  it('a killed import keeps the files it committed, with no end time', () => {
    const batch = new ImportBatch(lib, { source: 'cli', chunkEntries: 1 })
    batch.add(shared()[0]!)
    // the process dies here: finish() never runs
    lib.bulkWrites(false)
    const [record] = lib.importHistory().imports
    expect(record).toMatchObject({ files: 1, imported: 1, finishedAt: null })
  })

  it('a read-only library from before the history (and the author index) is refused, unchanged, not shown half-read', () => {
    const path = join(dir, 'old.sqlite')
    const old = new Database(path)
    migrate(old, 6)
    old.close()
    const before = readFileSync(path)
    expect(() => new Library(path, { readOnly: true })).toThrow(/needs upgrading/)
    expect(readFileSync(path).equals(before)).toBe(true)
  })
})
