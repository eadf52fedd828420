import type { Migration } from './index'

/** The first schema: imported files, deduplicated papers, and each paper's appearances in dumps. */
export const initial: Migration = {
  version: 1,
  name: 'initial schema',
  up: (db) => {
    db.exec(`
      CREATE TABLE dumps (
        id          INTEGER PRIMARY KEY,
        file_name   TEXT    NOT NULL,
        size        INTEGER NOT NULL,
        sha256      TEXT    NOT NULL UNIQUE,
        dump_date   TEXT    NOT NULL,
        imported_at TEXT    NOT NULL,
        entries     INTEGER NOT NULL,
        added       INTEGER NOT NULL,
        merged      INTEGER NOT NULL,
        warnings    TEXT    NOT NULL DEFAULT '[]'
      );

      CREATE TABLE papers (
        id                 INTEGER PRIMARY KEY,
        title              TEXT    NOT NULL,
        -- title after Unicode/whitespace normalisation and case folding: what makes two entries one paper
        title_key          TEXT    NOT NULL UNIQUE,
        abstract           TEXT    NOT NULL DEFAULT '',
        authors_count      INTEGER,
        org_handle         TEXT,
        org_name           TEXT,
        published_at       TEXT,
        -- 1 when the page printed the year; such a date wins over one whose year was inferred
        published_explicit INTEGER NOT NULL DEFAULT 0,
        upvotes            INTEGER,
        -- dump date the upvote count comes from, so the newest dump wins whatever the import order
        upvotes_date       TEXT,
        first_seen         TEXT    NOT NULL,
        last_seen          TEXT    NOT NULL,
        added_at           TEXT    NOT NULL,
        read               INTEGER NOT NULL DEFAULT 0,
        starred            INTEGER NOT NULL DEFAULT 0,
        note               TEXT    NOT NULL DEFAULT '',
        note_updated_at    TEXT,
        -- known only from richer sources (the Daily Papers API); dumps leave them empty
        arxiv_id           TEXT,
        authors            TEXT
      );

      CREATE TABLE appearances (
        dump_id  INTEGER NOT NULL REFERENCES dumps(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
        upvotes  INTEGER,
        PRIMARY KEY (dump_id, position)
      );

      CREATE INDEX appearances_paper ON appearances(paper_id);
      CREATE INDEX papers_by_day ON papers(first_seen DESC, id);
      CREATE INDEX papers_by_upvotes ON papers(upvotes DESC, id);
      CREATE INDEX papers_unread ON papers(first_seen DESC, id) WHERE read = 0;
      CREATE INDEX papers_starred ON papers(first_seen DESC, id) WHERE starred = 1;
      CREATE INDEX papers_with_note ON papers(first_seen DESC, id) WHERE note <> '';
    `)
  },
}
