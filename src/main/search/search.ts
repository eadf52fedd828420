/**
 * The search engine: SQLite FTS5 narrows 100,000 papers to a few hundred candidates, typos are
 * corrected against the index's vocabulary first, and fuse.js ranks the candidates on their short
 * fields. See README in this folder for the design and the figures behind it. This file plans the
 * stages and gathers candidates (the queries themselves are the library's SearchIndexStore);
 * expand.ts finds each word's alternatives, rank.ts orders the candidates.
 * A query of filters only lists everything matching them, newest first.
 */
import { type ParsedQuery, type QueryError, MAX_WORDS, parseQuery } from './query'
import type { SearchIndexStore } from '../library/searchIndex/searchIndexStore'
import { expand, notExpression } from './expand'
import { rankCandidates } from './rank'

/** What a search reads: the library's search index store (a Library has one). */
export interface HasSearchIndex {
  readonly searchIndex: SearchIndexStore
}

export interface SearchOptions {
  /** Most results to return (default 200). */
  limit?: number
}

export interface SearchHit {
  id: number
  /** 0..1, higher is better; results come sorted by it. */
  score: number
  /** Index terms this paper matched: highlight every word that starts with one of them. */
  highlights: string[]
}

export interface Correction {
  /** The word as typed. */
  word: string
  /** The index terms searched for instead. */
  terms: string[]
}

export interface SearchResponse {
  results: SearchHit[]
  /** Problems in the query (unknown filters, bad values), with their positions. */
  errors: QueryError[]
  /**
   * How many papers matched: for text queries the candidates ranked (at most a few hundred, or
   * `limit`); for filter-only queries the exact count, up to 1,000.
   */
  total: number
  /** Words that were not in the library and what they were corrected to (no terms: nothing matched it). */
  corrections: Correction[]
  /**
   * The query has no words, only filters (and excluded words): its results are a feed, newest first,
   * cut at `limit`; `smartFeed` lists them all.
   */
  filtersOnly: boolean
  /** Every term the query searched for (the union of the results' highlights). */
  terms: string[]
}

/** Candidates fetched per stage; fuse.js ranks at most a few hundred papers. */
const CANDIDATES = 200
/** Filter-only queries count their matches exactly up to this many. */
const COUNT_CAP = 1000

export function searchPapers(lib: HasSearchIndex, query: string | ParsedQuery, options: SearchOptions = {}): SearchResponse {
  const index = lib.searchIndex
  const limit = options.limit ?? 200
  const parsed = typeof query === 'string' ? parseQuery(query, { maxWords: MAX_WORDS }) : query
  // a search only reads: the vocabulary is learned by writers (vocabulary.ts)
  const behind = index.vocabularyBehind()
  const positive = parsed.terms.filter((t) => !t.negated)
  const negative = parsed.terms.filter((t) => t.negated)
  const notExpr = notExpression(negative)
  const base = { errors: parsed.errors, corrections: [] as Correction[], terms: [] as string[], filtersOnly: positive.length === 0 }

  if (positive.length === 0) {
    if (parsed.filters.length === 0 && negative.length === 0) return { ...base, results: [], total: 0 }
    const ids = index.filteredIds(parsed.filters, notExpr, limit)
    // counted exactly up to COUNT_CAP (a count of 70,000 unread papers costs more than the search)
    const total = ids.length < limit ? ids.length : index.countFiltered(parsed.filters, notExpr, Math.max(COUNT_CAP, limit + 1))
    return { ...base, results: ids.map((id) => ({ id, score: 1, highlights: [] })), total }
  }

  const groups = positive.map((t, i) => expand(index, t, parsed.typing && i === positive.length - 1, behind))
  const corrected = groups.filter((g) => g.term.kind === 'word' && !g.alternatives.includes(g.term.tokens[0]!) && !g.alternatives.some((a) => a.startsWith(g.term.tokens[0]!)))
  base.corrections = [
    ...corrected.map((g) => ({ word: g.term.text, terms: g.alternatives })),
    // a hyphenated word searched with a corrected part ("SWE-Lancr" as "swe lancer")
    ...groups.filter((g) => g.variants?.some((v) => v.join(' ') !== g.term.tokens.join(' '))).map((g) => ({ word: g.term.text, terms: g.variants!.map((v) => v.join(' ')) })),
  ]
  base.terms = [...new Set(groups.flatMap((g) => g.alternatives))]
  const live = groups.filter((g) => g.fts !== null)
  if (live.length === 0) return { ...base, results: [], total: 0 }

  // Stages, best first: all words in the short fields; all words anywhere; any word anywhere.
  const all = live.map((g) => g.fts).join(' AND ')
  const stages: string[] = [`{title org tags note authors ids} : (${all})`, `(${all})`]
  // then all words but one (three to five words), then any word
  if (live.length >= 3 && live.length <= 5) {
    for (let skip = 0; skip < live.length; skip++) stages.push(live.filter((_, i) => i !== skip).map((g) => g.fts).join(' AND '))
  }
  if (live.length > 1) stages.push(live.map((g) => g.fts).join(' OR '))
  // with words, org: and author: filters join the FTS expression (an intersection of doclists, not a subquery per row)
  const stageIds = index.stageSearch(parsed.filters, notExpr)
  const want = Math.max(limit, CANDIDATES)
  const found = new Map<number, number>() // id → stage
  for (let s = 0; s < stages.length && found.size < want; s++) {
    for (const id of stageIds(stages[s]!, want)) {
      if (found.size >= want) break
      if (!found.has(id)) found.set(id, s)
    }
  }
  if (found.size === 0) return { ...base, results: [], total: 0 }
  // abstracts and notes only for candidates that may lack a word (stages 0 and 1 have them all)
  return { ...base, ...rankCandidates(index.candidateRows(found), found, groups, limit) }
}
