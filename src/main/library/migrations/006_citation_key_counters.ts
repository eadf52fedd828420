import type { Migration } from './index'

/**
 * Citation keys allocated in O(log n): per base key (`neuroformer2023`), the first suffix not known
 * to be taken. Every suffix below `next` is taken (renaming a key away lowers it again), so a new
 * paper's key is found with a few index probes instead of reading every key that shares its base.
 * Empty at first: a base's counter is learned by the first paper that needs it.
 */
export const citationKeyCounters: Migration = {
  version: 6,
  name: 'citation key counters',
  up: (db) => {
    db.exec('CREATE TABLE citation_key_next (base TEXT PRIMARY KEY, next INTEGER NOT NULL) WITHOUT ROWID')
  },
}
