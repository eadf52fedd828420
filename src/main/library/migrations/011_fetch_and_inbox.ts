import type { Migration } from './index'

/**
 * What fetching Daily Papers and the watched inbox folder remember.
 *
 * `fetched_days`: per day asked of the Daily Papers API, the server that answered, its ETag (sent
 * back as If-None-Match, so fetching the same day again costs a 304 and changes nothing) and what
 * the day brought. The newest day here is where "the days since the last fetch" start.
 *
 * `inbox_files`: per content fingerprint (sha-256) of a file that appeared in the inbox folder,
 * what happened to it; a file renamed, copied or seen again after a restart is not imported (or,
 * when it failed, reported) twice.
 */
export const fetchAndInbox: Migration = {
  version: 11,
  name: 'fetched days and inbox files',
  up: (db) => {
    db.exec(`
      CREATE TABLE fetched_days (
        day TEXT PRIMARY KEY,
        api_url TEXT NOT NULL,
        etag TEXT,
        fetched_at TEXT NOT NULL,
        papers INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE inbox_files (
        sha256 TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        status TEXT NOT NULL,
        error TEXT,
        seen_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `)
  },
}
