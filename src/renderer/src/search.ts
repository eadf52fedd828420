/**
 * The feed shows either the library (`feed`) or a list of search results with the terms to
 * highlight (`results`). The search box lives in the feed header (App.tsx); what a query does is
 * decided here.
 *
 * Issue 4 (search) plugs in by implementing `runSearch` — e.g. calling `api.search({ query })` once
 * its channel exists in src/main/ipc/channels/search.ts — and returning the ranked ids and the terms
 * to highlight. Returning null means "no search": the feed is shown.
 */
export type FeedViewState =
  | { kind: 'feed' }
  | { kind: 'results'; query: string; ids: number[]; terms: string[] }

export type SearchResults = Extract<FeedViewState, { kind: 'results' }>

export async function runSearch(query: string): Promise<SearchResults | null> {
  if (query.trim() === '') return null
  return null
}
