/**
 * The feed shows either the library (`feed`) or a list of search results with the terms to
 * highlight (`results`). The search box lives in the feed header (App.tsx); what a query does is
 * decided here: the main process's search engine (src/main/search, issue 4) through `api.search`.
 */
import { api } from './api'
import type { QueryError } from '../../main/ipc/channels/search'

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
    }

export type SearchResults = Extract<FeedViewState, { kind: 'results' }>

/** Ranked ids of every match (the whole list: j/k, m, s and mark-all-read work on it). */
export async function runSearch(query: string): Promise<SearchResults | null> {
  if (query.trim() === '') return null
  const r = await api.search({ query, limit: 1000 })
  return {
    kind: 'results',
    query,
    ids: r.results.map((h) => h.id),
    terms: r.terms,
    errors: r.errors,
    corrections: r.corrections,
  }
}
