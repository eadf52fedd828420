/**
 * Prepared statements cached per database. Preparing costs far more than running on a schema with
 * FTS5 tables, so code on the import path prepares each SQL text once per open library.
 */
import type Database from 'better-sqlite3'

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>()

export function statement(db: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new Map()))
  let s = cache.get(sql)
  if (!s) cache.set(sql, (s = db.prepare(sql)))
  return s
}
