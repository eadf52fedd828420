/**
 * The library's feed: the ordered ids of the current filter and sort, its day groups and counts,
 * and a cache of row summaries fetched a page at a time (mutated in place; `version` announces it).
 * Library changes pushed by the main process refresh it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { api, type DayGroup, type FeedFilter, type FeedSort, type LibraryCounts, type PaperSummary } from '../api'
import { FeedRows } from '../lib/feedRows'

export { PAGE } from '../lib/feedRows'

const EMPTY_COUNTS: LibraryCounts = { total: 0, unread: 0, starred: 0, notes: 0, dumps: 0 }

export interface Feed {
  ids: number[]
  /** Partition of `ids` by day, fixed until the next full reload (date sort only). */
  groups: DayGroup[]
}

export type LibraryChange = { reason: string; ids?: number[] }

export function useFeed(onChanged: (change: LibraryChange) => void) {
  const [filter, setFilter] = useState<FeedFilter>('all')
  const [sort, setSort] = useState<FeedSort>('date')
  const [feed, setFeed] = useState<Feed>({ ids: [], groups: [] })
  const [unreadByDay, setUnreadByDay] = useState<Map<string, number>>(new Map())
  const [counts, setCounts] = useState<LibraryCounts>(EMPTY_COUNTS)
  const [loaded, setLoaded] = useState(false)
  const [version, setVersion] = useState(0)
  // For you: the unread papers ranked by the stars and notes, and why each ranks where it does
  const [forYou, setForYou] = useState(false)
  const [forYouHint, setForYouHint] = useState<string | null>(null)
  const [positives, setPositives] = useState(0)
  const [cache] = useState(() => new FeedRows(api, () => setVersion((v) => v + 1)))
  const { summaries, reasons } = cache

  const refreshStats = useCallback(async (f: FeedFilter) => {
    const stats = await api.feedStats({ filter: f })
    setUnreadByDay(new Map(stats.groups.map((g) => [g.day, g.unread])))
    setCounts(stats.counts)
  }, [])

  const reloadFeed = useCallback(async (f: FeedFilter, s: FeedSort, fy: boolean = cache.isForYou()) => {
    cache.setForYou(fy)
    if (fy) {
      // ranked once per opening (and per import): a star or a read never reorders the list under you
      const [ranked, stats] = await Promise.all([api.forYou(), api.feedStats({ filter: 'unread' })])
      cache.clearReasons()
      setForYouHint(ranked.hint)
      setPositives(ranked.positives)
      setFeed({ ids: ranked.ids, groups: [] })
      setUnreadByDay(new Map(stats.groups.map((g) => [g.day, g.unread])))
      setCounts(stats.counts)
      setLoaded(true)
      return
    }
    const v = await api.feedView({ filter: f, sort: s })
    setFeed({ ids: v.ids, groups: v.groups })
    setUnreadByDay(new Map(v.groups.map((g) => [g.day, g.unread])))
    setCounts(v.counts)
    setLoaded(true)
  }, [cache])

  const fetchSummaries = useCallback((asked: number[]) => cache.fetch(asked), [cache])

  /** Rows that came with something else (a search's first results): cached as if fetched. */
  const addSummaries = useCallback(
    (rows: readonly PaperSummary[]) => {
      if (!rows.length) return
      for (const s of rows) summaries.set(s.id, s)
      setVersion((v) => v + 1)
    },
    [summaries],
  )

  const patchSummary = useCallback(
    (id: number, patch: Partial<PaperSummary>) => {
      const s = summaries.get(id)
      if (s) summaries.set(id, { ...s, ...patch })
      setVersion((v) => v + 1)
    },
    [summaries],
  )

  const state = useRef({ filter, sort, onChanged })
  useEffect(() => {
    state.current = { filter, sort, onChanged }
  })

  useEffect(() => {
    // Read/star changes come in bursts (j j j …): one stats refresh per burst.
    let statsTimer: number | undefined
    const off = api.on('library:changed', (change) => {
      const { filter: f, sort: s } = state.current
      // an import, or a change another process made (the CLI): reload the feed, its groups and counts
      if (change.reason === 'import' || change.reason === 'other' || change.reason === 'external') {
        summaries.clear()
        void reloadFeed(f, s)
      } else {
        window.clearTimeout(statsTimer)
        statsTimer = window.setTimeout(() => void refreshStats(state.current.filter), 120)
        // Refresh the cached rows in place (no flash of placeholders).
        void fetchSummaries(change.ids ?? [...summaries.keys()])
      }
      state.current.onChanged(change)
    })
    return () => {
      window.clearTimeout(statsTimer)
      off()
    }
  }, [summaries, reloadFeed, refreshStats, fetchSummaries])

  // one object while nothing in it changes: the feed pane is memoised on its props
  const forYouState = useMemo(
    () => ({ on: forYou, set: setForYou, hint: forYouHint, positives, reasons }),
    [forYou, forYouHint, positives, reasons],
  )

  return {
    filter,
    setFilter,
    sort,
    setSort,
    feed,
    unreadByDay,
    counts,
    loaded,
    version,
    summaries,
    reloadFeed,
    fetchSummaries,
    addSummaries,
    patchSummary,
    forYou: forYouState,
  }
}
