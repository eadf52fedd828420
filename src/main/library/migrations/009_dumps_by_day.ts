import type Database from 'better-sqlite3'
import type { Migration } from './index'

/**
 * A dump is a day. Before this version a dump was a file: the same page saved again with other
 * bytes (CRLF, UTF-16, a re-serialised JSON, a later fetch) became a second dump of the same day,
 * so the reader said "seen in 1 dump" beside two chips of one day. From here on:
 *
 * - `dumps` holds one row per page day (a unique index on `dump_date`); its `file_name`, `size` and
 *   `sha256` describe the first file that brought the day, `entries` counts the day's papers.
 * - `dump_files` remembers every file that changed a day (its bytes' hash, name, size, when and
 *   what it added), so the exact bytes seen again are known without parsing them, and the day's
 *   history by file is kept.
 * - a paper appears once per day (a unique index on `appearances(dump_id, paper_id)`).
 *
 * Existing duplicate days are merged into their oldest row: each paper keeps one appearance per
 * day with the highest upvote count any copy showed (the earliest position), the other rows'
 * files move to `dump_files`, and a paper whose upvote count came from a merged day takes that
 * day's highest count. Paper rows are already one per title, holding the longest abstract and the
 * most metadata, so nothing else is lost. Frozen: its own SQL only.
 */
export const dumpsByDay: Migration = {
  version: 9,
  name: 'dumps by day',
  up: (db) => {
    db.exec(`
      CREATE TABLE dump_files (
        sha256      TEXT    PRIMARY KEY,
        dump_id     INTEGER NOT NULL REFERENCES dumps(id) ON DELETE CASCADE,
        file_name   TEXT    NOT NULL,
        size        INTEGER NOT NULL,
        imported_at TEXT    NOT NULL,
        entries     INTEGER NOT NULL,
        added       INTEGER NOT NULL,
        merged      INTEGER NOT NULL,
        updated     INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      CREATE INDEX dump_files_dump ON dump_files(dump_id);
    `)
    mergeDuplicateDays(db)
    db.exec(`
      CREATE UNIQUE INDEX dumps_by_day ON dumps(dump_date);
      CREATE UNIQUE INDEX appearances_once ON appearances(dump_id, paper_id);
    `)
  },
}

function mergeDuplicateDays(db: Database.Database): void {
  // every file imported so far, under the day row it is merged into (the oldest row of its day)
  db.exec(`
    CREATE TEMP TABLE day_keep AS
      SELECT d.id AS dump_id, (SELECT min(k.id) FROM dumps k WHERE k.dump_date = d.dump_date) AS keep_id FROM dumps d;
    INSERT INTO dump_files (sha256, dump_id, file_name, size, imported_at, entries, added, merged, updated)
      SELECT d.sha256, k.keep_id, d.file_name, d.size, d.imported_at, d.entries, d.added, d.merged, 0
      FROM dumps d JOIN day_keep k ON k.dump_id = d.id;

    -- the days to rewrite: several rows, or a paper listed twice in one file
    CREATE TEMP TABLE day_rewrite AS
      SELECT keep_id FROM day_keep WHERE keep_id <> dump_id
      UNION SELECT k.keep_id FROM appearances a JOIN day_keep k ON k.dump_id = a.dump_id
        GROUP BY a.dump_id, a.paper_id HAVING count(*) > 1;

    -- one appearance per paper and day: the best upvote count, the earliest position of the oldest file
    CREATE TEMP TABLE day_appearances AS
      SELECT k.keep_id AS dump_id, a.paper_id, max(a.upvotes) AS upvotes,
             min(CASE WHEN a.dump_id = k.keep_id THEN a.position END) AS kept_position,
             min(a.dump_id * 1000000 + a.position) AS first_seen_at
      FROM appearances a JOIN day_keep k ON k.dump_id = a.dump_id
      WHERE k.keep_id IN (SELECT keep_id FROM day_rewrite)
      GROUP BY k.keep_id, a.paper_id;
    DELETE FROM appearances WHERE dump_id IN (SELECT dump_id FROM day_keep WHERE keep_id IN (SELECT keep_id FROM day_rewrite));
  `)
  // positions: the oldest file's order first, then papers only later copies listed, in their order
  const days = db.prepare('SELECT DISTINCT dump_id FROM day_appearances').pluck().all() as number[]
  const rows = db.prepare(
    `SELECT paper_id, upvotes FROM day_appearances WHERE dump_id = ?
     ORDER BY kept_position IS NULL, kept_position, first_seen_at`,
  )
  const insert = db.prepare('INSERT INTO appearances (dump_id, position, paper_id, upvotes) VALUES (?, ?, ?, ?)')
  for (const day of days) {
    const list = rows.all(day) as { paper_id: number; upvotes: number | null }[]
    list.forEach((r, position) => insert.run(day, position, r.paper_id, r.upvotes))
  }
  db.exec(`
    UPDATE dumps SET
      entries = (SELECT count(*) FROM appearances a WHERE a.dump_id = dumps.id),
      added = (SELECT sum(f.added) FROM dump_files f WHERE f.dump_id = dumps.id),
      merged = (SELECT sum(f.merged) FROM dump_files f WHERE f.dump_id = dumps.id)
    WHERE id IN (SELECT keep_id FROM day_rewrite);
    DELETE FROM dumps WHERE id IN (SELECT dump_id FROM day_keep WHERE keep_id <> dump_id);

    -- a paper whose count came from a day that had several copies: that day's best count
    UPDATE papers SET upvotes = (
        SELECT a.upvotes FROM appearances a JOIN dumps d ON d.id = a.dump_id
        WHERE a.paper_id = papers.id AND d.dump_date = papers.upvotes_date)
    WHERE upvotes_date IN (SELECT d.dump_date FROM dumps d JOIN day_rewrite r ON r.keep_id = d.id)
      AND (SELECT a.upvotes FROM appearances a JOIN dumps d ON d.id = a.dump_id
           WHERE a.paper_id = papers.id AND d.dump_date = papers.upvotes_date) > coalesce(upvotes, -1);

    DROP TABLE day_keep;
    DROP TABLE day_rewrite;
    DROP TABLE day_appearances;
  `)
}
