/**
 * The search box: every keystroke runs the query at once (no debounce). At most one query is in
 * flight; keystrokes typed meanwhile collapse into the newest one, which runs when it returns, and
 * an answer for a query that is no longer in the box is dropped (a sequence number): a stale query
 * is never sent, and one already sent is never drawn. Leaving the feed for results and coming back
 * are reported so the window can return to where the reader was.
 *
 * The box's text is a small store rather than the window's state: a key typed re-renders the box
 * alone (components/SearchBox.tsx), and the window only when the results come.
 */
import { startTransition, useCallback, useEffect, useRef, useState } from 'react'
import { openSmartFeed, refusedSearch, runSearch, type FeedViewState, type SearchResults } from '../search'

export interface SearchEvents {
  /** The feed is about to be replaced by results (the first query after the feed). */
  onLeaveFeed(): void
  /** New results are on screen (a new query: show them from the top). */
  onResults(results: SearchResults): void
  /** Back to the feed. */
  onBackToFeed(): void
}

/** The text in the search box, readable without rendering and followed by the box alone. */
export interface QueryText {
  get(): string
  subscribe(listener: () => void): () => void
}

function queryText(): QueryText & { set(q: string): void } {
  let value = ''
  const listeners = new Set<() => void>()
  return {
    get: () => value,
    set(q) {
      if (q === value) return
      value = q
      for (const l of listeners) l()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export function useSearch(events: SearchEvents) {
  const [text] = useState(queryText)
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
    // an interruptible render: a key typed meanwhile is handled at once, and results it makes stale
    // are dropped rather than drawn
    startTransition(() => {
      setView(results)
      ev.current.onResults(results)
    })
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
      text.set(q)
      const n = ++seq.current
      if (inFlight.current) queued.current = { q, n }
      else void run(q, n)
    },
    [run, text],
  )

  const openSaved = useCallback(
    (q: string) => {
      text.set(q)
      const n = ++seq.current
      void openSmartFeed(q)
        .catch((e: unknown) => refusedSearch(q, e))
        .then((results) => {
          if (n === seq.current) show(results)
        })
    },
    [show, text],
  )

  const exit = useCallback(() => {
    seq.current++
    queued.current = null
    text.set('')
    show(null)
  }, [show, text])

  /** Forgets the search without the feed-return events (a filter change shows a new feed anyway). */
  const reset = useCallback(() => {
    seq.current++
    queued.current = null
    text.set('')
    viewRef.current = { kind: 'feed' }
    setView({ kind: 'feed' })
  }, [text])

  return { text: text as QueryText, view, change, openSaved, exit, reset }
}
