/**
 * Saved searches (smart feeds) and tags. A saved search is a name and a query; its count is every
 * paper matching all of its words (typos corrected as in the box) and its filters, so it behaves
 * like a feed: new papers that match it appear in it after an import.
 */
import { writeTransaction } from '../library/statements'
import { indexPapers } from '../library/searchIndex/indexer'
import { SavedSearch, SavedSearchName, TagName } from '../../shared/contract/shapes/search'
import { matchingIdsSql, type HasDb } from './search'
import { tryCatchUpVocabulary } from '../library/searchIndex/vocabulary'

export { SavedSearch, SavedSearchName, TagName }


/** Saves `query` under `name` (replacing the query of an existing search of that name). */
export function saveSearch(lib: HasDb, name: string, query: string): SavedSearch {
  const n = SavedSearchName.parse(name)
  const upsert = lib.db.prepare(
    `INSERT INTO saved_searches (name, query, created_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET query = excluded.query`,
  )
  writeTransaction(lib.db, () => upsert.run(n, query.trim(), new Date().toISOString()))
  return listSavedSearches(lib).find((s) => s.name === n)!
}

/** Returns whether a search of that name (or id) existed. */
export function deleteSavedSearch(lib: HasDb, nameOrId: string | number): boolean {
  const col = typeof nameOrId === 'number' ? 'id' : 'name'
  const del = lib.db.prepare(`DELETE FROM saved_searches WHERE ${col} = ?`)
  return writeTransaction(lib.db, () => del.run(nameOrId).changes) > 0
}

/** Every saved search, in name order, with how many papers it holds and how many are unread. */
export function listSavedSearches(lib: HasDb): SavedSearch[] {
  const rows = lib.db.prepare('SELECT id, name, query FROM saved_searches ORDER BY name COLLATE NOCASE, id').all() as {
    id: number
    name: string
    query: string
  }[]
  return rows.map((r) => ({ ...r, ...countMatches(lib, r.query) }))
}

export function countMatches(lib: HasDb, query: string): { total: number; unread: number } {
  const m = matchingIdsSql(lib, query, { typing: true })
  if (!m) return { total: 0, unread: 0 }
  const row = lib.db
    .prepare(`SELECT count(*) AS total, coalesce(sum(q.read = 0), 0) AS unread FROM papers q WHERE q.id IN (${m.sql})`)
    .get(m.params) as { total: number; unread: number }
  return row
}

/** Ids of every paper matching all the words (whole words) and filters of a query, newest first. */
export function matchingIds(lib: HasDb, query: string): number[] {
  const m = matchingIdsSql(lib, query)
  return m ? idsOf(lib, m) : []
}

function idsOf(lib: HasDb, m: { sql: string; params: Record<string, unknown> }): number[] {
  return lib.db
    .prepare(`SELECT q.id FROM papers q WHERE q.id IN (${m.sql}) ORDER BY q.first_seen DESC, q.id DESC`)
    .pluck()
    .all(m.params) as number[]
}

/**
 * A smart feed: every paper a query matches, newest first — the same papers its unread count counts
 * — and the terms to highlight. Also the whole list of a query of filters only.
 */
export function smartFeed(lib: HasDb, query: string): { ids: number[]; terms: string[] } {
  const m = matchingIdsSql(lib, query, { typing: true })
  return m ? { ids: idsOf(lib, m), terms: m.terms } : { ids: [], terms: [] }
}

/** Adds tags to a paper (kept lower-case); returns the paper's tags. */
export function addTags(lib: HasDb, id: number, tags: readonly string[]): string[] {
  const names = tags.map((t) => TagName.parse(t))
  return changeTags(lib, id, 'INSERT OR IGNORE INTO tags (paper_id, tag) VALUES (?, ?)', names)
}

export function removeTags(lib: HasDb, id: number, tags: readonly string[]): string[] {
  return changeTags(lib, id, 'DELETE FROM tags WHERE paper_id = ? AND tag = ?', tags.map((t) => t.trim().toLowerCase()))
}

/** Adds or removes tags in one write transaction, re-indexes the paper if they changed; returns its tags. */
function changeTags(lib: HasDb, id: number, sql: string, tags: readonly string[]): string[] {
  const run = lib.db.prepare(sql)
  const changed = writeTransaction(lib.db, () => {
    let n = 0
    for (const t of tags) n += run.run(id, t).changes
    if (n) indexPapers(lib.db, [], [id])
    return n
  })
  // tags are words of the search: typos of a new tag are corrected from now on (never waits for a lock)
  if (changed) tryCatchUpVocabulary(lib.db, { wait: false, rebuild: false })
  return tagsOf(lib, id)
}

export function tagsOf(lib: HasDb, id: number): string[] {
  return lib.db.prepare('SELECT tag FROM tags WHERE paper_id = ? ORDER BY tag').pluck().all(id) as string[]
}

/** Every tag with how many papers carry it. */
export function allTags(lib: HasDb): { tag: string; papers: number }[] {
  return lib.db.prepare('SELECT tag, count(*) AS papers FROM tags GROUP BY tag ORDER BY tag').all() as { tag: string; papers: number }[]
}
