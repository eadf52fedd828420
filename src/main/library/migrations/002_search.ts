import type { Migration } from './index'

/**
 * Search: a full-text index over every paper, tags, and saved searches.
 *
 * `search_fts` is a contentless FTS5 table (the text lives in `papers`; the index stores only
 * postings, so it costs no second copy of every abstract). Its rowid is the paper id. It is kept in
 * sync from the code that writes papers (src/main/library/searchIndex/indexer.ts), not by triggers: triggers make
 * bulk imports 2–3× slower. `contentless_delete=1` lets a row be replaced when a paper changes.
 */
export const search: Migration = {
  version: 2,
  name: 'search index, tags and saved searches',
  up: (db) => {
    db.exec(`
      CREATE VIRTUAL TABLE search_fts USING fts5(
        title, abstract, org, note, tags,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      -- the index's vocabulary as FTS5 sees it (term, documents, occurrences); reading it walks the
      -- whole index, so it is only used to (re)build search_terms in bulk
      CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, row);

      -- the vocabulary kept for typo correction and prefix completion (src/main/library/searchIndex/vocabulary.ts):
      -- every term with its document count, and SymSpell-style one-letter deletions of each term
      CREATE TABLE search_terms (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE search_deletes (
        variant TEXT NOT NULL,
        term    TEXT NOT NULL,
        PRIMARY KEY (variant, term)
      ) WITHOUT ROWID;
      -- papers whose text changed after the vocabulary learned them (merged abstracts, notes, tags);
      -- new papers need no row: every id above search_state.learned_id is still to learn
      CREATE TABLE search_pending (paper_id INTEGER PRIMARY KEY);
      -- terms learned since the last batch, not yet in search_deletes (corrections scan them directly)
      CREATE TABLE search_fresh (term TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE TABLE search_state (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
      INSERT INTO search_state (key, value) VALUES ('learned_id', 0);

      -- year: filters on the publication date (the first dump's day when the page gave none);
      -- covering the flags and the feed order, so a year of 10,000 papers needs no table lookups
      CREATE INDEX papers_by_year ON papers(coalesce(published_at, first_seen), read, starred, first_seen, id);

      CREATE TABLE tags (
        paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
        tag      TEXT    NOT NULL,
        PRIMARY KEY (paper_id, tag)
      ) WITHOUT ROWID;
      CREATE INDEX tags_by_tag ON tags(tag);

      CREATE TABLE saved_searches (
        id         INTEGER PRIMARY KEY,
        name       TEXT    NOT NULL UNIQUE,
        query      TEXT    NOT NULL,
        created_at TEXT    NOT NULL
      );

      INSERT INTO search_fts (rowid, title, abstract, org, note, tags)
        SELECT id, title, abstract, trim(coalesce(org_handle, '') || ' ' || coalesce(org_name, '')), note, ''
        FROM papers;
    `)
  },
}
