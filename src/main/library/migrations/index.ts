/**
 * Numbered schema migrations. Each runs in its own transaction and bumps `PRAGMA user_version`,
 * so a library file always sits at exactly one known version. Add a file per version; never edit
 * one that has shipped.
 */
import type Database from 'better-sqlite3'
import { initial } from './001_initial'
import { search } from './002_search'
import { citationKeys } from './003_citation_keys'
import { searchBulkWrites } from './004_search_bulk_writes'
import { applicationId } from './005_application_id'
import { citationKeyCounters } from './006_citation_key_counters'
import { importHistory } from './007_import_history'
import { searchIdentity } from './008_search_identity'
import { dumpsByDay } from './009_dumps_by_day'
import { paperVectors } from './010_paper_vectors'
import { fetchAndInbox } from './011_fetch_and_inbox'
import { MarginError } from '../../errors'

export { MARGIN_APPLICATION_ID } from './005_application_id'

export interface Migration {
  version: number
  name: string
  up: (db: Database.Database) => void
}

export const MIGRATIONS: readonly Migration[] = [initial, search, citationKeys, searchBulkWrites, applicationId, citationKeyCounters, importHistory, searchIdentity, dumpsByDay, paperVectors, fetchAndInbox]

export const LATEST_VERSION = MIGRATIONS.at(-1)!.version

/**
 * The oldest schema this code can read as is: a read-only library (or one on a full disk) cannot be
 * migrated, and is usable read-only only if no migration after this one changed tables it reads.
 */
// 8: searches read the index's authors and ids columns (migration 8), which older indexes lack.
// 10 (paper_vectors) is not needed to read: without the table, vectors are computed in memory
// (src/main/library/vectorStore.ts).
export const READABLE_FROM_VERSION = 8

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Brings the database up to `target` (default: the latest version). */
export function migrate(db: Database.Database, target = LATEST_VERSION, migrations = MIGRATIONS): void {
  const current = schemaVersion(db)
  const latest = migrations.at(-1)!.version
  if (current > latest) {
    throw new MarginError(
      'newerLibrary',
      `This library was written by a newer Margin (schema version ${current}; this version knows up to ${latest}). Update Margin to open it.`,
    )
  }
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue
    // the write lock first, then the version again: another process may have just run this migration
    db.transaction(() => {
      if (schemaVersion(db) >= m.version) return
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    }).immediate()
  }
}
