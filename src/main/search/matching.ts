/**
 * Every paper a query matches, unranked: the papers of a saved search (smart feed) and its counts,
 * an export's `--query`. The words are expanded as in the search box (typos corrected); the
 * library's SearchIndexStore runs the match.
 */
import { parseQuery } from './query'
import type { MatchSpec } from '../library/searchIndex/searchIndexStore'
import { expand, notExpression } from './expand'
import type { HasSearchIndex } from './search'

/**
 * What a query matches: `spec` for the library (null: no paper can match, a word the library does
 * not have), and the index terms searched for. Null when the query asks for nothing (empty).
 * `typing`: the last word is completed as in the search box (a saved search, saved as typed);
 * otherwise words are whole (an export's `--query`).
 */
export function planMatch(
  lib: HasSearchIndex,
  query: string,
  { typing = false }: { typing?: boolean } = {},
): { spec: MatchSpec | null; terms: string[] } | null {
  const index = lib.searchIndex
  const parsed = parseQuery(query)
  if (!typing) parsed.typing = false
  const positive = parsed.terms.filter((t) => !t.negated)
  const not = notExpression(parsed.terms.filter((t) => t.negated))
  if (positive.length === 0) {
    if (parsed.filters.length === 0 && !not) return null
    return { spec: { filters: parsed.filters, words: null, not }, terms: [] }
  }
  const behind = index.vocabularyBehind()
  const groups = positive.map((t, i) => expand(index, t, parsed.typing && i === positive.length - 1, behind))
  const terms = [...new Set(groups.flatMap((g) => g.alternatives))]
  if (groups.some((g) => g.fts === null)) return { spec: null, terms }
  return { spec: { filters: parsed.filters, words: groups.map((g) => g.fts).join(' AND '), not }, terms }
}

/** Ids of every paper matching all the words (whole words) and filters of a query, newest first. */
export function matchingIds(lib: HasSearchIndex, query: string): number[] {
  const m = planMatch(lib, query)
  return m?.spec ? lib.searchIndex.matchingIds(m.spec) : []
}

/** How many papers a query matches (its last word completed, as a saved search), and how many are unread. */
export function countMatches(lib: HasSearchIndex, query: string): { total: number; unread: number } {
  const m = planMatch(lib, query, { typing: true })
  return m?.spec ? lib.searchIndex.countMatching(m.spec) : { total: 0, unread: 0 }
}

/**
 * A smart feed: every paper a query matches, newest first — the same papers its unread count counts
 * — and the terms to highlight. Also the whole list of a query of filters only.
 */
export function smartFeed(lib: HasSearchIndex, query: string): { ids: number[]; terms: string[] } {
  const m = planMatch(lib, query, { typing: true })
  if (!m) return { ids: [], terms: [] }
  return { ids: m.spec ? lib.searchIndex.matchingIds(m.spec) : [], terms: m.terms }
}
