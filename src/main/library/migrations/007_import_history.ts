import type { Migration } from './index'

/**
 * The import history: one row per import (when, from where) and one per file it was given, with what
 * the file did. Written in the same transactions as the papers, so a file's row exists exactly when
 * its papers do (or, for a file that failed or was already known, with nothing else).
 *
 * The papers a file added are the ids `first_new_id`..`last_new_id`: one file's new papers are
 * inserted one after another under the write lock, so their ids are consecutive, and papers are
 * never deleted. That records "what one import added" without a row per paper on the import path.
 */
export const importHistory: Migration = {
  version: 7,
  name: 'import history',
  up: (db) => {
    db.exec(`
      CREATE TABLE imports (
        id          INTEGER PRIMARY KEY,
        -- an open set: 'app-drop', 'app-dialog', 'app-launch', 'cli', later a watched folder or a fetch
        source      TEXT    NOT NULL,
        started_at  TEXT    NOT NULL,
        -- null while the import runs, or when it was killed before its last file
        finished_at TEXT
      );

      CREATE TABLE import_files (
        import_id     INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        -- the file's place in the import, as given
        position      INTEGER NOT NULL,
        name          TEXT    NOT NULL,
        size          INTEGER,
        -- 'imported', 'updated', 'already-imported' or 'failed'
        status        TEXT    NOT NULL,
        dump_id       INTEGER REFERENCES dumps(id) ON DELETE SET NULL,
        dump_date     TEXT,
        papers        INTEGER NOT NULL DEFAULT 0,
        added         INTEGER NOT NULL DEFAULT 0,
        merged        INTEGER NOT NULL DEFAULT 0,
        -- papers of a day imported before that gained upvotes or details from this file
        updated       INTEGER NOT NULL DEFAULT 0,
        warnings      TEXT    NOT NULL DEFAULT '[]',
        error_code    TEXT,
        error_message TEXT,
        first_new_id  INTEGER,
        last_new_id   INTEGER,
        PRIMARY KEY (import_id, position)
      ) WITHOUT ROWID;
    `)
  },
}
