/**
 * Records an import in the history (migration 7) as ImportBatch writes it. A file that wrote papers is
 * recorded inside the transaction that wrote them, so its record exists exactly when its papers do;
 * a file that wrote nothing (refused, unreadable, already known, or whose transaction failed) waits
 * for the next write, or for a small transaction of its own at the end. The history is never worth
 * failing an import for: when that last transaction cannot be written, the files' results stand.
 */
import type Database from 'better-sqlite3'
import { statement, writeTransaction } from './statements'
import type { ImportResult } from '../../shared/contract/shapes/library'

/** One file of an import, as recorded. */
export interface FileRecord {
  position: number
  size: number | null
  result: ImportResult
  /** Set for a failed file: a code from src/shared/errors.ts. */
  errorCode?: string | null
  dumpId?: number | null
  /** The ids of the papers the file added (consecutive: see the migration). */
  firstNewId?: number | null
  lastNewId?: number | null
}

export class ImportRecorder {
  /** The import's id once its first record is committed. */
  private committedId: number | null = null
  private waiting: FileRecord[] = []
  private finishedRecorded = false
  private readonly startedAt = new Date().toISOString()

  constructor(
    private readonly db: Database.Database,
    readonly source: string,
    /** False on a read-only library: nothing can be recorded, so nothing is tried. */
    private readonly writable: boolean,
  ) {}

  /** The import's id in the history (null until something was recorded). */
  get id(): number | null {
    return this.committedId
  }

  /** A file that wrote nothing: recorded with the next write. */
  wait(file: FileRecord): void {
    this.waiting.push(file)
  }

  /**
   * Inside the write transaction that wrote `files`: records them and the files waiting, and the
   * end of the import when `finished`. Call committed(id) with the result once the transaction commits.
   */
  recordIn(files: readonly FileRecord[], finished: boolean): number {
    const id =
      this.committedId ??
      Number(statement(this.db, 'INSERT INTO imports (source, started_at) VALUES (?, ?)').run(this.source, this.startedAt).lastInsertRowid)
    const insert = statement(
      this.db,
      `INSERT INTO import_files (import_id, position, name, size, status, dump_id, dump_date, papers, added, merged, updated,
         warnings, error_code, error_message, first_new_id, last_new_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    for (const f of [...this.waiting, ...files]) {
      const r = f.result
      const failed = r.status === 'failed'
      insert.run(
        id, f.position, r.path, f.size, r.status, f.dumpId ?? null, r.dumpDate, r.papers, r.added, r.merged, r.updated,
        JSON.stringify(r.warnings), failed ? (f.errorCode ?? 'internal') : null, failed ? r.error : null,
        f.firstNewId ?? null, f.lastNewId ?? null,
      )
    }
    if (finished) statement(this.db, 'UPDATE imports SET finished_at = ? WHERE id = ?').run(new Date().toISOString(), id)
    return id
  }

  /** The transaction that ran recordIn(…, finished) committed. */
  committed(id: number, finished: boolean): void {
    this.committedId = id
    this.waiting = []
    if (finished) this.finishedRecorded = true
  }

  /** The end of the import: what is still waiting, and the time it finished, in a transaction of its own. */
  finish(): void {
    if (this.finishedRecorded || !this.writable) return
    if (this.committedId === null && this.waiting.length === 0) return
    try {
      const id = writeTransaction(this.db, () => this.recordIn([], true))
      this.committed(id, true)
    } catch {
      // busy, a full disk: the import's files were written (or failed) as reported; only the record is missing
    }
  }
}
