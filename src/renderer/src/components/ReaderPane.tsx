import { forwardRef, memo, useEffect, useRef, useState, type ReactNode } from 'react'
import type { Paper } from '../api'
import { formatCount, formatDay, plural } from '../lib/format'
import { DayChips } from './DayChips'
import { OverflowMenu } from './OverflowMenu'
import { AuthorList, PaperLinks } from './PaperIdentity'
import { RichText } from './RichText'

/** Below this reader width the settings, help and export go into the "…" menu and the key into the page. */
export const NARROW_READER = 620

interface Props {
  paper: Paper | null
  loading: boolean
  terms?: readonly string[]
  notesOpen: boolean
  onToggleRead(): void
  onToggleStar(): void
  onToggleNotes(): void
  onHelp(): void
  onSettings(): void
  onExport(): void
  /** Opens the paper's Hugging Face page (`o`). */
  onOpenPage(): void
  /** Opens its arXiv PDF (`Shift+O`). */
  onOpenPdf(): void
  /** Extra toolbar controls (e.g. Export / Copy citation). */
  toolbarExtra?: ReactNode
  /** Shown at the top of the article (a dump note: "abstract cut short in the dump"). */
  abstractNote?: ReactNode
  /** Lists the papers of one day's dump (a provenance chip was chosen). */
  onOpenDay?(day: string): void
  /** Below the abstract (Similar papers). */
  footer?: ReactNode
}

/** The width of an element, followed as it changes. */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(Infinity)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const ro = new ResizeObserver(([entry]) => setWidth(entry!.contentRect.width))
    ro.observe(el)
    return () => ro.disconnect()
  }, [ref])
  return width
}

const ReaderPaneView = forwardRef<HTMLDivElement, Props>(function ReaderPane(props, scrollRef) {
  const { paper } = props
  const section = useRef<HTMLElement>(null)
  const narrow = useWidth(section) < NARROW_READER
  return (
    <section className="pane reader" aria-label="Reader" ref={section} data-narrow={narrow}>
      <header className="pane-header reader-toolbar">
        <div className="toolbar-group">
          <button
            type="button"
            className="tool"
            disabled={!paper}
            onClick={props.onToggleRead}
            title="Toggle read (m)"
            data-testid="toggle-read"
            aria-pressed={paper?.read ?? false}
          >
            <span className={`dot-icon${paper && !paper.read ? ' on' : ''}`} aria-hidden="true" />
            {!paper || !paper.read ? 'Mark read' : 'Mark unread'}
          </button>
          <button
            type="button"
            className={`tool${paper?.starred ? ' starred' : ''}`}
            disabled={!paper}
            onClick={props.onToggleStar}
            title="Star (s)"
            data-testid="toggle-star"
            aria-pressed={paper?.starred ?? false}
          >
            <span aria-hidden="true">{paper?.starred ? '★' : '☆'}</span> {paper?.starred ? 'Starred' : 'Star'}
          </button>
          {!narrow && props.toolbarExtra}
        </div>
        <div className="toolbar-group">
          <button
            type="button"
            className={`tool${props.notesOpen ? ' active' : ''}`}
            onClick={props.onToggleNotes}
            title="Show / hide the notes (Shift+N)"
            aria-pressed={props.notesOpen}
            data-testid="toggle-notes"
          >
            <span aria-hidden="true">✎</span> Notes
          </button>
          {narrow ? (
            <OverflowMenu
              items={[
                { id: 'export', label: 'Export…', hint: 'Ctrl+E', run: props.onExport },
                { id: 'settings', label: 'Settings…', run: props.onSettings },
                { id: 'help', label: 'Keyboard shortcuts', hint: '?', run: props.onHelp },
              ]}
            />
          ) : (
            <>
          <button type="button" className="tool icon" onClick={props.onSettings} title="Settings" aria-label="Settings">
            <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true">
              <path
                fill="currentColor"
                fillRule="evenodd"
                d="M8 5.2a2.8 2.8 0 1 0 0 5.6 2.8 2.8 0 0 0 0-5.6Zm0 4.2a1.4 1.4 0 1 1 0-2.8 1.4 1.4 0 0 1 0 2.8Zm6.3-2.6-1.3-.2a5 5 0 0 0-.5-1.2l.8-1.1a.7.7 0 0 0-.1-.9l-.9-.9a.7.7 0 0 0-.9-.1l-1.1.8a5 5 0 0 0-1.2-.5L8.8 1.3A.7.7 0 0 0 8.1.7H7.9a.7.7 0 0 0-.7.6L7 2.6a5 5 0 0 0-1.2.5l-1.1-.8a.7.7 0 0 0-.9.1l-.9.9a.7.7 0 0 0-.1.9l.8 1.1a5 5 0 0 0-.5 1.2l-1.3.2a.7.7 0 0 0-.6.7v1.2c0 .3.3.6.6.7l1.3.2c.1.4.3.8.5 1.2l-.8 1.1a.7.7 0 0 0 .1.9l.9.9c.2.2.6.3.9.1l1.1-.8c.4.2.8.4 1.2.5l.2 1.3c.1.3.4.6.7.6h1.2c.3 0 .6-.3.7-.6l.2-1.3c.4-.1.8-.3 1.2-.5l1.1.8c.3.2.7.1.9-.1l.9-.9c.2-.2.3-.6.1-.9l-.8-1.1c.2-.4.4-.8.5-1.2l1.3-.2c.3-.1.6-.4.6-.7V7.5a.7.7 0 0 0-.6-.7Z"
              />
            </svg>
          </button>
          <button type="button" className="tool icon" onClick={props.onHelp} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
            ?
          </button>
            </>
          )}
        </div>
      </header>
      <div className="reader-scroll" ref={scrollRef} data-testid="reader-scroll" tabIndex={-1}>
        {paper ? (
          <article className="paper" data-testid="reader" data-id={paper.id}>
            <h1 className="paper-title" data-testid="paper-title">
              <RichText source={paper.title} terms={props.terms} />
            </h1>
            {paper.authors?.length ? <AuthorList key={paper.id} authors={paper.authors} /> : null}
            <div className="byline">
              {paper.org ? (
                <span className="org" title={paper.org.handle}>
                  {paper.org.name}
                </span>
              ) : paper.authorsCount && !paper.authors?.length ? (
                <span>{plural(paper.authorsCount, 'author')}</span>
              ) : null}
              {paper.publishedAt && <span>Published {formatDay(paper.publishedAt, false)}</span>}
              {paper.upvotes !== null && <span className="votes">▲ {formatCount(paper.upvotes)} upvotes</span>}
              <span className={`status-pill${paper.read ? '' : ' unread'}`} data-testid="read-state">
                {paper.read ? 'Read' : 'Unread'}
              </span>
            </div>
            <PaperLinks paper={paper} onOpenPage={props.onOpenPage} onOpenPdf={props.onOpenPdf} />
            {narrow && props.toolbarExtra && <div className="reader-key">{props.toolbarExtra}</div>}
            <DayChips appearances={paper.appearances} onOpenDay={props.onOpenDay} />
            <div className="abstract" data-testid="abstract">
              {paper.abstract ? <RichText source={paper.abstract} terms={props.terms} /> : <p className="muted">No abstract in the dumps.</p>}
            </div>
            {props.abstractNote}
            {props.footer}
          </article>
        ) : (
          <div className="reader-empty">
            <p>{props.loading ? 'Loading…' : 'Select a paper to read it.'}</p>
            <p className="muted">
              <kbd>j</kbd> / <kbd>k</kbd> move through the feed · <kbd>?</kbd> all shortcuts
            </p>
          </div>
        )}
      </div>
    </section>
  )
})

/** Memoised: the window re-renders on every key typed in the search box, the reader need not. */
export const ReaderPane = memo(ReaderPaneView)
