/**
 * The feed: a virtualised list of day-group headers and paper rows. The view's ordered ids are held
 * whole; row data (summaries) is fetched in pages for the rows near the viewport.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { forwardRef, memo, useCallback, useEffect, useImperativeHandle, useRef, type ReactNode } from 'react'
import type { DayGroup, FeedFilter, FeedSort, LibraryCounts, PaperReason, PaperSummary } from '../api'
import { formatCount, formatDay } from '../lib/format'
import type { FeedViewState } from '../search'
import { FeedRowView } from './FeedRowView'
import { QueryNotes, SaveSearchButton, SavedSearchList } from './SavedSearches'
import './for-you.css'

export type FeedRow =
  | { type: 'header'; day: string; total: number }
  | { type: 'paper'; id: number; index: number }

const HEADER_HEIGHT = 34
/** Every row is this tall (two title lines, the detail line, padding): styles.css .feed-row sizes to it. */
const ROW_HEIGHT = 70
/** For you rows add a line: why the paper ranks there. */
const WHY_ROW_HEIGHT = 88

export interface ForYouState {
  on: boolean
  hint: string | null
  positives: number
  reasons: Map<number, PaperReason>
}

/** Interleaves day headers with the ids. `groups` partitions `ids` (date order). */
export function buildRows(ids: readonly number[], groups: readonly DayGroup[] | null): FeedRow[] {
  if (!groups) return ids.map((id, index) => ({ type: 'paper', id, index }))
  const rows: FeedRow[] = []
  let index = 0
  for (const g of groups) {
    rows.push({ type: 'header', day: g.day, total: g.total })
    for (const end = Math.min(ids.length, index + g.total); index < end; index++) rows.push({ type: 'paper', id: ids[index]!, index })
  }
  for (; index < ids.length; index++) rows.push({ type: 'paper', id: ids[index]!, index })
  return rows
}

const FILTERS: { value: FeedFilter; label: string; title?: string; count: (c: LibraryCounts) => number }[] = [
  { value: 'all', label: 'All', count: (c) => c.total },
  { value: 'unread', label: 'Unread', count: (c) => c.unread },
  { value: 'starred', label: 'Starred', count: (c) => c.starred },
  { value: 'notes', label: 'Notes', title: 'Papers with notes', count: (c) => c.notes },
]

export interface FeedPaneHandle {
  scrollToId(id: number): void
  scrollTop(): number
  setScrollTop(top: number): void
}

interface Props {
  view: FeedViewState
  rows: FeedRow[]
  /** Fresher than the rows: refreshed after every read/unread change without rebuilding the rows. */
  unreadByDay: Map<string, number>
  counts: LibraryCounts
  filter: FeedFilter
  sort: FeedSort
  selectedId: number | null
  summaries: Map<number, PaperSummary>
  /** Bumped when `summaries` changes (the map is mutated in place). */
  version: number
  /** The search box (components/SearchBox.tsx), drawn at the top of the pane. */
  searchBox: ReactNode
  /** Opens a saved search as a smart feed. */
  onOpenSaved(query: string): void
  onFilter(filter: FeedFilter): void
  onSort(sort: FeedSort): void
  onSelect(id: number): void
  onNeedSummaries(ids: number[]): void
  onExitSearch(): void
  /** Extra controls for the header (e.g. Export…). */
  headerExtra?: ReactNode
  forYou: ForYouState
  onForYou(): void
}

const FeedPaneView = forwardRef<FeedPaneHandle, Props>(function FeedPane(props, ref) {
  const { rows, summaries, selectedId, view } = props
  const scrollRef = useRef<HTMLDivElement>(null)
  const terms = view.kind === 'results' ? view.terms : undefined
  const forYou = view.kind === 'feed' && props.forYou.on
  const rowHeight = forYou ? WHY_ROW_HEIGHT : ROW_HEIGHT
  // Stable callbacks: the virtualizer re-measures every item when they change (100,000 of them).
  const estimateSize = useCallback((i: number) => (rows[i]?.type === 'header' ? HEADER_HEIGHT : rowHeight), [rows, rowHeight])
  const getItemKey = useCallback(
    (i: number) => {
      const r = rows[i]!
      return r.type === 'header' ? `d${r.day}` : r.id
    },
    [rows],
  )
  const getScrollElement = useCallback(() => scrollRef.current, [])
  // rows drawn beyond the viewport: enough for j/k and a wheel's step; each is drawn again for every
  // query typed (new ids, new highlights), so not more
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement, estimateSize, overscan: 6, getItemKey })

  // the row of each paper, built when first asked (a keyed move), not each time the rows change:
  // going back from results to a feed of 100,000 papers need not index them all
  const rowIndex = useRef<{ rows: FeedRow[]; byId: Map<number, number> } | null>(null)
  const rowOf = (id: number) => {
    if (rowIndex.current?.rows !== rows) {
      const byId = new Map<number, number>()
      rows.forEach((r, i) => r.type === 'paper' && byId.set(r.id, i))
      rowIndex.current = { rows, byId }
    }
    return rowIndex.current.byId.get(id)
  }

  useImperativeHandle(ref, () => ({
    scrollToId(id) {
      const i = rowOf(id)
      if (i === undefined) return
      // Keep the day header visible above the first paper of a group.
      const target = i > 0 && rows[i - 1]?.type === 'header' ? i - 1 : i
      virtualizer.scrollToIndex(target, { align: 'auto' })
      if (target !== i) virtualizer.scrollToIndex(i, { align: 'auto' })
    },
    scrollTop: () => scrollRef.current?.scrollTop ?? 0,
    setScrollTop(top) {
      // the list is usually at the top already while a query is typed: scrolling there again would
      // make the browser lay the page out at once (the virtualizer reads the scroll height)
      if (virtualizer.scrollOffset !== top) virtualizer.scrollToOffset(top)
    },
  }))

  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items.at(-1)?.index ?? -1
  const { onNeedSummaries } = props
  useEffect(() => {
    const missing: number[] = []
    for (let i = Math.max(0, first - 40); i <= Math.min(rows.length - 1, last + 40); i++) {
      const r = rows[i]!
      // For you also needs each row's reason (its summary may be cached from another view)
      if (r.type === 'paper' && (!summaries.has(r.id) || (forYou && !props.forYou.reasons.has(r.id)))) missing.push(r.id)
    }
    if (missing.length) onNeedSummaries(missing)
  }, [first, last, rows, summaries, props.version, onNeedSummaries, forYou, props.forYou.reasons])

  return (
    <section className="pane feed" aria-label="Feed">
      <header className="pane-header feed-header">
        {props.searchBox}
        {props.headerExtra}
      </header>
      {view.kind === 'results' ? (
        <div className="feed-toolbar results-bar">
          {/* the query is in the box above: the count alone, the query on hover */}
          <span data-testid="results-count" data-query={view.query} title={view.query}>
            {formatCount(view.ids.length)} {view.smartFeed ? 'paper' : 'result'}
            {view.ids.length === 1 ? '' : 's'}
          </span>
          {!view.smartFeed && <SaveSearchButton query={view.query} />}
          <button type="button" className="link-button" onClick={props.onExitSearch}>
            Back to feed <kbd>Esc</kbd>
          </button>
        </div>
      ) : forYou ? (
        <div className="feed-toolbar results-bar">
          <span
            data-testid="for-you-count"
            data-positives={props.forYou.positives}
            title={`Unread papers, best first, ranked by a model of your ${props.forYou.positives.toLocaleString()} starred or annotated papers`}
          >
            For you: {rows.length.toLocaleString()} unread
          </span>
          <button type="button" className="link-button" onClick={props.onExitSearch}>
            Back to feed <kbd>Esc</kbd>
          </button>
        </div>
      ) : (
        <div className="feed-toolbar">
          <div className="segmented" role="tablist" aria-label="Filter">
            {FILTERS.map((f) => (
              <button
                key={f.value}
                type="button"
                role="tab"
                aria-selected={props.filter === f.value}
                className={props.filter === f.value ? 'active' : ''}
                onClick={() => props.onFilter(f.value)}
                title={f.title}
                data-testid={`filter-${f.value}`}
              >
                {f.label} <span className="count">{formatCount(f.count(props.counts))}</span>
              </button>
            ))}
          </div>
          <select className="sort" value={props.sort} onChange={(e) => props.onSort(e.target.value as FeedSort)} aria-label="Sort by" title="Sort by">
            <option value="date">Newest</option>
            <option value="upvotes">Upvotes</option>
          </select>
        </div>
      )}
      {view.kind === 'results' && <QueryNotes errors={view.errors} corrections={view.corrections} />}
      {view.kind === 'feed' && (
        <SavedSearchList
          onOpen={props.onOpenSaved}
          leading={
            <span className={`saved-search smart-for-you${forYou ? ' active' : ''}`}>
              <button
                type="button"
                className="saved-search-open"
                onClick={props.onForYou}
                aria-pressed={forYou}
                title="Unread papers ranked by your stars and notes (5)"
                data-testid="for-you"
              >
                <span className="name">For you</span>
              </button>
            </span>
          }
        />
      )}
      <div className="feed-scroll" ref={scrollRef} tabIndex={-1} data-testid="feed-list" role="listbox" aria-label="Papers">
        {rows.length === 0 && (
          <div className={forYou ? 'feed-empty for-you-hint' : 'feed-empty'} data-testid={forYou ? 'for-you-hint' : undefined}>
            {view.kind === 'results'
              ? 'No papers match this search.'
              : forYou
                ? (props.forYou.hint ?? 'All caught up — no unread papers.')
                : emptyText(props.filter)}
          </div>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index]!
            const style = { position: 'absolute' as const, top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` }
            if (row.type === 'header') {
              const unread = props.unreadByDay.get(row.day) ?? 0
              return (
                <div key={item.key} style={style} className="day-header" data-testid="day-header" data-day={row.day}>
                  <span className="day">{formatDay(row.day)}</span>
                  <span className="day-count" data-testid="day-unread">
                    {unread > 0 ? `${formatCount(unread)} unread` : 'all read'}
                  </span>
                </div>
              )
            }
            return (
              <FeedRowView
                key={item.key}
                id={row.id}
                summary={summaries.get(row.id)}
                selected={row.id === selectedId}
                terms={terms}
                start={item.start}
                size={item.size}
                onSelect={props.onSelect}
                why={forYou ? (props.forYou.reasons.get(row.id) ?? null) : undefined}
              />
            )
          })}
        </div>
      </div>
    </section>
  )
})

/** Memoised: the window re-renders for the reader and the notes, the feed need not. */
export const FeedPane = memo(FeedPaneView)

function emptyText(filter: FeedFilter): string {
  switch (filter) {
    case 'unread':
      return 'All caught up — no unread papers.'
    case 'starred':
      return 'No starred papers yet. Press s to star the open paper.'
    case 'notes':
      return 'No notes yet. Press n to write one.'
    default:
      return 'No papers.'
  }
}

