/** Saved searches: a name and a query each (their counts are the search feature's: src/main/search/saved.ts). */
import type Database from 'better-sqlite3'
import { statement, writeTransaction } from './statements'

export interface SavedSearchRow {
  id: number
  name: string
  query: string
}

export class SavedSearchStore {
  constructor(private readonly db: Database.Database) {}

  /** Saves `query` under `name`, replacing the query of an existing search of that name. */
  save(name: string, query: string): void {
    const upsert = statement(
      this.db,
      `INSERT INTO saved_searches (name, query, created_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET query = excluded.query`,
    )
    writeTransaction(this.db, () => upsert.run(name, query, new Date().toISOString()))
  }

  /** Returns whether a search of that name (or id) existed. */
  delete(nameOrId: string | number): boolean {
    const del = statement(this.db, typeof nameOrId === 'number' ? 'DELETE FROM saved_searches WHERE id = ?' : 'DELETE FROM saved_searches WHERE name = ?')
    return writeTransaction(this.db, () => del.run(nameOrId).changes) > 0
  }

  /** Every saved search, in name order. */
  list(): SavedSearchRow[] {
    return statement(this.db, 'SELECT id, name, query FROM saved_searches ORDER BY name COLLATE NOCASE, id').all() as SavedSearchRow[]
  }
}
