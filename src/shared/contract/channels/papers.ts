import { z } from 'zod'
import { DayGroup, DumpRecord, FeedFilter, FeedSort, LibraryCounts, Paper, PaperSummary, paperId } from '../shapes/library'
import { defineChannels } from '../define'

/** Enough for any visible page of the feed; larger calls are refused rather than slowing main down. */
export const MAX_SUMMARY_IDS = 500
/** Bulk flag changes (mark all read) may cover a whole view. */
export const MAX_FLAG_IDS = 1_000_000

const ids = (max: number) =>
  z.array(paperId).max(max, `at most ${max.toLocaleString('en')} ids per call`)

export const FeedView = z.object({
  /** Ordered ids of every paper in the view. */
  ids: z.array(paperId),
  /** Day groups in feed order (only meaningful when sorted by date): their totals partition `ids`. */
  groups: z.array(DayGroup),
  counts: LibraryCounts,
})
export type FeedView = z.infer<typeof FeedView>

export const papersChannels = defineChannels({
  feedView: {
    summary: 'the ordered ids and day groups of a feed view, with library counts',
    input: z.object({ filter: FeedFilter.default('all'), sort: FeedSort.default('date') }),
    output: FeedView,
  },
  feedStats: {
    summary: 'day groups and library counts only (cheap refresh after read/star changes)',
    input: z.object({ filter: FeedFilter.default('all') }),
    output: z.object({ groups: z.array(DayGroup), counts: LibraryCounts }),
  },
  summaries: {
    summary: 'list-row data for the given ids, in the order given',
    input: z.object({ ids: ids(MAX_SUMMARY_IDS) }),
    output: z.array(PaperSummary),
  },
  getPaper: {
    summary: 'one paper with its abstract, note and dump appearances (null if unknown)',
    input: z.object({ id: paperId }),
    output: Paper.nullable(),
  },
  setRead: {
    writesLibrary: true,
    summary: 'mark papers read or unread; returns how many changed',
    input: z.object({ ids: ids(MAX_FLAG_IDS), read: z.boolean() }),
    output: z.object({ changed: z.number().int() }),
  },
  setStarred: {
    writesLibrary: true,
    summary: 'star or unstar papers; returns how many changed',
    input: z.object({ ids: ids(MAX_FLAG_IDS), starred: z.boolean() }),
    output: z.object({ changed: z.number().int() }),
  },
  counts: {
    summary: 'library totals',
    input: z.void(),
    output: LibraryCounts,
  },
  dumps: {
    summary: 'imported dump files, newest first',
    input: z.void(),
    output: z.array(DumpRecord),
  },
})
