/**
 * Import speed: a year of dumps (334 files, 20,040 entries) read from disk and imported as
 * `margin import` and the app do (one ImportBatch, parsing on the second core when the build's
 * parsing thread is there), beside SQLite's own floor in the same run:
 *   - the floor of the paper rows: those rows inserted from memory, indexed by FTS5 in one statement,
 *     one transaction (what the import was first measured against);
 *   - the floor of every row the import writes: the same, plus each paper's appearance in its day
 *     and its term vector (For you), each file's record, the import's history and the citation-key
 *     counters, inserted from memory;
 * the same import parsing in one thread; and the import's own thread: its CPU time and the time it
 * waited for the parsing thread.
 * Rounds alternate import and floors (this VM's disk and CPU vary by ±30% between seconds); medians.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readImportFile } from '../../src/main/library/importFile'
import { type Library } from '../../src/main/library/library'
import { catchUpVocabulary } from '../../src/main/library/searchIndex/vocabulary'
import { median, ms, openFresh, time } from './measure'
import { type Synth } from './synth'

export const IMPORT_ROUNDS = 5

/** Rows the import writes besides papers, days, appearances and vectors: copied whole into the floor of every row. */
const OTHER_TABLES = ['dump_files', 'imports', 'import_files', 'citation_key_next']

/** The paper columns the floors copy. */
const FLOOR_COLUMNS =
  'title, title_key, abstract, authors_count, org_handle, org_name, published_at, published_explicit, upvotes, upvotes_date, first_seen, last_seen, added_at, arxiv_id, authors, citation_key'

export interface ImportReport {
  papers: number
  papersPerSec: number
  seconds: number
  mergeMs: number
  checkpointMs: number
  vocabularyMs: number
  /** The floor of the paper rows (+ FTS5). */
  sqliteFloorPapersPerSec: number
  /** The floor of every row the import writes: papers (+ FTS5), appearances, term vectors, files, history, key counters. */
  sqliteFloorAllRowsPapersPerSec: number
  /** The same import parsing in its own thread alone (no parsing thread), in the same rounds. */
  oneThreadPapersPerSec: number
  /** papersPerSec / each floor (the same run's medians). */
  ofFloor: number
  ofAllRowsFloor: number
  /** The import's own thread: CPU time, and time spent waiting for the parsing thread (0: no such thread). */
  importThreadCpuMs: number
  waitedForParsingMs: number
  /** Files the import's thread parsed itself rather than wait for the parsing thread (median). */
  parsedHere: number
  parsingThread: boolean
  budgetMs: { readAndParse: number; paperRows: number; fts5: number; commit: number }
  rounds: { papersPerSec: number; oneThreadPapersPerSec: number; sqliteFloorPapersPerSec: number; sqliteFloorAllRowsPapersPerSec: number }[]
}




export function benchImport({ dir, synth, perDump, dumps }: { dir: string; synth: Synth; perDump: number; dumps: number }): ImportReport {
  const dumpDir = join(dir, 'dumps')
  mkdirSync(dumpDir, { recursive: true })
  const files = Array.from({ length: dumps }, (_, i) => {
    const file = join(dumpDir, `${String(i).padStart(3, '0')}.txt`)
    writeFileSync(file, synth.dump(new Date(Date.UTC(2025, 0, 1 + i)), perDump).text)
    return file
  })
  // each file read as `margin import` and the app read it, as the import comes to it
  const importInto = (lib: Library) =>
    lib.importDumps(
      (function* () {
        for (const file of files) yield readImportFile(file)
      })(),
      { vocabulary: 'later', files: files.length },
    )
  const rounds = Array.from({ length: IMPORT_ROUNDS }, () => {
    // the same import parsed in its own thread alone, for comparison
    const alone = openFresh(join(dir, 'import-one-thread.sqlite'))
    alone.parseAhead = null
    const [, tOneThread] = time(() => importInto(alone))
    alone.close()
    const lib = openFresh(join(dir, 'import.sqlite'))
    const cpu = process.threadCpuUsage()
    const [results, t] = time(() => importInto(lib))
    const used = process.threadCpuUsage(cpu)
    const waited = lib.parseAhead?.waitedMs ?? 0
    // every file parsed there, or here rather than wait for that thread
    const parsingThread = (lib.parseAhead?.answered ?? 0) > 0 && (lib.parseAhead?.answered ?? 0) + (lib.parseAhead?.claimed ?? 0) === files.length
    const claimed = lib.parseAhead?.claimed ?? 0
    const n = results.reduce((sum, r) => sum + r.added, 0)
    if (n !== files.length * perDump) throw new Error(`import added ${n} papers, expected ${files.length * perDump}`)
    // what the app does once idle afterwards (the CLI: merges once the import is done; checkpoints when it closes the library)
    const [, tMerge] = time(() => lib.mergeSearchIndex())
    const [, tCheckpoint] = time(() => lib.checkpoint())
    const [, tVocabulary] = time(() => catchUpVocabulary(lib.db))
    // the rows the import wrote, to insert again from memory
    const rows = lib.db.prepare(`SELECT ${FLOOR_COLUMNS} FROM papers ORDER BY id`).raw().all()
    const appearances = lib.db.prepare('SELECT dump_id, position, paper_id, upvotes FROM appearances ORDER BY dump_id, position').raw().all()
    const days = lib.db.prepare('SELECT file_name, size, sha256, dump_date, imported_at, entries, added, merged, warnings FROM dumps ORDER BY id').raw().all()
    const vectors = lib.db.prepare('SELECT paper_id, terms, generation FROM paper_vectors ORDER BY paper_id').raw().all()
    const others = OTHER_TABLES.map((table) => ({ table, rows: lib.db.prepare(`SELECT * FROM ${table}`).raw().all() as unknown[][] }))
    lib.close()
    const floor = (all: boolean) => {
      const db = openFresh(join(dir, 'import-floor.sqlite'))
      let tParse = 0
      // what reading and parsing alone cost (the files are new to this empty library)
      if (!all) [, tParse] = time(() => files.forEach((file) => db.prepareDump({ path: file, bytes: readFileSync(file), modifiedAt: statSync(file).mtime })))
      db.db.pragma('wal_autocheckpoint = 0')
      const insert = db.db.prepare(`INSERT INTO papers (${FLOOR_COLUMNS}) VALUES (${FLOOR_COLUMNS.split(',').map(() => '?').join(', ')})`)
      const insertDay = db.db.prepare('INSERT INTO dumps (file_name, size, sha256, dump_date, imported_at, entries, added, merged, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      const appear = db.db.prepare('INSERT INTO appearances (dump_id, position, paper_id, upvotes) VALUES (?, ?, ?, ?)')
      const vector = db.db.prepare('INSERT INTO paper_vectors (paper_id, terms, generation) VALUES (?, ?, ?)')
      let tRows = 0
      let tFts = 0
      const [, tFloor] = time(() =>
        db.db.transaction(() => {
          ;[, tRows] = time(() => {
            for (const r of rows) insert.run(r)
            if (!all) return
            for (const d of days) insertDay.run(d)
            for (const a of appearances) appear.run(a)
            for (const v of vectors) vector.run(v)
            for (const { table, rows } of others) {
              const insertRow = rows.length ? db.db.prepare(`INSERT INTO ${table} VALUES (${rows[0]!.map(() => '?').join(', ')})`) : null
              for (const r of rows) insertRow!.run(r)
            }
          })
          ;[, tFts] = time(() =>
            db.db.exec(
              all
                ? // indexed as the import indexes: the same columns and statement (src/main/library/searchIndex/indexer.ts)
                  `INSERT INTO search_fts (rowid, title, abstract, org, note, tags, authors, ids)
                   SELECT p.id, p.title, p.abstract, trim(coalesce(p.org_handle, '') || ' ' || coalesce(p.org_name, '')), p.note,
                     '', -- new papers have no tags yet
                     coalesce((SELECT group_concat(a.value, ' ') FROM json_each(p.authors) a), ''), coalesce(p.arxiv_id, '')
                   FROM papers p`
                : `INSERT INTO search_fts (rowid, title, abstract, org, note, tags)
                   SELECT id, title, abstract, trim(coalesce(org_handle, '') || ' ' || coalesce(org_name, '')), note, '' FROM papers`,
            ),
          )
        })(),
      )
      db.close()
      return { tFloor, tParse, tRows, tFts }
    }
    const papersOnly = floor(false)
    const allRows = floor(true)
    return {
      n,
      t,
      tOneThread,
      cpuMs: (used.user + used.system) / 1000,
      waited,
      claimed,
      parsingThread,
      tMerge,
      tCheckpoint,
      tVocabulary,
      tFloor: papersOnly.tFloor,
      tFloorAll: allRows.tFloor,
      tParse: papersOnly.tParse,
      tRows: papersOnly.tRows,
      tFts: papersOnly.tFts,
      tCommit: papersOnly.tFloor - papersOnly.tRows - papersOnly.tFts,
    }
  })
  const med = (f: (r: (typeof rounds)[number]) => number) => median(rounds.map(f))
  const n = rounds[0]!.n
  const rate = (t: number) => Math.round(n / (t / 1000))
  const papersPerSec = rate(med((r) => r.t))
  return {
    papers: n,
    seconds: ms(med((r) => r.t) / 1000),
    papersPerSec,
    mergeMs: ms(med((r) => r.tMerge)),
    checkpointMs: ms(med((r) => r.tCheckpoint)),
    vocabularyMs: ms(med((r) => r.tVocabulary)),
    oneThreadPapersPerSec: rate(med((r) => r.tOneThread)),
    sqliteFloorPapersPerSec: rate(med((r) => r.tFloor)),
    sqliteFloorAllRowsPapersPerSec: rate(med((r) => r.tFloorAll)),
    ofFloor: Math.round((papersPerSec / rate(med((r) => r.tFloor))) * 100) / 100,
    ofAllRowsFloor: Math.round((papersPerSec / rate(med((r) => r.tFloorAll))) * 100) / 100,
    importThreadCpuMs: Math.round(med((r) => r.cpuMs)),
    waitedForParsingMs: Math.round(med((r) => r.waited)),
    parsedHere: Math.round(med((r) => r.claimed)),
    parsingThread: rounds.every((r) => r.parsingThread),
    // where a single thread's time goes, each part measured alone (medians)
    budgetMs: { readAndParse: Math.round(med((r) => r.tParse)), paperRows: Math.round(med((r) => r.tRows)), fts5: Math.round(med((r) => r.tFts)), commit: Math.round(med((r) => r.tCommit)) },
    rounds: rounds.map((r) => ({ papersPerSec: rate(r.t), oneThreadPapersPerSec: rate(r.tOneThread), sqliteFloorPapersPerSec: rate(r.tFloor), sqliteFloorAllRowsPapersPerSec: rate(r.tFloorAll) })),
  }
}

/** The import's rows of the README's table. */
export function importRows(r: ImportReport): string[] {
  const b = r.budgetMs
  const list = (f: (x: ImportReport['rounds'][number]) => number) => r.rounds.map((x) => f(x).toLocaleString('en')).join(', ')
  return [
    `| import ${r.papers.toLocaleString('en')} entries (a year of dumps: read, parsed, written, search index and term vectors included; median of ${IMPORT_ROUNDS}) | ${r.papersPerSec.toLocaleString('en')} papers/s (${r.seconds} s; rounds ${list((x) => x.papersPerSec)}) | ≥ 20,000/s |`,
    `| … the same import parsing in its own thread alone (no parsing thread) | ${r.oneThreadPapersPerSec.toLocaleString('en')} papers/s (rounds ${list((x) => x.oneThreadPapersPerSec)}) | |`,
    `| … its own thread: CPU; waiting for the parsing thread; files it parsed itself rather than wait for that thread | ${r.importThreadCpuMs.toLocaleString('en')} ms; ${r.parsingThread ? `${r.waitedForParsingMs} ms; ${r.parsedHere}` : 'no parsing thread (run `npm run build` first)'} | |`,
    `| … afterwards, when idle: merging its search-index segments; WAL checkpoint; typo vocabulary (else built by the first search) | ${r.mergeMs} ms; ${r.checkpointMs} ms; ${r.vocabularyMs} ms | |`,
    `| … SQLite's floor for every row it writes: papers + FTS5 (the import's own index statement), appearances, term vectors, files, history, key counters, from memory, one transaction | ${r.sqliteFloorAllRowsPapersPerSec.toLocaleString('en')} papers/s (rounds ${list((x) => x.sqliteFloorAllRowsPapersPerSec)}); the import runs at **${r.ofAllRowsFloor}** of it | ≥ 0.65 |`,
    `| … SQLite's floor for the paper rows alone: papers + FTS5 in one statement, one transaction | ${r.sqliteFloorPapersPerSec.toLocaleString('en')} papers/s (rounds ${list((x) => x.sqliteFloorPapersPerSec)}); the import runs at **${r.ofFloor}** of it | |`,
    `| … that floor's parts, plus reading and parsing the files alone: read+hash+parse; paper rows; FTS5; commit | ${b.readAndParse} + ${b.paperRows} + ${b.fts5} + ${b.commit} = ${b.readAndParse + b.paperRows + b.fts5 + b.commit} ms (≤ ${(r.papers / 20).toLocaleString('en')} ms for 20,000/s) | |`,
  ]
}

export function importLog(r: ImportReport): string {
  return `import: ${r.papers} entries in ${r.seconds} s (median) = ${r.papersPerSec}/s (in one thread ${r.oneThreadPapersPerSec}/s); own thread ${r.importThreadCpuMs} ms CPU, waited ${r.waitedForParsingMs} ms for parsing${r.parsingThread ? ` (parsed ${r.parsedHere} files itself rather than wait)` : ' (no parsing thread)'}; floor of every row ${r.sqliteFloorAllRowsPapersPerSec}/s (${r.ofAllRowsFloor}), of the paper rows ${r.sqliteFloorPapersPerSec}/s (${r.ofFloor}); then search-index merge ${r.mergeMs} ms, checkpoint ${r.checkpointMs} ms, vocabulary ${r.vocabularyMs} ms`
}
