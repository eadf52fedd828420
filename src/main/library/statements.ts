/**
 * Prepared statements cached per database. Preparing costs far more than running on a schema with
 * FTS5 tables, so code on the import path prepares each SQL text once per open library.
 */
import type Database from 'better-sqlite3'
import { errorCode, MarginError, toErrorInfo } from '../errors'

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>()
/**
 * Statements kept per database. The fixed ones number a few dozen; a search's filters make one SQL
 * text per combination, so the least recently used are dropped past this many.
 */
const MAX_CACHED = 256

/**
 * The prepared statement for `sql` on `db`, prepared once and reused. Past MAX_CACHED texts (search
 * filters make one text per combination) the oldest prepared is dropped: a hit costs one lookup,
 * and a hot statement dropped is simply prepared again.
 */
export function statement(db: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new Map()))
  let s = cache.get(sql)
  if (s) return s
  cache.set(sql, (s = db.prepare(sql)))
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!)
  return s
}

/** Why upkeep may fail without anything being wrong with Margin: it is retried on a later write. */
const RETRY_LATER = new Set(['busy', 'readOnly', 'diskFull', 'io'])

/**
 * Runs upkeep that follows a write (the typo vocabulary, the search index's merge) so that it never
 * fails that write: false when the library is closed, read-only, busy, full or unreadable now (it
 * is retried later), else what `fn` returns. `wait: false` gives up at once if another process
 * holds the write lock (a note saved while the CLI imports must not wait for it).
 */
export function tryUpkeep(db: Database.Database, wait: boolean, fn: () => boolean): boolean {
  if (!db.open || db.readonly) return false
  const timeout = wait ? null : (db.pragma('busy_timeout', { simple: true }) as number)
  if (timeout !== null) db.pragma('busy_timeout = 0')
  try {
    return fn()
  } catch (e) {
    if (RETRY_LATER.has(errorCode(e))) return false
    throw e
  } finally {
    if (timeout !== null) db.pragma(`busy_timeout = ${timeout}`)
  }
}

/**
 * Runs `fn` as a write transaction that takes the write lock before it reads (BEGIN IMMEDIATE).
 * A deferred transaction that reads and then writes cannot wait for another process's lock: SQLite
 * fails it at once with SQLITE_BUSY (busy_timeout does not apply, its snapshot would be stale).
 * Taken first, the lock is waited for up to busy_timeout; past it the write fails as a
 * MarginError with code `busy` and a sentence. Inside another transaction it nests (a savepoint),
 * so helpers can use it freely.
 */
export function writeTransaction<T>(db: Database.Database, fn: () => T): T {
  try {
    return db.transaction(fn).immediate()
  } catch (e) {
    if (errorCode(e) === 'busy' && !(e instanceof MarginError)) throw new MarginError('busy', toErrorInfo(e).message)
    throw e
  }
}
