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
import { citationKeyCounters } from './005_citation_key_counters'

export interface Migration {
  version: number
  name: string
  up: (db: Database.Database) => void
}

export const MIGRATIONS: readonly Migration[] = [initial, search, citationKeys, searchBulkWrites, citationKeyCounters]

export const LATEST_VERSION = MIGRATIONS.at(-1)!.version

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Brings the database up to `target` (default: the latest version). */
export function migrate(db: Database.Database, target = LATEST_VERSION, migrations = MIGRATIONS): void {
  const current = schemaVersion(db)
  const latest = migrations.at(-1)!.version
  if (current > latest) {
    throw new Error(
      `This library was written by a newer Margin (schema version ${current}; this version knows up to ${latest}). Update Margin to open it.`,
    )
  }
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue
    db.transaction(() => {
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    })()
  }
}
