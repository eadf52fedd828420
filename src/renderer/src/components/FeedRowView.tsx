/**
 * One paper row of the feed. Memoised: each query's results re-render the feed,
 * and a row re-renders only when its paper, its place, its selection or the highlighted terms change.
 */
import { memo, type ReactNode } from 'react'
import type { PaperReason, PaperSummary } from '../api'
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
  /** In For you: why the paper is there (null while it is on the way); undefined elsewhere. */
  why?: PaperReason | null
}

/**
 * Row titles as plain text, per summary: a query typed shows mostly the rows of the last one again,
 * each a new row, and their titles need not be taken apart again (the LaTeX in them).
 */
const plainTitles = new WeakMap<PaperSummary, string>()
function plainTitle(s: PaperSummary): string {
  let t = plainTitles.get(s)
  if (t === undefined) plainTitles.set(s, (t = toPlainText(s.title)))
  return t
}

export const FeedRowView = memo(function FeedRowView({ id, summary: s, selected, terms, start, size, onSelect, why }: Props) {
  const title = s ? plainTitle(s) : ''
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
            {why !== undefined && <Why reason={why ?? undefined} />}
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

/** For you: the terms that weigh most and the starred paper it is most like. */
function Why({ reason }: { reason: PaperReason | undefined }): ReactNode {
  if (!reason) return <div className="row-why">&nbsp;</div>
  const like = reason.like ? toPlainText(reason.like.title) : null
  return (
    <div className="row-why" data-testid="row-why" title={[reason.terms.join(', '), like && `like: ${like}`].filter(Boolean).join(' · ')}>
      {reason.terms.length > 0 && <span className="why-terms">{reason.terms.join(', ')}</span>}
      {reason.terms.length > 0 && like && ' · '}
      {like && (
        <>
          like: <span className="why-like">{like}</span>
        </>
      )}
    </div>
  )
}
