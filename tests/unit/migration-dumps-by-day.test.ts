/**
 * Migration 9 on a library written the old way (a dump per file): the same day imported as the
 * original text, its CRLF copy, and an API day with a later re-fetch. The rows are written with
 * the SQL the import used before version 9, from the real fixtures, then the library is opened.
 */
import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ImportedEntry } from '../../src/main/dump/hfApi'
import { parseHfApiBytes } from '../../src/main/dump/hfApi'
import { parseDumpBytes, resolveDump } from '../../src/main/dump/parser'
import { Library } from '../../src/main/library/library'
import { LATEST_VERSION, migrate, schemaVersion } from '../../src/main/library/migrations'
import { titleKey } from '../../src/main/library/titleKey'
import { DUMP_FILES, dumpText, utf8 } from '../helpers/fixtures'
import { API_DIR } from '../helpers/library'

const API_FILE = join(API_DIR, 'api_daily_papers_2025-10-03.json')
/** The version before the day migration (in the merged list: 8). */
const BEFORE = 8
let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

/** What the import wrote before version 9: a dump row per file, papers merged by title, an appearance per entry. */
function oldImport(db: Database.Database, path: string, bytes: Uint8Array, importedAt: string): void {
  const parsed = path.endsWith('.json')
    ? parseHfApiBytes(bytes, new Date('2026-01-01'), path)
    : resolveDump(parseDumpBytes(bytes), new Date('2026-05-01'))
  const day = parsed.dumpDate
  const dumpId = db
    .prepare(
      `INSERT INTO dumps (file_name, size, sha256, dump_date, imported_at, entries, added, merged, warnings)
       VALUES (?, ?, ?, ?, ?, ?, 0, 0, '[]')`,
    )
    .run(path, bytes.length, createHash('sha256').update(bytes).digest('hex'), day, importedAt, parsed.entries.length).lastInsertRowid
  let added = 0
  parsed.entries.forEach((e: ImportedEntry, position) => {
    const key = titleKey(e.title)
    const row = db.prepare('SELECT id, upvotes_date, abstract FROM papers WHERE title_key = ?').get(key) as
      | { id: number; upvotes_date: string | null; abstract: string }
      | undefined
    let id: number
    if (!row) {
      id = Number(
        db
          .prepare(
            `INSERT INTO papers (title, title_key, abstract, authors_count, org_handle, org_name, published_at, published_explicit,
               upvotes, upvotes_date, first_seen, last_seen, added_at, arxiv_id, authors, citation_key)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            e.title,
            key,
            e.abstract,
            e.authorsCount,
            e.org?.handle ?? null,
            e.org?.name ?? null,
            e.publishedAt,
            e.publishedExplicit ? 1 : 0,
            e.upvotes,
            e.upvotes === null ? null : day,
            day,
            day,
            importedAt,
            e.arxivId ?? null,
            e.authors ? JSON.stringify(e.authors) : null,
            `k${key.length}x${position}${day}`,
          ).lastInsertRowid,
      )
      added++
    } else {
      id = row.id
      // the old rule: the newest dump date wins, and on the same day the last file imported
      if (e.upvotes !== null && (row.upvotes_date === null || day >= row.upvotes_date)) {
        db.prepare('UPDATE papers SET upvotes = ?, upvotes_date = ? WHERE id = ?').run(e.upvotes, day, id)
      }
      if (e.abstract.length > row.abstract.length) db.prepare('UPDATE papers SET abstract = ? WHERE id = ?').run(e.abstract, id)
    }
    db.prepare('INSERT INTO appearances (dump_id, position, paper_id, upvotes) VALUES (?, ?, ?, ?)').run(dumpId, position, id, e.upvotes)
  })
  db.prepare('UPDATE dumps SET added = ?, merged = ? WHERE id = ?').run(added, parsed.entries.length - added, dumpId)
}

describe('migration 9: dumps by day', () => {
  it('merges the duplicate days of an old library, keeping the best upvotes and every file', () => {
    dir = mkdtempSync(join(tmpdir(), 'margin-m9-'))
    const file = join(dir, 'library.sqlite')
    const db = new Database(file)
    migrate(db, BEFORE)
    expect(schemaVersion(db)).toBeLessThan(9)
    const list = JSON.parse(readFileSync(API_FILE, 'utf8')) as { paper: { title: string; upvotes: number } }[]
    const evening = list.map((e, i) => (i < 4 ? { ...e, paper: { ...e.paper, upvotes: e.paper.upvotes + 10 } } : e))
    const morningAgain = JSON.stringify(list, null, 4)
    db.transaction(() => {
      oldImport(db, DUMP_FILES[0]!, readFileSync(DUMP_FILES[0]!), '2026-04-20T08:00:00Z')
      oldImport(db, 'crlf-copy.txt', utf8(dumpText(0).replace(/\n/g, '\r\n')), '2026-04-20T09:00:00Z')
      oldImport(db, DUMP_FILES[1]!, readFileSync(DUMP_FILES[1]!), '2026-04-20T10:00:00Z')
      oldImport(db, API_FILE, readFileSync(API_FILE), '2026-04-20T11:00:00Z')
      oldImport(db, 'evening.json', utf8(JSON.stringify(evening)), '2026-04-20T12:00:00Z')
      // the morning's response re-serialised, imported last: the old code took its lower counts
      oldImport(db, 'morning-again.json', utf8(morningAgain), '2026-04-20T13:00:00Z')
    })()
    const oldDumps = db.prepare('SELECT dump_date, count(*) AS n FROM dumps GROUP BY dump_date ORDER BY dump_date').all()
    expect(oldDumps).toEqual([
      { dump_date: '2025-10-03', n: 3 },
      { dump_date: '2026-04-16', n: 1 },
      { dump_date: '2026-04-20', n: 2 },
    ])
    const first = list[0]!.paper.title
    expect(db.prepare('SELECT upvotes FROM papers WHERE title = ?').pluck().get(first)).toBe(list[0]!.paper.upvotes)
    const papers = db.prepare('SELECT count(*) FROM papers').pluck().get()
    db.close()

    const lib = new Library(file)
    expect(schemaVersion(lib.db)).toBe(LATEST_VERSION)
    expect(lib.dumps().map((d) => [d.dumpDate, d.entries])).toEqual([
      ['2026-04-20', 44],
      ['2026-04-16', 50],
      ['2025-10-03', 39],
    ])
    expect(lib.counts()).toMatchObject({ total: papers, dumps: 3 })
    // one appearance per paper and day; the day's best count (the evening's) wins
    expect(lib.db.prepare('SELECT max(n) FROM (SELECT count(*) AS n FROM appearances GROUP BY dump_id, paper_id)').pluck().get()).toBe(1)
    const apiPapers = lib.listPapers().filter((p) => p.appearances.some((a) => a.dumpDate === '2025-10-03'))
    expect(apiPapers).toHaveLength(39)
    for (const e of evening) {
      const p = apiPapers.find((x) => titleKey(x.title) === titleKey(e.paper.title))!
      expect(p.appearances).toEqual([{ dumpDate: '2025-10-03', fileName: API_FILE, upvotes: e.paper.upvotes }])
      expect(p.upvotes).toBe(e.paper.upvotes)
    }
    // the positions are the first file's order
    const order = lib.db
      .prepare('SELECT p.title FROM appearances a JOIN dumps d ON d.id = a.dump_id JOIN papers p ON p.id = a.paper_id WHERE d.dump_date = ? ORDER BY a.position')
      .pluck()
      .all('2025-10-03')
    expect(order.map((t) => titleKey(t as string))).toEqual(list.map((e) => titleKey(e.paper.title)))
    // every file is remembered under its day; their exact bytes are known without parsing
    const files = lib.db.prepare('SELECT f.file_name, d.dump_date FROM dump_files f JOIN dumps d ON d.id = f.dump_id ORDER BY f.imported_at').all()
    expect(files).toEqual([
      { file_name: DUMP_FILES[0], dump_date: '2026-04-20' },
      { file_name: 'crlf-copy.txt', dump_date: '2026-04-20' },
      { file_name: DUMP_FILES[1], dump_date: '2026-04-16' },
      { file_name: API_FILE, dump_date: '2025-10-03' },
      { file_name: 'evening.json', dump_date: '2025-10-03' },
      { file_name: 'morning-again.json', dump_date: '2025-10-03' },
    ])
    expect(lib.importDump({ path: 'again.json', bytes: utf8(JSON.stringify(evening)) }).status).toBe('already-imported')
    expect(lib.importDump({ path: 'utf16.txt', bytes: Uint8Array.from([0xff, 0xfe, ...Buffer.from(dumpText(0), 'utf16le')]) }).status).toBe(
      'already-imported',
    )
    expect(lib.db.pragma('foreign_key_check')).toEqual([])
    expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok')
    lib.close()
  })

  it('leaves a library without duplicate days as it was, and refuses a second dump of a day from then on', () => {
    const db = new Database(':memory:')
    migrate(db, BEFORE)
    oldImport(db, DUMP_FILES[0]!, readFileSync(DUMP_FILES[0]!), '2026-04-20T08:00:00Z')
    const before = db.prepare('SELECT * FROM appearances ORDER BY dump_id, position').all()
    const dumps = db.prepare('SELECT * FROM dumps').all()
    migrate(db)
    expect(db.prepare('SELECT * FROM appearances ORDER BY dump_id, position').all()).toEqual(before)
    expect(db.prepare('SELECT * FROM dumps').all()).toEqual(dumps)
    expect(() =>
      db
        .prepare(`INSERT INTO dumps (file_name, size, sha256, dump_date, imported_at, entries, added, merged) VALUES ('x', 1, 'y', '2026-04-20', '', 0, 0, 0)`)
        .run(),
    ).toThrow(/UNIQUE/)
  })
})
