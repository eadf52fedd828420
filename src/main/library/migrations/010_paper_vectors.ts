import type { Migration } from './index'

/**
 * Term counts per paper for "For you" and "Similar papers": `terms` packs each unigram and bigram of
 * the paper's title, abstract and organisation as a 32-bit term hash and its count (5 bytes a term).
 * Only raw counts are stored; idf and the norm are applied when they are read, so the rows never go
 * stale as the library grows. `generation` grows with every write, so a reader holding vectors in
 * memory loads only the rows written since. Empty at first: the papers already in the library get
 * their rows from the next writer that catches up (src/main/library/vectorStore.ts).
 */
export const paperVectors: Migration = {
  version: 10,
  name: 'paper term vectors',
  up: (db) => {
    db.exec(`
      CREATE TABLE paper_vectors (
        paper_id   INTEGER PRIMARY KEY REFERENCES papers(id) ON DELETE CASCADE,
        terms      BLOB    NOT NULL,
        generation INTEGER NOT NULL
      );
      CREATE INDEX paper_vectors_generation ON paper_vectors(generation);
    `)
  },
}
