import { z } from 'zod'
import { PaperSummary, paperId } from '../shapes/library'
import { defineChannels } from '../define'
import { SavedSearch, SavedSearchName } from '../shapes/search'

/** A problem in the query (unknown filter, bad value) and where it is, for the search box to show. */
export const QueryError = z.object({ start: z.number().int(), end: z.number().int(), message: z.string() })
export type QueryError = z.infer<typeof QueryError>

export const SearchHit = z.object({
  id: paperId,
  score: z.number(),
  /** Index terms the paper matched: highlight words containing them. */
  highlights: z.array(z.string()),
})

export const SearchResponse = z.object({
  results: z.array(SearchHit),
  errors: z.array(QueryError),
  total: z.number().int(),
  corrections: z.array(z.object({ word: z.string(), terms: z.array(z.string()) })),
  /** Every term searched for (to highlight in the list and the reader). */
  terms: z.array(z.string()),
  /** No words, only filters: the results are a feed cut at `limit`; `smartFeed` lists them all. */
  filtersOnly: z.boolean(),
  /** Row data of the first `firstRows` results, when asked: the list shows them without a second call. */
  firstRows: z.array(PaperSummary).optional(),
})
export type SearchResponse = z.infer<typeof SearchResponse>

export { SavedSearch }

export const searchChannels = defineChannels({
  search: {
    summary: 'ranked, typo-forgiving search with filters (the search box)',
    input: z.object({
      query: z.string().max(2000, 'A search can be at most 2,000 characters long'),
      limit: z.number().int().positive().max(5000).optional(),
      /** Also answer the row data of the first this many results (the search box asks for a screenful and more). */
      firstRows: z.number().int().min(0).max(200).optional(),
    }),
    output: SearchResponse,
  },
  smartFeed: {
    summary: 'every paper a query matches, newest first, with the terms to highlight (a saved search opened as a feed)',
    input: z.object({ query: z.string().max(2000, 'A search can be at most 2,000 characters long') }),
    output: z.object({ ids: z.array(paperId), terms: z.array(z.string()) }),
  },
  savedSearches: {
    summary: 'the saved searches (smart feeds) with their paper and unread counts',
    input: z.void(),
    output: z.array(SavedSearch),
  },
  saveSearch: {
    writesLibrary: true,
    summary: 'save a query under a name (replaces the query of a search with that name)',
    input: z.object({ name: SavedSearchName, query: z.string().trim().min(1).max(2000) }),
    output: SavedSearch,
  },
  deleteSavedSearch: {
    writesLibrary: true,
    summary: 'delete a saved search by id; returns whether it existed',
    input: z.object({ id: z.number().int() }),
    output: z.object({ deleted: z.boolean() }),
  },
})
