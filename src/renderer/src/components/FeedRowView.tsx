/**
 * One paper row of the feed. Memoised: typing in the search box re-renders the feed on every key,
 * and a row re-renders only when its paper, its place, its selection or the highlighted terms change.
 */
import { memo, useMemo } from 'react'
import type { PaperSummary } from '../api'
import { rowDetail } from '../lib/format'
import { toPlainText } from '../lib/latex'
import { Highlight } from './RichText'

interface Props {
  id: number
  /** undefined while its row data is on the way (a placeholder is shown) */
  summary: PaperSummary | undefined
  selected: boolean
  terms: readonly string[] | undefined
  start: number
  size: number
  onSelect(id: number): void
}

export const FeedRowView = memo(function FeedRowView({ id, summary: s, selected, terms, start, size, onSelect }: Props) {
  const title = useMemo(() => (s ? toPlainText(s.title) : ''), [s])
  return (
    <div
      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: size, transform: `translateY(${start}px)` }}
      role="option"
      aria-selected={selected}
      className={`feed-row${selected ? ' selected' : ''}${s && !s.read ? ' unread' : ''}`}
      data-testid="feed-row"
      data-id={id}
      data-read={s ? String(s.read) : undefined}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => onSelect(id)}
    >
      {s ? (
        <>
          <span className="unread-dot" aria-label={s.read ? undefined : 'unread'} />
          <div className="row-body">
            <div className="row-title">
              <Highlight text={title} terms={terms} />
            </div>
            <div className="row-meta">
              <span className="who">{rowDetail(s)}</span>
              {s.upvotes !== null && <span className="votes">▲ {s.upvotes}</span>}
              {s.hasNote && <span className="has-note" title="Has a note">✎</span>}
              {s.starred && <span className="star-mark" title="Starred">★</span>}
            </div>
          </div>
        </>
      ) : (
        <div className="row-body placeholder">
          <div className="skeleton" />
          <div className="skeleton short" />
        </div>
      )}
    </div>
  )
})
