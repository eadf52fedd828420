/**
 * Keeps `search_fts` in step with `papers` (title, abstract, organisation, note, author names, arXiv id) and `tags`. The library calls these from the code that
 * writes papers, inside the same transaction, so the index can never disagree with the library.
 */
import type Database from 'better-sqlite3'
import { statement, writeTransaction } from '../statements'
import { vocabularyChanged } from './vocabulary'

const ROW_SQL = `SELECT p.id, p.title, p.abstract, trim(coalesce(p.org_handle, '') || ' ' || coalesce(p.org_name, '')),
    p.note, coalesce((SELECT group_concat(t.tag, ' ') FROM tags t WHERE t.paper_id = p.id), ''),
    coalesce((SELECT group_concat(a.value, ' ') FROM json_each(p.authors) a), ''), coalesce(p.arxiv_id, '')
  FROM papers p WHERE p.id IN (SELECT value FROM json_each(?))`

function prepared(db: Database.Database) {
  return {
    insert: statement(db, `INSERT INTO search_fts (rowid, title, abstract, org, note, tags, authors, ids) ${ROW_SQL}`),
    // papers this transaction inserted: none has tags yet (so no tag lookup per paper)
    insertAfter: statement(
      db,
      `INSERT INTO search_fts (rowid, title, abstract, org, note, tags, authors, ids) ${ROW_SQL.replace(
        'IN (SELECT value FROM json_each(?))',
        '> ? AND p.id <= ?',
      ).replace("coalesce((SELECT group_concat(t.tag, ' ') FROM tags t WHERE t.paper_id = p.id), '')", "''")}`,
    ),
    remove: statement(db, 'DELETE FROM search_fts WHERE rowid IN (SELECT value FROM json_each(?))'),
  }
}

/**
 * Indexes papers just inserted (`added`) and re-indexes papers whose text, organisation, note,
 * tags, authors or arXiv id changed (`changed`). Call it inside the writing transaction.
 */
export function indexPapers(db: Database.Database, added: readonly number[], changed: readonly number[] = []): void {
  if (added.length === 0 && changed.length === 0) return
  const s = prepared(db)
  if (changed.length > 0) s.remove.run(JSON.stringify(changed))
  s.insert.run(JSON.stringify(changed.length ? [...added, ...changed] : added))
  vocabularyChanged(db, added, changed)
}

/**
 * The import path: indexes every paper with an id above `afterId` (all inserted by this import, in
 * one statement) and re-indexes `changed` papers that were indexed before.
 */
export function indexImported(db: Database.Database, afterId: number, changed: readonly number[]): void {
  const s = prepared(db)
  if (changed.length > 0) {
    s.remove.run(JSON.stringify(changed))
    s.insert.run(JSON.stringify(changed))
  }
  s.insertAfter.run(afterId, Number.MAX_SAFE_INTEGER)
  vocabularyChanged(db, null, changed)
}

/** Drops papers from the index (before they are deleted). */
export function unindexPapers(db: Database.Database, ids: readonly number[]): void {
  if (ids.length) prepared(db).remove.run(JSON.stringify(ids))
}

/** Rebuilds the whole index from `papers` (repair; also what the migration does). */
export function rebuildIndex(db: Database.Database): void {
  writeTransaction(db, () => {
    db.exec("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
    db.exec(`INSERT INTO search_fts (rowid, title, abstract, org, note, tags, authors, ids) ${ROW_SQL.replace(
      'WHERE p.id IN (SELECT value FROM json_each(?))',
      '',
    )}`)
    vocabularyChanged(db, null, null)
  })
}
