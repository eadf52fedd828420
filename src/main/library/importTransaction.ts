/**
 * One write transaction of an import: files are written into it one by one as they come, and it
 * commits them together with the search index, the term vectors, the citation-key counters and the
 * import history of everything in it. ImportBatch writes the files it holds into an open
 * transaction rather than wait idle for the parsing thread; Library.writeDumps writes files
 * given at once. Either way, all of it commits or none of it does.
 *
 * The search index is fed once, at the commit, in one statement: FTS5 writes a segment for each
 * statement that feeds it and merges those, so indexing in pieces while waiting (tried) cost the
 * import's thread more than the wait it filled; the commit's segment is merged later, when idle.
 *
 * It lives within one synchronous call of its owner: nothing else can write on the connection
 * while it is open (an IPC call waiting for its turn cannot land inside an import's transaction).
 */
import type Database from 'better-sqlite3'
import { toErrorInfo } from '../errors'
import type { ImportResult } from '../../shared/contract/shapes/library'
import type { ErrorInfo } from '../../shared/errors'
import { CitationKeyAllocator } from './citationKeys'
import type { PreparedDump, WrittenDump } from './dumps'
import { failedResult } from './importBatch'
import type { LaterVectors } from './laterVectors'
import { indexImportedUnmerged } from './searchIndex/indexer'
import { statement } from './statements'
import { type TextRow, writeImportedVectors } from './vectorStore'
import { type WriteContext, writeDay } from './writeDay'

export class ImportTransaction {
  private readonly files: PreparedDump[] = []
  private readonly written = new Map<PreparedDump, WrittenDump>()
  /** Set once the transaction is open (the first file to write), until it commits or rolls back. */
  private open: (WriteContext & { nested: boolean }) | null = null
  /** The first failure: nothing after it is written, and everything before is rolled back. */
  private failure: unknown = null

  constructor(
    private readonly db: Database.Database,
    private readonly vectors: boolean,
  ) {}

  /** Files given so far (refused ones included: they are reported, not written). */
  get size(): number {
    return this.files.length
  }

  /** Writes one file (a refused one is only kept for the results). The write lock is taken with the first. */
  write(file: PreparedDump): void {
    this.files.push(file)
    if (!file.dump || this.failure !== null) return
    try {
      this.open ??= this.begin()
      this.written.set(file, { size: file.size, ...writeDay(this.db, { ...file, dump: file.dump }, this.open) })
    } catch (e) {
      this.abort(e)
    }
  }

  /**
   * Indexes, counts and commits what was written; `record` runs inside the transaction with what
   * each written file did. On failure nothing is kept, and every file to write fails with the reason.
   * `later`: the import's vectors whose counts the parsing thread sends later (the last transaction
   * of the import writes them all).
   */
  commit(
    record?: (written: WrittenDump[]) => void,
    later?: { vectors: LaterVectors; last: boolean },
  ): { results: ImportResult[]; error: ErrorInfo | null } {
    const open = this.open
    if (open && this.failure === null) {
      try {
        open.keys.save()
        indexImportedUnmerged(this.db, open.indexedUpTo, [...open.changed]) // search index (merged later)
        record?.(this.files.filter((f) => f.dump).map((f) => this.written.get(f)!))
        // For you, Similar papers
        const plan = open.added && later ? later.vectors.plan([...open.added.values()], open.changed, later.last) : null
        if (open.added) writeImportedVectors(this.db, plan ? plan.now : [...open.added.values()], [...open.changed])
        this.db.exec(open.nested ? 'RELEASE import_write' : 'COMMIT')
        if (plan) later!.vectors.committed(plan)
        this.open = null
      } catch (e) {
        this.abort(e)
      }
    }
    if (this.failure === null) return { results: this.files.map((f) => this.written.get(f)?.result ?? f.result!), error: null }
    // busy (another process held the lock past busy_timeout), full disk, read-only: a sentence of their own
    const info = toErrorInfo(this.failure)
    const error = info.code === 'internal' ? `Could not save to the library: ${info.message}` : info.message
    const results = this.files.map((f) =>
      f.dump ? { ...failedResult(f.path, error, info.code), dumpDate: f.dump.dumpDate, warnings: f.dump.warnings } : f.result!,
    )
    return { results, error: { ...info, message: error } }
  }

  /** Undoes what was written (the owner met an error of its own). */
  rollback(reason: unknown): void {
    this.abort(reason)
  }

  /** The write lock first (BEGIN IMMEDIATE): another process may be importing into the same file. */
  private begin(): WriteContext & { nested: boolean } {
    // inside a caller's transaction, a savepoint (as writeTransaction nests)
    const nested = this.db.inTransaction
    this.db.exec(nested ? 'SAVEPOINT import_write' : 'BEGIN IMMEDIATE')
    return {
      nested,
      indexedUpTo: statement(this.db, 'SELECT coalesce(max(id), 0) FROM papers').pluck().get() as number,
      changed: new Set<number>(),
      keys: new CitationKeyAllocator(this.db),
      added: this.vectors ? new Map<number, TextRow>() : undefined,
      seen: { added: 0, known: 0 },
    }
  }

  private abort(e: unknown): void {
    this.failure ??= e
    const open = this.open
    this.open = null
    if (!open || !this.db.inTransaction) return
    this.db.exec(open.nested ? 'ROLLBACK TO import_write; RELEASE import_write' : 'ROLLBACK')
  }
}
