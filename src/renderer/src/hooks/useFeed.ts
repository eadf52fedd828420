/**
 * The library's feed: the ordered ids of the current filter and sort, its day groups and counts,
 * and a cache of row summaries fetched a page at a time (mutated in place; `version` announces it).
 * Library changes pushed by the main process refresh it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { api, type DayGroup, type FeedFilter, type FeedSort, type LibraryCounts, type PaperReason, type PaperSummary } from '../api'

const EMPTY_COUNTS: LibraryCounts = { total: 0, unread: 0, starred: 0, notes: 0, dumps: 0 }
export const PAGE = 100

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
  const [summaries] = useState(() => new Map<number, PaperSummary>())
  const [pending] = useState(() => new Set<number>())
  // For you: the unread papers ranked by the stars and notes, and why each ranks where it does
  const [forYou, setForYou] = useState(false)
  const [forYouHint, setForYouHint] = useState<string | null>(null)
  const [positives, setPositives] = useState(0)
  const [reasons] = useState(() => new Map<number, PaperReason>())
  const forYouRef = useRef(false)

  const refreshStats = useCallback(async (f: FeedFilter) => {
    const stats = await api.feedStats({ filter: f })
    setUnreadByDay(new Map(stats.groups.map((g) => [g.day, g.unread])))
    setCounts(stats.counts)
  }, [])

  const reloadFeed = useCallback(async (f: FeedFilter, s: FeedSort, fy: boolean = forYouRef.current) => {
    forYouRef.current = fy
    if (fy) {
      // ranked once per opening (and per import): a star or a read never reorders the list under you
      const [ranked, stats] = await Promise.all([api.forYou(), api.feedStats({ filter: 'unread' })])
      reasons.clear()
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
  }, [reasons])

  /** Rows whose refresh was asked while an older one was on the way: its answer may predate the change. */
  const [stale] = useState(() => new Set<number>())

  const fetchSummaries = useCallback(
    async (asked: number[]): Promise<void> => {
      // a refresh asked while an older one is on the way is fetched again after it
      for (let batch = asked; batch.length; batch = batch.filter((id) => stale.delete(id))) {
        for (const id of batch) if (pending.has(id) && summaries.has(id)) stale.add(id)
        const wanted = batch.filter((id) => !pending.has(id))
        if (!wanted.length) return
        wanted.forEach((id) => pending.add(id))
        try {
          for (let i = 0; i < wanted.length; i += PAGE) {
            const ids = wanted.slice(i, i + PAGE)
            const [page, why] = await Promise.all([
              api.summaries({ ids }),
              forYouRef.current ? api.forYouReasons({ ids: ids.filter((id) => !reasons.has(id)) }) : [],
            ])
            for (const s of page) summaries.set(s.id, s)
            for (const r of why) reasons.set(r.id, r)
            // a paper the model cannot explain is asked once, not on every scroll
            if (forYouRef.current) for (const id of ids) if (!reasons.has(id)) reasons.set(id, { id, terms: [], like: null })
          }
        } finally {
          wanted.forEach((id) => pending.delete(id))
          setVersion((v) => v + 1)
        }
        batch = wanted
      }
    },
    [pending, summaries, reasons, stale],
  )

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
