/**
 * The search box: every keystroke runs the query at once (no debounce). At most one query is in
 * flight; keystrokes typed meanwhile collapse into the newest one, which runs when it returns, and
 * an answer for a query that is no longer in the box is dropped (a sequence number). Leaving the
 * feed for results and coming back are reported so the window can return to where the reader was.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { openSmartFeed, refusedSearch, runSearch, type FeedViewState, type SearchResults } from '../search'

export interface SearchEvents {
  /** The feed is about to be replaced by results (the first query after the feed). */
  onLeaveFeed(): void
  /** New results are on screen (a new query: show them from the top). */
  onResults(results: SearchResults): void
  /** Back to the feed. */
  onBackToFeed(): void
}

export function useSearch(events: SearchEvents) {
  const [query, setQuery] = useState('')
  const [view, setView] = useState<FeedViewState>({ kind: 'feed' })
  const seq = useRef(0)
  const inFlight = useRef(false)
  const queued = useRef<{ q: string; n: number } | null>(null)
  /** The view as of the last change (state lags a render behind). */
  const viewRef = useRef<FeedViewState>({ kind: 'feed' })
  const ev = useRef(events)
  useEffect(() => {
    ev.current = events
  })

  const show = useCallback((results: SearchResults | null) => {
    if (results === null) {
      if (viewRef.current.kind === 'results') {
        viewRef.current = { kind: 'feed' }
        setView({ kind: 'feed' })
        ev.current.onBackToFeed()
      }
      return
    }
    if (viewRef.current.kind === 'feed') ev.current.onLeaveFeed()
    viewRef.current = results
    setView(results)
    ev.current.onResults(results)
  }, [])

  const run = useCallback(
    async (q: string, n: number) => {
      inFlight.current = true
      for (let job: { q: string; n: number } | null = { q, n }; job; ) {
        const results = await runSearch(job.q).catch((e: unknown) => refusedSearch(job!.q, e))
        if (job.n === seq.current) show(results)
        job = queued.current
        queued.current = null
        if (job && job.n !== seq.current) job = null
      }
      inFlight.current = false
    },
    [show],
  )

  const change = useCallback(
    (q: string) => {
      setQuery(q)
      const n = ++seq.current
      if (inFlight.current) queued.current = { q, n }
      else void run(q, n)
    },
    [run],
  )

  const openSaved = useCallback(
    (q: string) => {
      setQuery(q)
      const n = ++seq.current
      void openSmartFeed(q)
        .catch((e: unknown) => refusedSearch(q, e))
        .then((results) => {
          if (n === seq.current) show(results)
        })
    },
    [show],
  )

  const exit = useCallback(() => {
    seq.current++
    queued.current = null
    setQuery('')
    show(null)
  }, [show])

  /** Forgets the search without the feed-return events (a filter change shows a new feed anyway). */
  const reset = useCallback(() => {
    seq.current++
    queued.current = null
    setQuery('')
    viewRef.current = { kind: 'feed' }
    setView({ kind: 'feed' })
  }, [])

  return { query, view, change, openSaved, exit, reset }
}
