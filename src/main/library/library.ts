/**
 * The Margin library: one SQLite file behind a small API. The Electron main process, the CLI and
 * the browser test harness all use this class; nothing else issues SQL. The SQL lives in small
 * stores, one job each, every statement prepared once per open library (statements.ts): papers
 * (papers.ts), dumps and their import (dumps.ts), notes (notes.ts), tags (tags.ts), the search
 * index (searchIndex/), saved searches (savedSearches.ts), what exports read (exportRows.ts),
 * term vectors (vectorStore.ts), fetched days and inbox files (fetchLog.ts).
 * This class opens the file, owns its upkeep (backups, check, checkpoints) and holds the stores;
 * its methods of old delegate to them.
 */
import type Database from 'better-sqlite3'
import { getCitationKey, setCitationKey } from './citationKeys'
import { makeBackup, dailyBackupDue } from './backup'
import { MarginError } from '../errors'
import { checkLibrary } from './check'
import type { CheckReport } from '../../shared/contract/shapes/check'
import { openLibraryFile, type OpenOptions, readOnlyMessage, type ReadOnlyReason } from './open'
import { type CatchUpOptions, tryCatchUpVocabulary } from './searchIndex/vocabulary'
import { mergeSearchIndex } from './searchIndex/indexer'
import type { DayGroup, DumpRecord, FeedFilter, FeedSort, ImportDetails, ImportRecord, ImportResult, LibraryCounts, Paper, PaperSummary } from '../../shared/contract/shapes/library'
import { importRecord, listImports } from './importHistory'
import { ImportBatch } from './importBatch'
import { ImportTransaction } from './importTransaction'
import type { NoteBase, NoteEdit } from './noteEdit'
import { DumpStore, type ImportInput, type PreparedDump, type WrittenDump } from './dumps'
import { PaperStore } from './papers'
import { NoteStore } from './notes'
import { TagStore } from './tags'
import { SavedSearchStore } from './savedSearches'
import { SearchIndexStore } from './searchIndex/searchIndexStore'
import { ExportRowStore } from './exportRows'
import { TermVectorStore } from './vectorStore'
import { FetchLogStore } from './fetchLog'
import { builtParseWorker, ParseAhead, type ParseOutcome } from './parseAhead/parseAhead'

export type { ImportInput, PreparedDump, WrittenDump }
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
  /** The parsing thread of large imports (useParseWorker); null: they parse in this thread. */
  parseAhead: ParseAhead | null = null
  private autocheckpoint = 1000
  readonly papers: PaperStore
  readonly dumpStore: DumpStore
  readonly notes: NoteStore
  readonly tags: TagStore
  readonly savedSearches: SavedSearchStore
  readonly searchIndex: SearchIndexStore
  readonly exportRows: ExportRowStore
  readonly termVectors: TermVectorStore
  readonly fetchLog: FetchLogStore

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
    this.papers = new PaperStore(this.db)
    this.dumpStore = new DumpStore(this.db)
    this.notes = new NoteStore(this.db)
    this.tags = new TagStore(this.db)
    this.savedSearches = new SavedSearchStore(this.db)
    this.searchIndex = new SearchIndexStore(this.db)
    this.exportRows = new ExportRowStore(this.db)
    this.termVectors = new TermVectorStore(this.db)
    this.fetchLog = new FetchLogStore(this.db)
    const worker = builtParseWorker()
    if (worker) this.parseAhead = new ParseAhead(worker)
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

  /** False once closed (a timer that outlived the library checks this). */
  get isOpen(): boolean {
    return this.db.open
  }

  close(): void {
    this.parseAhead?.close()
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
      /** 'later': leave the typo vocabulary and the search index's merge to later (the app does both when idle). */
      vocabulary?: 'now' | 'later'
    },
  ): ImportResult[] {
    const batch = new ImportBatch(this, { ...(Array.isArray(inputs) ? { files: inputs.length } : {}), ...options })
    try {
      for (const input of inputs) batch.add(input)
    } finally {
      batch.finish()
    }
    if (options?.vocabulary !== 'later' && batch.results.some((r) => r.status === 'imported' || r.status === 'updated')) {
      this.learnVocabulary()
      this.mergeSearchIndex()
    }
    return batch.results
  }

  /**
   * Merges the search index's segments that imports left unmerged (searchIndex/indexer.ts), a
   * short write transaction per step. Never throws for a busy, read-only or full library: it
   * returns false, and a later call (or FTS5's own merging on later writes) finishes the work.
   */
  mergeSearchIndex(options: { wait?: boolean } = {}): boolean {
    return mergeSearchIndex(this.db, options)
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
    return this.dumpStore.prepare(input)
  }

  /** Whether a file hashed elsewhere (the parsing thread) was imported before: prepareDump's first half. */
  identifyHashedDump(file: { path: string; size: number; sha256: string }): PreparedDump {
    return this.dumpStore.identifyHashed(file)
  }

  /** prepareDump's second half, with the file parsed elsewhere (the parsing thread). */
  completeDump(identified: PreparedDump, parsed: ParseOutcome): PreparedDump {
    return this.dumpStore.complete(identified, parsed)
  }

  /**
   * Lets large imports parse on a second core: `workerPath` is the built parsing thread
   * (out/main/parseWorker.js beside the backend and the CLI). Started on the first import that
   * uses it, stopped when the library closes.
   */
  useParseWorker(workerPath: string): void {
    this.parseAhead?.close()
    this.parseAhead = new ParseAhead(workerPath)
  }

  /**
   * Writes prepared dumps in one transaction and indexes what they added for search in the same
   * transaction (one bulk statement: FTS5 is several times faster fed in bulk than per file).
   */
  writeDumps(prepared: readonly PreparedDump[]): ImportResult[] {
    const transaction = this.importTransaction()
    for (const p of prepared) transaction.write(p)
    return transaction.commit().results
  }

  /** An import's write transaction, filled file by file (ImportBatch, writeDumps). */
  importTransaction(): ImportTransaction {
    return new ImportTransaction(this.db, this.vectors)
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
    return this.papers.viewIds(filter, sort)
  }

  /** Summaries for the given ids, in the order given (unknown ids are left out). */
  summaries(ids: readonly number[]): PaperSummary[] {
    return this.papers.summaries(ids)
  }

  listPapers(options: { filter?: FeedFilter; sort?: FeedSort; limit?: number; offset?: number } = {}): Paper[] {
    return this.papers.list(options)
  }

  getPaper(id: number): Paper | null {
    return this.papers.get(id)
  }

  dayGroups(filter: FeedFilter = 'all'): DayGroup[] {
    return this.papers.dayGroups(filter)
  }

  counts(): LibraryCounts {
    return this.papers.counts()
  }

  dumps(): DumpRecord[] {
    return this.dumpStore.list()
  }

  /** Returns how many papers changed. */
  setRead(ids: readonly number[], read: boolean): number {
    return this.papers.setFlag('read', ids, read)
  }

  setStarred(ids: readonly number[], starred: boolean): number {
    return this.papers.setFlag('starred', ids, starred)
  }

  /** Whether a paper's note is empty; null for an unknown paper. */
  noteIsEmpty(id: number): boolean | null {
    return this.notes.isEmpty(id)
  }

  /** Saves a paper's Markdown note; returns the time it was saved, or null for an unknown paper. */
  setNote(id: number, note: string): string | null {
    return this.notes.set(id, note)
  }

  /** A note saved as an edit against the version `base` (NoteStore.patch). */
  patchNote(id: number, base: NoteBase, edit: NoteEdit): string | 'stale' | null {
    return this.notes.patch(id, base, edit)
  }

  /** The paper's pinned citation key (null for an unknown paper). */
  citationKey(id: number): string | null {
    return getCitationKey(this.db, id)
  }

  /** Changes a paper's citation key; throws CitationKeyError (a sentence for the user) when refused. */
  setCitationKey(id: number, key: string): string {
    return setCitationKey(this.db, id, key)
  }
}
