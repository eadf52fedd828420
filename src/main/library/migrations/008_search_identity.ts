import type { Migration } from './index'

/**
 * Authors and arXiv ids become searchable: `search_fts` gains two columns, `authors` (the names, one
 * after another) and `ids` (the arXiv id), so plain words find a paper by its authors, `author:`
 * filters on the names alone and `2405.17247` finds its paper. FTS5 cannot add a column to a table,
 * so the index is made again with the same settings (tokenizer, contentless deletes, the 64 MB write
 * buffer of migration 4) and filled from `papers` and `tags` here, in this migration's transaction.
 * Its vocabulary view goes with it. The typo vocabulary is marked for a bulk rebuild (as after a
 * first import), which the next writer or the idle app does once; until then searches look new
 * words up in the index itself.
 *
 * `papers_by_arxiv` makes `arxiv:<id>` an index lookup rather than a scan of every paper.
 *
 * Frozen: its own SQL only.
 */
export const searchIdentity: Migration = {
  version: 8,
  name: 'authors and arXiv ids in the search index',
  up: (db) => {
    db.exec(`
      DROP TABLE search_vocab;
      DROP TABLE search_fts;
      CREATE VIRTUAL TABLE search_fts USING fts5(
        title, abstract, org, note, tags, authors, ids,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', 67108864);
      CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, row);

      INSERT INTO search_fts (rowid, title, abstract, org, note, tags, authors, ids)
        SELECT p.id, p.title, p.abstract, trim(coalesce(p.org_handle, '') || ' ' || coalesce(p.org_name, '')), p.note,
          coalesce((SELECT group_concat(t.tag, ' ') FROM tags t WHERE t.paper_id = p.id), ''),
          coalesce((SELECT group_concat(a.value, ' ') FROM json_each(p.authors) a), ''),
          coalesce(p.arxiv_id, '')
        FROM papers p;

      DELETE FROM search_pending;
      -- an upgraded library relearns its vocabulary in bulk; a new one (no papers) learns as it imports
      UPDATE search_state SET value = -1 WHERE key = 'learned_id' AND EXISTS (SELECT 1 FROM papers);

      CREATE INDEX papers_by_arxiv ON papers(arxiv_id) WHERE arxiv_id IS NOT NULL;
    `)
  },
}
