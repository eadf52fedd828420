import { assignMissingCitationKeys } from '../../export/citationKeys'
import type { Migration } from './index'

/**
 * Citation keys (issue 5): one pinned key per paper, unique regardless of case (BibTeX compares keys
 * case-insensitively). Papers already in the library get their keys here, in id order, so the
 * backfill is deterministic; new papers get theirs when they are imported.
 */
export const citationKeys: Migration = {
  version: 3,
  name: 'citation keys',
  up: (db) => {
    db.exec(`
      ALTER TABLE papers ADD COLUMN citation_key TEXT;
      CREATE UNIQUE INDEX papers_citation_key ON papers(citation_key COLLATE NOCASE);
    `)
    assignMissingCitationKeys(db)
  },
}
