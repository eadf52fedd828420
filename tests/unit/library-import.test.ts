import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { ImportBatch } from '../../src/main/library/importBatch'
import { Library, PAGE_SIZE } from '../../src/main/library/library'
import { dumpBytes, entry, makeDump, utf8 } from '../helpers/fixtures'

let dir: string
let lib: Library
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'margin-lib-'))
  lib = new Library(join(dir, 'library.sqlite'))
})
afterEach(() => {
  lib.close()
  rmSync(dir, { recursive: true, force: true })
})

const importShared = () => [0, 1, 2].map((i) => lib.importDump({ path: `dump-${i}.txt`, bytes: dumpBytes(i) }))

/** Everything in the library, for before/after comparisons. */
function snapshot(l: Library) {
  const tables = ['dumps', 'papers', 'appearances']
  return Object.fromEntries(tables.map((t) => [t, l.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]))
}

describe('importing the shared dumps', () => {
  it('gives 149 entries and 105 distinct papers', () => {
    const results = importShared()
    expect(results.map((r) => [r.status, r.dumpDate, r.papers])).toEqual([
      ['imported', '2026-04-20', 44],
      ['imported', '2026-04-16', 50],
      ['imported', '2026-04-13', 55],
    ])
    expect(results.reduce((n, r) => n + r.papers, 0)).toBe(149)
    expect(results.reduce((n, r) => n + r.added, 0)).toBe(105)
    expect(results.reduce((n, r) => n + r.merged, 0)).toBe(44)
    expect(lib.counts()).toEqual({ total: 105, unread: 105, starred: 0, notes: 0, dumps: 3 })
    expect(lib.db.prepare('SELECT count(*) FROM appearances').pluck().get()).toBe(149)
  })

  it('groups the feed by the day a paper was first seen, newest first', () => {
    importShared()
    expect(lib.dayGroups()).toEqual([
      { day: '2026-04-20', total: 14, unread: 14 },
      { day: '2026-04-16', total: 36, unread: 36 },
      { day: '2026-04-13', total: 55, unread: 55 },
    ])
  })

  it('records every appearance of a recurring paper', () => {
    importShared()
    const recurring = lib.listPapers().filter((p) => p.appearances.length === 3)
    expect(recurring.length).toBeGreaterThan(0)
    for (const p of recurring) {
      expect(p.appearances.map((a) => a.dumpDate)).toEqual(['2026-04-13', '2026-04-16', '2026-04-20'])
      expect(p.firstSeen).toBe('2026-04-13')
      expect(p.lastSeen).toBe('2026-04-20')
    }
  })

  it('records each file with its size, hash, date and counts', () => {
    importShared()
    const dumps = lib.dumps()
    expect(dumps.map((d) => [d.fileName, d.dumpDate, d.entries, d.added, d.merged])).toEqual([
      ['dump-0.txt', '2026-04-20', 44, 44, 0],
      ['dump-1.txt', '2026-04-16', 50, 32, 18],
      ['dump-2.txt', '2026-04-13', 55, 29, 26],
    ])
    expect(dumps[0]!.size).toBe(dumpBytes(0).length)
    expect(dumps[0]!.sha256).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('re-import', () => {
  it('of the same content changes nothing and says so, whatever the file name', () => {
    importShared()
    lib.setRead([1, 2], true)
    const before = snapshot(lib)
    const again = lib.importDump({ path: 'renamed copy.txt', bytes: dumpBytes(1) })
    expect(again).toMatchObject({ status: 'already-imported', dumpDate: '2026-04-16', papers: 50, added: 0, merged: 0 })
    expect(snapshot(lib)).toEqual(before)
  })
})

describe('a failed file', () => {
  it('that is not a dump leaves the library exactly as it was', () => {
    importShared()
    const before = snapshot(lib)
    const r = lib.importDump({ path: 'photo.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) })
    expect(r).toMatchObject({ status: 'failed', papers: 0, added: 0 })
    expect(r.error).toMatch(/PNG image/)
    expect(snapshot(lib)).toEqual(before)
  })

  it('that fails half-way through writing is rolled back whole', () => {
    lib.importDump({ path: 'a.txt', bytes: dumpBytes(0) })
    const before = snapshot(lib)
    // make the 20th row of the next dump fail, as a full disk would
    lib.db.exec(`CREATE TRIGGER fail BEFORE INSERT ON appearances WHEN NEW.position = 20
                 BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`)
    const r = lib.importDump({ path: 'b.txt', bytes: dumpBytes(1) })
    expect(r.status).toBe('failed')
    expect(r.error).toMatch(/disk I\/O error/)
    expect(snapshot(lib)).toEqual(before)
    lib.db.exec('DROP TRIGGER fail')
    expect(lib.importDump({ path: 'b.txt', bytes: dumpBytes(1) }).status).toBe('imported')
  })
})

describe('merging the same paper from several dumps', () => {
  const full = 'We present a model of neurons. It explains spikes. Code: https://example.org/x.'
  const older = makeDump('Mar 1', [
    entry('Spiking  Neurons: A Study', full.slice(0, 30), '  • 5 authors\n·\nFeb 24 3'),
    entry('Anchor paper', 'Anchor.', '  • 1 author\n·\nJan 2, 2025'),
  ])
  const newer = makeDump('Mar 9', [
    entry('SPIKING NEURONS: a study', full, 'cislmu CIS LMU\n·\nFeb 24, 2025 7'),
    entry('Anchor paper', 'Anchor.', '  • 1 author\n·\nJan 2, 2025'),
  ])
  const newest = makeDump('Mar 12', [
    entry('Spiking Neurons: A Study', full.slice(0, 50)), // no metadata: keeps what is known
    entry('Anchor paper', 'Anchor.', '  • 1 author\n·\nJan 2, 2025'),
  ])

  for (const order of [
    ['older', 'newer', 'newest'],
    ['newest', 'newer', 'older'],
  ]) {
    it(`keeps the most information whatever the import order (${order.join(', ')})`, () => {
      const files = { older, newer, newest }
      for (const name of order) lib.importDump({ path: name, bytes: utf8(files[name as keyof typeof files]) })
      expect(lib.counts().total).toBe(2)
      const p = lib.listPapers().find((x) => x.title.toLowerCase().startsWith('spiking'))!
      expect(p.abstract).toBe(full) // the longest copy wins
      expect(p.authorsCount).toBe(5) // known author count kept
      expect(p.org).toEqual({ handle: 'cislmu', name: 'CIS LMU' }) // organisation added
      expect(p.publishedAt).toBe('2025-02-24') // the printed year wins over the inferred 2026
      expect(p.upvotes).toBe(7) // the newest dump that shows a count
      expect(p.appearances.map((a) => [a.dumpDate, a.upvotes])).toEqual([
        ['2026-03-01', 3],
        ['2026-03-09', 7],
        ['2026-03-12', null],
      ])
      expect(p.firstSeen).toBe('2026-03-01')
      expect(p.lastSeen).toBe('2026-03-12')
    })
  }
})

describe('read state, stars and notes', () => {
  it('belong to the paper and survive importing more dumps', () => {
    lib.importDump({ path: 'a', bytes: dumpBytes(0) })
    const [first, second] = lib.viewIds()
    expect(lib.setRead([first!], true)).toBe(1)
    expect(lib.setRead([first!], true)).toBe(0) // already read
    lib.setStarred([second!], true)
    const savedAt = lib.setNote(first!, '# Notes\n\n$E = mc^2$')
    expect(savedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    importShared()
    const p = lib.getPaper(first!)!
    expect(p).toMatchObject({ read: true, note: '# Notes\n\n$E = mc^2$', noteUpdatedAt: savedAt, hasNote: true })
    expect(lib.getPaper(second!)!.starred).toBe(true)
    expect(lib.counts()).toMatchObject({ unread: 104, starred: 1, notes: 1 })
    expect(lib.viewIds('unread')).not.toContain(first)
    expect(lib.viewIds('starred')).toEqual([second])
    expect(lib.viewIds('notes')).toEqual([first])
  })

  it('notes on unknown papers are refused', () => {
    expect(lib.setNote(999, 'x')).toBeNull()
  })

  it('sorts by upvotes with the most voted first', () => {
    importShared()
    const votes = lib.summaries(lib.viewIds('all', 'upvotes')).map((p) => p.upvotes ?? 0)
    expect(votes).toEqual([...votes].sort((a, b) => b - a))
    expect(votes[0]).toBeGreaterThan(0)
  })

  it('returns summaries in the order asked for', () => {
    importShared()
    const ids = lib.viewIds().slice(0, 5).reverse()
    expect(lib.summaries([...ids, 424242]).map((s) => s.id)).toEqual(ids)
  })
})

describe('importing many files at once (ImportBatch, as the CLI and the app do)', () => {
  const files = () => ['a.txt', 'b.txt', 'c.txt'].map((path, i) => ({ path, bytes: dumpBytes(i) }))
  /** The library without import times, which differ between runs. */
  const content = (l: Library) => ({
    dumps: l.db.prepare('SELECT id, file_name, size, sha256, dump_date, entries, added, merged, warnings FROM dumps ORDER BY id').all(),
    papers: l.db.prepare('SELECT * FROM papers ORDER BY id').all().map((p) => ({ ...(p as object), added_at: null })),
    appearances: l.db.prepare('SELECT * FROM appearances ORDER BY dump_id, position').all(),
    fts: l.db.prepare("SELECT rowid FROM search_fts WHERE search_fts MATCH 'model OR neural OR learning' ORDER BY rowid").pluck().all(),
  })

  it('gives the same library as importing the files one at a time: papers, merges, keys, search index', () => {
    const single = new Library(':memory:')
    const one = files().map((f) => single.importDump(f))
    // at most 60 entries a transaction: a.txt + b.txt in one, c.txt in another
    const batch = lib.importDumps(files(), { chunkEntries: 60 })
    expect(batch).toEqual(one)
    expect(batch.map((r) => r.added)).toEqual([44, 32, 29])
    expect(content(lib)).toEqual(content(single))
    single.close()
  })

  it('reports the same file twice in one import as already imported, and a bad file alone as failed', () => {
    const results = lib.importDumps([
      { path: 'a.txt', bytes: dumpBytes(0) },
      { path: 'photo.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) },
      { path: 'a-copy.txt', bytes: dumpBytes(0) },
      { path: 'b.txt', bytes: dumpBytes(1) },
    ])
    expect(results.map((r) => [r.path, r.status])).toEqual([
      ['a.txt', 'imported'],
      ['photo.png', 'failed'],
      ['a-copy.txt', 'already-imported'],
      ['b.txt', 'imported'],
    ])
    expect(lib.counts().dumps).toBe(2)
  })

  it('rolls back only the transaction that fails, and fails every file it held', () => {
    lib.db.exec(`CREATE TRIGGER fail BEFORE INSERT ON dumps WHEN NEW.file_name = 'b.txt'
                 BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`)
    const results = lib.importDumps(files(), { chunkEntries: 60 }) // [a.txt, b.txt], then [c.txt]
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed', 'imported'])
    expect(results[0]!.error).toMatch(/Could not save to the library: disk I\/O error/)
    expect(results[0]!.dumpDate).toBe('2026-04-20')
    lib.db.exec('DROP TRIGGER fail')
    const onlyC = new Library(':memory:')
    onlyC.importDump(files()[2]!)
    expect(content(lib)).toEqual(content(onlyC))
    onlyC.close()
  })

  it('turns automatic WAL checkpoints off while it writes, and back on after', () => {
    const auto = () => lib.db.pragma('wal_autocheckpoint', { simple: true }) as number
    expect(auto()).toBe(1000)
    const seen: number[] = []
    lib.importDumps(files(), { onResult: () => seen.push(auto()), chunkEntries: 1 })
    expect(seen).toEqual([0, 0, 0])
    expect(auto()).toBe(1000)
    const wal = () => (lib.db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[])[0]!
    expect(wal().log).toBeGreaterThan(0)
    lib.checkpoint()
    expect(wal().checkpointed).toBe(wal().log)
  })

  it('restores automatic checkpoints only when the last of two overlapping imports ends', () => {
    const auto = () => lib.db.pragma('wal_autocheckpoint', { simple: true }) as number
    const first = new ImportBatch(lib)
    const second = new ImportBatch(lib)
    first.add(files()[0]!)
    first.finish()
    expect(auto()).toBe(0)
    second.add(files()[1]!)
    second.finish()
    expect(auto()).toBe(1000)
    expect([...first.results, ...second.results].map((r) => r.status)).toEqual(['imported', 'imported'])
  })
})

describe('the library file', () => {
  it('is created with 16 KiB pages; a library made with 4 KiB pages keeps them and its papers', () => {
    expect(lib.db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE)
    lib.close()

    // a library created before PAGE_SIZE existed (SQLite's default page size)
    const older = join(dir, 'older.sqlite')
    const raw = new Database(older)
    raw.pragma('page_size = 4096')
    raw.pragma('journal_mode = WAL')
    raw.close()
    let opened = new Library(older)
    opened.importDump({ path: 'dump-0.txt', bytes: dumpBytes(0) })
    const papers = opened.counts().total
    opened.close()
    opened = new Library(older)
    expect(opened.db.pragma('page_size', { simple: true })).toBe(4096)
    expect(opened.counts().total).toBe(papers)
    expect(papers).toBeGreaterThan(0)
    opened.close()

    lib = new Library(join(dir, 'library.sqlite'))
  })
})
