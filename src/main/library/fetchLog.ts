/**
 * The SQL of fetching Daily Papers and of the inbox folder (tables of migration 11): per day
 * fetched, its ETag; per inbox file's fingerprint, what became of it.
 */
import type Database from 'better-sqlite3'
import { statement, writeTransaction } from './statements'

export interface FetchedDay {
  day: string
  apiUrl: string
  etag: string | null
  fetchedAt: string
  papers: number
}

export function fetchedDay(db: Database.Database, day: string): FetchedDay | null {
  return (
    (statement(db, 'SELECT day, api_url AS apiUrl, etag, fetched_at AS fetchedAt, papers FROM fetched_days WHERE day = ?').get(day) as
      | FetchedDay
      | undefined) ?? null
  )
}

/** The newest day fetched so far (null: never fetched). */
export function lastFetchedDay(db: Database.Database): string | null {
  return (statement(db, 'SELECT max(day) FROM fetched_days').pluck().get() as string | null) ?? null
}

export function recordFetchedDay(db: Database.Database, row: FetchedDay): void {
  writeTransaction(db, () => {
    statement(
      db,
      `INSERT INTO fetched_days (day, api_url, etag, fetched_at, papers) VALUES (@day, @apiUrl, @etag, @fetchedAt, @papers)
       ON CONFLICT (day) DO UPDATE SET api_url = @apiUrl, etag = @etag, fetched_at = @fetchedAt, papers = @papers`,
    ).run(row)
  })
}

export type InboxStatus = 'imported' | 'updated' | 'already-imported' | 'failed'

export interface InboxFile {
  sha256: string
  name: string
  status: InboxStatus
  error: string | null
  seenAt: string
}

export function inboxFile(db: Database.Database, sha256: string): InboxFile | null {
  return (
    (statement(db, 'SELECT sha256, name, status, error, seen_at AS seenAt FROM inbox_files WHERE sha256 = ?').get(sha256) as
      | InboxFile
      | undefined) ?? null
  )
}

/** Remembers a file by its fingerprint; the first record stays (a copy under another name changes nothing). */
export function recordInboxFile(db: Database.Database, row: InboxFile): void {
  writeTransaction(db, () => {
    statement(
      db,
      'INSERT OR IGNORE INTO inbox_files (sha256, name, status, error, seen_at) VALUES (@sha256, @name, @status, @error, @seenAt)',
    ).run(row)
  })
}

/** The days fetched from the Daily Papers API and the inbox files seen (the functions above, on this library's connection). */
export class FetchLogStore {
  constructor(private readonly db: Database.Database) {}

  fetchedDay(day: string): FetchedDay | null {
    return fetchedDay(this.db, day)
  }

  lastFetchedDay(): string | null {
    return lastFetchedDay(this.db)
  }

  recordFetchedDay(row: FetchedDay): void {
    recordFetchedDay(this.db, row)
  }

  inboxFile(sha256: string): InboxFile | null {
    return inboxFile(this.db, sha256)
  }

  recordInboxFile(row: InboxFile): void {
    recordInboxFile(this.db, row)
  }
}
