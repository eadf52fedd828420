/**
 * The Margin library: one SQLite file behind a small API. The Electron main process, the CLI and
 * the browser test harness all use this class; nothing else issues SQL.
 */
import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import { DumpFormatError, parseDumpBytes, resolveDump } from '../dump/parser'
import { type ImportedEntry, looksLikeJson, parseHfApiBytes } from '../dump/hfApi'
import { CitationKeyAllocator, getCitationKey, setCitationKey } from './citationKeys'
import { makeBackup, dailyBackupDue } from './backup'
import { MarginError } from '../errors'
import { checkLibrary } from './check'
import type { CheckReport } from '../../shared/contract/shapes/check'
import { openLibraryFile, type OpenOptions, readOnlyMessage, type ReadOnlyReason } from './open'
import { indexImported, indexPapers } from './searchIndex/indexer'
import { statement, writeTransaction } from './statements'
import { toErrorInfo } from '../errors'
import { type CatchUpOptions, tryCatchUpVocabulary } from './searchIndex/vocabulary'
import type { DayGroup, DumpRecord, FeedFilter, FeedSort, ImportDetails, ImportRecord, ImportResult, LibraryCounts, Paper, PaperSummary } from '../../shared/contract/shapes/library'
import type { ErrorInfo } from '../../shared/errors'
import { importRecord, listImports } from './importHistory'
import { knownFile, type PaperRow, writeDay } from './writeDay'
import { failedResult, ImportBatch } from './importBatch'
import { type TextRow, writeImportedVectors } from './vectorStore'
import { applyNoteEdit, type NoteBase, type NoteEdit } from './noteEdit'

export interface ImportInput {
  /** Shown in results and stored with the dump record (a path or a file name). */
  path: string
  bytes: Uint8Array
  /** The file's modification time: decides the dump's year when no entry prints one. */
  modifiedAt?: Date
}

/** What writing one prepared dump did (for the import history). */
export interface WrittenDump {
  size: number
  result: ImportResult
  dumpId: number | null
  /** The papers it added have consecutive ids: these two. */
  firstNewId: number | null
  lastNewId: number | null
}

/** A file hashed and parsed, ready to write; or, with `result`, refused before writing. */
export interface PreparedDump {
  path: string
  size: number
  sha256: string
  dump?: { dumpDate: string; entries: ImportedEntry[]; warnings: string[] }
  result?: ImportResult
}


const SUMMARY_COLUMNS = `id, title, authors_count, org_handle, org_name, published_at, upvotes, read, starred,
  note <> '' AS has_note, first_seen`

const FILTER_SQL: Record<FeedFilter, string> = {
  all: '1',
  unread: 'read = 0',
  starred: 'starred = 1',
  notes: "note <> ''",
}
const ORDER_SQL: Record<FeedSort, string> = {
  date: 'first_seen DESC, id',
  upvotes: 'COALESCE(upvotes, 0) DESC, first_seen DESC, id',
}

export { PAGE_SIZE } from './open'

export class Library {
  readonly db: Database.Database
  /** Why the library opened read-only (null: writable). Writes then fail; check with assertWritable(). */
  readonly readOnlyReason: ReadOnlyReason | null
  /** The file was created by this open (a new library: nothing to back up yet). */
  readonly created: boolean
  private batches = 0
  /** Whether imports write term vectors (off only to measure their cost in `npm run bench`). */
  vectors = true
  private autocheckpoint = 1000

  /**
   * Opens or creates the library at `path` (src/main/library/open.ts): a file that is not a Margin
   * library this version can use is refused before anything is written; one that cannot be written
   * opens read-only. An existing library is backed up before it is migrated.
   */
  constructor(
    readonly path: string,
    options: Omit<OpenOptions, 'beforeMigrate'> = {},
  ) {
    const opened = openLibraryFile(path, {
      ...options,
      beforeMigrate: (db) => {
        makeBackup(db, path, 'before-migration')
      },
    })
    this.db = opened.db
    this.readOnlyReason = opened.readOnly
    this.created = opened.created
  }

  get readOnly(): boolean {
    return this.readOnlyReason !== null
  }

  /** Throws readOnly or diskFull, with a sentence, when the library opened read-only. */
  assertWritable(): void {
    if (this.readOnlyReason) throw new MarginError(this.readOnlyReason, readOnlyMessage(this.readOnlyReason))
  }

  /**
   * Once a day, on the first open: a backup into backups/ beside the library (the newest 7 kept).
   * The app and the CLI call this after opening; returns the backup made, or null when none was due
   * (or the library is read-only or in memory). Throws when the backup cannot be written.
   */
  dailyBackup(now = new Date()): string | null {
    if (this.path === ':memory:' || this.readOnly || this.created || !dailyBackupDue(this.path, now)) return null
    return makeBackup(this.db, this.path, 'daily', now)
  }

  /** A backup now (`margin backup`); works on a read-only library too, into its backups/ folder. */
  backup(): string {
    if (this.path === ':memory:') throw new MarginError('invalidInput', 'An in-memory library has no folder to back up into.')
    return makeBackup(this.db, this.path, 'manual')
  }

  /** Integrity, foreign keys and the search index (`margin check`, Help ▸ Check Library…). */
  check(): CheckReport {
    return checkLibrary(this.db, this.path, { writable: !this.readOnly })
  }

  close(): void {
    this.db.close()
  }

  /**
   * Imports one dump. Never throws for bad input: a file that cannot be read as a dump comes back as
   * `failed` with the reason, and the library is exactly as it was.
   */
  importDump(input: ImportInput): ImportResult {
    return this.importDumps([input])[0]!
  }

  /**
   * Imports many dumps (a folder, a year of them) through an ImportBatch: files are written a
   * transaction of about IMPORT_CHUNK entries at a time. Results come back in the order given.
   */
  importDumps(
    inputs: Iterable<ImportInput>,
    options?: ConstructorParameters<typeof ImportBatch>[1] & {
      /** 'later': leave the typo vocabulary to a later learnVocabulary() (the app does it when idle). */
      vocabulary?: 'now' | 'later'
    },
  ): ImportResult[] {
    const batch = new ImportBatch(this, options)
    try {
      for (const input of inputs) batch.add(input)
    } finally {
      batch.finish()
    }
    if (options?.vocabulary !== 'later' && batch.results.some((r) => r.status === 'imported' || r.status === 'updated')) this.learnVocabulary()
    return batch.results
  }

  /**
   * Teaches the typo vocabulary the papers written since it last learned (writers call this after
   * their write; searches never do). Never throws: on a busy, read-only or full library it returns
   * false and the vocabulary catches up on a later write. `wait: false` gives up at once when
   * another process holds the write lock instead of waiting for it; `rebuild: false` leaves a bulk
   * rebuild (after a big import) for later.
   */
  learnVocabulary(options: CatchUpOptions = {}): boolean {
    return tryCatchUpVocabulary(this.db, options)
  }

  /**
   * A number that changes whenever ANOTHER connection (the CLI, a second window's process) commits
   * to the library; this connection's own writes leave it alone. The app polls it to notice changes
   * made elsewhere.
   */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number
  }

  /**
   * ImportBatch's switch: automatic WAL checkpoints stay off while any batch runs (two imports may
   * overlap in the app) and come back as they were when the last one ends.
   */
  bulkWrites(on: boolean): void {
    if (on && this.batches++ === 0) {
      this.autocheckpoint = this.db.pragma('wal_autocheckpoint', { simple: true }) as number
      this.db.pragma('wal_autocheckpoint = 0')
    } else if (!on && --this.batches === 0) {
      this.db.pragma(`wal_autocheckpoint = ${this.autocheckpoint}`)
    }
  }

  /**
   * Copies the write-ahead log into the database file. Imports leave this for later (ImportBatch);
   * the app calls it when idle after one, and closing the library does it too.
   */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(PASSIVE)')
  }

  /** Hashes and parses one file. Reads the library (is the file known?) but never writes it. */
  prepareDump(input: ImportInput): PreparedDump {
    const base = { path: input.path, dumpDate: null, papers: 0, added: 0, merged: 0, updated: 0, warnings: [] as string[], error: null }
    const sha256 = createHash('sha256').update(input.bytes).digest('hex')
    const prepared = { path: input.path, size: input.bytes.length, sha256 }
    const known = knownFile(this.db, sha256)
    if (known) return { ...prepared, result: { ...base, status: 'already-imported', ...known } }
    try {
      // a Daily Papers API response (JSON) or a saved page (text)
      const parsed = looksLikeJson(input.bytes)
        ? parseHfApiBytes(input.bytes, input.modifiedAt ?? new Date(), input.path)
        : resolveDump(parseDumpBytes(input.bytes), input.modifiedAt ?? new Date())
      return {
        ...prepared,
        dump: { dumpDate: parsed.dumpDate, entries: parsed.entries, warnings: parsed.warnings.map((w) => `line ${w.line}: ${w.message}`) },
      }
    } catch (e) {
      if (e instanceof DumpFormatError) return { ...prepared, result: { ...base, status: 'failed', error: e.message } }
      throw e
    }
  }

  /**
   * Writes prepared dumps in one transaction and indexes what they added for search in the same
   * transaction (one bulk statement: FTS5 is several times faster fed in bulk than per file).
   */
  writeDumps(prepared: readonly PreparedDump[]): ImportResult[] {
    return this.writeChunk(prepared).results
  }

  /**
   * writeDumps for ImportBatch: `record` runs inside the transaction with what each written file did
   * (the import history is written with the papers); `error` says why the transaction failed, when it did.
   */
  writeChunk(
    prepared: readonly PreparedDump[],
    record?: (written: WrittenDump[]) => void,
  ): { results: ImportResult[]; error: ErrorInfo | null } {
    const toWrite = prepared.filter((p) => p.dump)
    if (toWrite.length === 0) return { results: prepared.map((p) => p.result!), error: null }
    const written = new Map<PreparedDump, WrittenDump>()
    try {
      // the write lock first (BEGIN IMMEDIATE): another process may be importing into the same file
      writeTransaction(this.db, () => {
        const lastId = statement(this.db, 'SELECT coalesce(max(id), 0) FROM papers').pluck().get() as number
        const changed = new Set<number>()
        const keys = new CitationKeyAllocator(this.db)
        const added = this.vectors ? new Map<number, TextRow>() : undefined
        for (const p of toWrite) written.set(p, { size: p.size, ...writeDay(this.db, { ...p, dump: p.dump! }, { lastId, changed, keys, added }) })
        keys.save()
        indexImported(this.db, lastId, [...changed]) // search index
        record?.(toWrite.map((p) => written.get(p)!))
        if (added) writeImportedVectors(this.db, [...added.values()], [...changed]) // For you, Similar papers
      })
    } catch (e) {
      // busy (another process held the lock past busy_timeout), full disk, read-only: a sentence of their own
      const info = toErrorInfo(e)
      const error = info.code === 'internal' ? `Could not save to the library: ${info.message}` : info.message
      const results = prepared.map((p) =>
        p.dump
          ? { ...failedResult(p.path, error, info.code), dumpDate: p.dump.dumpDate, warnings: p.dump.warnings }
          : p.result!,
      )
      return { results, error: { ...info, message: error } }
    }
    return { results: prepared.map((p) => written.get(p)?.result ?? p.result!), error: null }
  }

  /** The import history, newest first (`limit` imports from `offset`), and how many imports there are. */
  importHistory(page: { limit?: number; offset?: number } = {}): { imports: ImportRecord[]; total: number } {
    return listImports(this.db, page)
  }

  /** One import: its files and the papers it added (at most `limit` of them); null for an unknown id. */
  importDetails(id: number, limit = 500): ImportDetails | null {
    const found = importRecord(this.db, id, limit)
    return found && { import: found.record, files: found.files, papersAdded: this.summaries(found.addedIds), papersAddedTotal: found.addedTotal }
  }

  /** Ordered ids of a feed view: cheap enough to hold whole in the renderer even at 100,000 papers. */
  viewIds(filter: FeedFilter = 'all', sort: FeedSort = 'date'): number[] {
    return this.db
      .prepare(`SELECT id FROM papers WHERE ${FILTER_SQL[filter]} ORDER BY ${ORDER_SQL[sort]}`)
      .pluck()
      .all() as number[]
  }

  /** Summaries for the given ids, in the order given (unknown ids are left out). */
  summaries(ids: readonly number[]): PaperSummary[] {
    if (ids.length === 0) return []
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM papers WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as SummaryRow[]
    const byId = new Map(rows.map((r) => [r.id, toSummary(r)]))
    return ids.flatMap((id) => byId.get(id) ?? [])
  }

  listPapers(options: { filter?: FeedFilter; sort?: FeedSort; limit?: number; offset?: number } = {}): Paper[] {
    const { filter = 'all', sort = 'date', limit = -1, offset = 0 } = options
    const rows = this.db
      .prepare(`SELECT * FROM papers WHERE ${FILTER_SQL[filter]} ORDER BY ${ORDER_SQL[sort]} LIMIT ? OFFSET ?`)
      .all(limit, offset) as PaperRow[]
    return rows.map((r) => this.toPaper(r))
  }

  getPaper(id: number): Paper | null {
    const row = this.db.prepare('SELECT * FROM papers WHERE id = ?').get(id) as PaperRow | undefined
    return row ? this.toPaper(row) : null
  }

  dayGroups(filter: FeedFilter = 'all'): DayGroup[] {
    return this.db
      .prepare(
        `SELECT first_seen AS day, count(*) AS total, sum(read = 0) AS unread FROM papers
         WHERE ${FILTER_SQL[filter]} GROUP BY first_seen ORDER BY first_seen DESC`,
      )
      .all() as DayGroup[]
  }

  counts(): LibraryCounts {
    return this.db
      .prepare(
        `SELECT count(*) AS total, coalesce(sum(read = 0), 0) AS unread, coalesce(sum(starred), 0) AS starred,
           coalesce(sum(note <> ''), 0) AS notes, (SELECT count(*) FROM dumps) AS dumps FROM papers`,
      )
      .get() as LibraryCounts
  }

  dumps(): DumpRecord[] {
    return this.db
      .prepare(
        `SELECT id, file_name AS fileName, size, sha256, dump_date AS dumpDate, imported_at AS importedAt, entries,
           added, merged FROM dumps ORDER BY dump_date DESC, id DESC`,
      )
      .all() as DumpRecord[]
  }

  /** Returns how many papers changed. */
  setRead(ids: readonly number[], read: boolean): number {
    return this.updateFlag('read', ids, read)
  }

  setStarred(ids: readonly number[], starred: boolean): number {
    return this.updateFlag('starred', ids, starred)
  }

  private updateFlag(column: 'read' | 'starred', ids: readonly number[], value: boolean): number {
    const update = statement(this.db, `UPDATE papers SET ${column} = ? WHERE ${column} <> ? AND id IN (SELECT value FROM json_each(?))`)
    return writeTransaction(this.db, () => update.run(Number(value), Number(value), JSON.stringify(ids)).changes)
  }

  /** Whether a paper's note is empty; null for an unknown paper. */
  noteIsEmpty(id: number): boolean | null {
    const row = this.db.prepare("SELECT note = '' AS empty FROM papers WHERE id = ?").get(id) as { empty: number } | undefined
    return row ? row.empty === 1 : null
  }

  /** Saves a paper's Markdown note; returns the time it was saved, or null for an unknown paper. */
  setNote(id: number, note: string): string | null {
    const at = new Date().toISOString()
    const changes = writeTransaction(this.db, () => {
      const { changes } = statement(this.db, 'UPDATE papers SET note = ?, note_updated_at = ? WHERE id = ?').run(note, at, id)
      if (changes) indexPapers(this.db, [], [id]) // notes are searchable
      return changes
    })
    // typos of the note's words are corrected from now on; never waits for another process's lock
    // and never starts a bulk rebuild (a busy library, or one just bulk-imported, learns them later)
    if (changes) this.learnVocabulary({ wait: false, rebuild: false })
    return changes ? at : null
  }

  /**
   * Applies an edit (`from`…`to` replaced by `insert`) to a paper's note, if the stored note is still
   * the one the edit was made against: saved at `base.savedAt` and `base.length` long. Read, checked
   * and written in one write transaction (the lock first), so nothing can change the note between
   * the check and the write. Returns the time it was saved; 'stale' when the stored note is not the
   * base (changed elsewhere, or a save whose answer was lost: the caller sends the whole text); null
   * for an unknown paper. Throws UserError when the result would be longer than a note may be.
   */
  patchNote(id: number, base: NoteBase, edit: NoteEdit): string | 'stale' | null {
    const at = new Date().toISOString()
    const result = writeTransaction(this.db, () => {
      const row = statement(this.db, 'SELECT note, note_updated_at AS savedAt FROM papers WHERE id = ?').get(id) as
        | { note: string; savedAt: string | null }
        | undefined
      if (!row) return null
      const note = applyNoteEdit(row, base, edit)
      if (note === null) return 'stale' as const
      statement(this.db, 'UPDATE papers SET note = ?, note_updated_at = ? WHERE id = ?').run(note, at, id)
      indexPapers(this.db, [], [id]) // notes are searchable
      return at
    })
    if (result === at) this.learnVocabulary({ wait: false, rebuild: false })
    return result
  }

  /** The paper's pinned citation key (null for an unknown paper). */
  citationKey(id: number): string | null {
    return getCitationKey(this.db, id)
  }

  /** Changes a paper's citation key; throws CitationKeyError (a sentence for the user) when refused. */
  setCitationKey(id: number, key: string): string {
    return setCitationKey(this.db, id, key)
  }

  private toPaper(r: PaperRow): Paper {
    const appearances = this.db
      .prepare(
        `SELECT DISTINCT d.dump_date AS dumpDate, d.file_name AS fileName, a.upvotes FROM appearances a
         JOIN dumps d ON d.id = a.dump_id WHERE a.paper_id = ? ORDER BY d.dump_date, d.id`,
      )
      .all(r.id) as Paper['appearances']
    return {
      ...toSummary({ ...r, has_note: r.note !== '' ? 1 : 0 }),
      abstract: r.abstract,
      note: r.note,
      noteUpdatedAt: r.note_updated_at,
      lastSeen: r.last_seen,
      arxivId: r.arxiv_id,
      authors: r.authors ? (JSON.parse(r.authors) as string[]) : null,
      citationKey: r.citation_key,
      appearances,
    }
  }
}

type SummaryRow = Pick<
  PaperRow,
  'id' | 'title' | 'authors_count' | 'org_handle' | 'org_name' | 'published_at' | 'upvotes' | 'read' | 'starred' | 'first_seen'
> & { has_note: number }

function toSummary(r: SummaryRow): PaperSummary {
  return {
    id: r.id,
    title: r.title,
    authorsCount: r.authors_count,
    org: r.org_handle ? { handle: r.org_handle, name: r.org_name ?? r.org_handle } : null,
    publishedAt: r.published_at,
    upvotes: r.upvotes,
    read: r.read === 1,
    starred: r.starred === 1,
    hasNote: r.has_note === 1,
    firstSeen: r.first_seen,
  }
}
