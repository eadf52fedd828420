/**
 * The feed shows either the library (`feed`) or a list of search results with the terms to
 * highlight (`results`). The search box lives in the feed header (App.tsx); what a query does is
 * decided here: the main process's search engine (src/main/search) through `api.search`.
 */
import { api, type PaperSummary } from './api'
import { errorSentence } from './lib/errors'
import type { QueryError } from '../../shared/contract/channels/search'

export type FeedViewState =
  | { kind: 'feed' }
  | {
      kind: 'results'
      query: string
      ids: number[]
      terms: string[]
      /** Unknown filters and bad values in the query, shown under the box. */
      errors?: QueryError[]
      /** Misspelt words and what they were searched as. */
      corrections?: { word: string; terms: string[] }[]
      /** Opened from a saved search: every match, newest first. */
      smartFeed?: boolean
      /** Row data of the first results, answered with them (the list needs no second call to show them). */
      firstRows?: PaperSummary[]
    }

export type SearchResults = Extract<FeedViewState, { kind: 'results' }>

/** Rows answered with a query: the feed asks for the rows 40 either side of the ~25 it draws. */
const FIRST_ROWS = 80

/**
 * The results of a query typed in the box: ranked ids of the matches (j/k, m, s and mark-all-read
 * work on the whole list). A query of filters only is a feed: every paper it matches, newest first.
 */
export async function runSearch(query: string): Promise<SearchResults | null> {
  if (query.trim() === '') return null
  // the main process's default page: the best 200 of a text query (what npm run bench times), with
  // the row data of a screenful and the rows the list fetches around it
  const r = await api.search({ query, firstRows: FIRST_ROWS })
  const ids = r.filtersOnly && r.total > r.results.length ? (await api.smartFeed({ query })).ids : r.results.map((h) => h.id)
  return { kind: 'results', query, ids, terms: r.terms, errors: r.errors, corrections: r.corrections, firstRows: r.firstRows }
}

/**
 * A saved search opened from its smart feed: exactly the papers its unread count counts (every one
 * matching all its words), newest first, rather than the box's ranking, which also lists papers
 * matching some of the words.
 */
export async function openSmartFeed(query: string): Promise<SearchResults> {
  const [feed, r] = await Promise.all([api.smartFeed({ query }), api.search({ query, limit: 1 })])
  return { kind: 'results', query, ids: feed.ids, terms: feed.terms, errors: r.errors, corrections: r.corrections, smartFeed: true }
}

/** A query the main process refused (too long, malformed): shown under the box like a bad filter. */
export function refusedSearch(query: string, error: unknown): SearchResults {
  return { kind: 'results', query, ids: [], terms: [], errors: [{ start: 0, end: query.length, message: errorSentence(error) }] }
}
