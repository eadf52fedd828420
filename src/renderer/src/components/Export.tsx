/**
 * The Export dialog (File ▸ Export… and the feed's Export button) and the
 * reader's citation key with copy and inline edit. App.tsx mounts them in the slots the panes offer.
 */
import { useEffect, useRef, useState } from 'react'
import { api } from '../api'
import type { Toast } from './Overlays'
import { Modal } from './Overlays'
import './export.css'

type Format = 'bibtex' | 'csl' | 'markdown'
type ScopeChoice = 'view' | 'selected' | 'starred' | 'all'

/** What "the current view" is right now: search results (their ids) or a feed filter and sort. */
export type CurrentView =
  | { kind: 'results'; query: string; ids: number[] }
  | { kind: 'feed'; filter: 'all' | 'unread' | 'starred' | 'notes'; sort: 'date' | 'upvotes'; count: number }

const FORMAT_LABELS: Record<Format, string> = {
  bibtex: 'BibTeX (.bib)',
  csl: 'CSL-JSON (Zotero, Pandoc)',
  markdown: 'Markdown notes (a folder)',
}

export function ExportButton({ onClick }: { onClick(): void }) {
  return (
    <button type="button" className="tool" onClick={onClick} title="Export the papers in view (BibTeX, CSL-JSON, Markdown)" data-testid="export-open">
      <span aria-hidden="true">⇩</span> Export
    </button>
  )
}

export function ExportDialog({
  view,
  selectedId,
  starred,
  total,
  onClose,
  onToast,
}: {
  view: CurrentView
  /** The paper open in the reader, offered as "this paper". */
  selectedId?: number | null
  starred: number
  total: number
  onClose(): void
  onToast(t: Omit<Toast, 'id'>): void
}) {
  const [format, setFormat] = useState<Format>('bibtex')
  const [scope, setScope] = useState<ScopeChoice>('view')
  const [withNotes, setWithNotes] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // the dialog owns the keyboard while it is open: Escape closes it, nothing reaches the feed's shortcuts
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      e.stopImmediatePropagation()
      if (e.key === 'Escape') {
        e.preventDefault()
        onClose()
      }
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [onClose])
  const viewCount = view.kind === 'results' ? view.ids.length : view.count
  const viewLabel = view.kind === 'results' ? `Search results for “${view.query}”` : `Current view (${view.filter === 'all' ? 'all papers' : view.filter})`

  const run = async () => {
    setBusy(true)
    setError(null)
    try {
      const s =
        scope === 'selected' && selectedId
          ? { kind: 'selection' as const, ids: [selectedId] }
          : scope === 'starred'
          ? { kind: 'starred' as const }
          : scope === 'all'
            ? { kind: 'all' as const }
            : view.kind === 'results'
              ? { kind: 'selection' as const, ids: view.ids }
              : { kind: 'view' as const, filter: view.filter, sort: view.sort }
      const r = await api.exportWithDialog({ format, scope: s, withNotes })
      if (r.path === null) {
        setBusy(false)
        return // cancelled: keep the dialog open
      }
      onToast({
        title: 'Exported',
        body: `${r.count} paper${r.count === 1 ? '' : 's'} → ${r.path}`,
        tone: r.warnings.length ? 'info' : 'ok',
        detail: r.warnings.length ? r.warnings.join('\n') : undefined,
      })
      onClose()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      setBusy(false)
    }
  }

  return (
    <Modal title="Export" onClose={onClose} testId="export-dialog">
      <fieldset className="export-field">
        <legend>Format</legend>
        {(Object.keys(FORMAT_LABELS) as Format[]).map((f) => (
          <label key={f} className="check">
            <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} data-testid={`export-format-${f}`} />
            {FORMAT_LABELS[f]}
          </label>
        ))}
      </fieldset>
      <fieldset className="export-field">
        <legend>Papers</legend>
        <label className="check">
          <input type="radio" name="export-scope" checked={scope === 'view'} onChange={() => setScope('view')} data-testid="export-scope-view" />
          {viewLabel} · {viewCount}
        </label>
        {selectedId ? (
          <label className="check">
            <input type="radio" name="export-scope" checked={scope === 'selected'} onChange={() => setScope('selected')} data-testid="export-scope-selected" />
            The paper open in the reader · 1
          </label>
        ) : null}
        {/* no second radio for the same papers: the starred feed is "Starred", the All feed the whole library */}
        {!(view.kind === 'feed' && view.filter === 'starred') && (
          <label className="check">
            <input type="radio" name="export-scope" checked={scope === 'starred'} onChange={() => setScope('starred')} data-testid="export-scope-starred" />
            Starred · {starred}
          </label>
        )}
        {!(view.kind === 'feed' && view.filter === 'all') && (
          <label className="check">
            <input type="radio" name="export-scope" checked={scope === 'all'} onChange={() => setScope('all')} data-testid="export-scope-all" />
            Whole library · {total}
          </label>
        )}
      </fieldset>
      {format !== 'markdown' && (
        <label className="check">
          <input type="checkbox" checked={withNotes} onChange={(e) => setWithNotes(e.target.checked)} data-testid="export-with-notes" />
          Include my notes (as a note field)
        </label>
      )}
      {error && (
        <p className="export-error" role="alert" data-testid="export-error">
          {error}
        </p>
      )}
      <div className="export-actions">
        <button type="button" className="tool" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void run()} data-testid="export-run">
          {busy ? 'Exporting…' : 'Export…'}
        </button>
      </div>
    </Modal>
  )
}

/** The reader's citation key: shown, copied with one click, edited inline (uniqueness errors shown). */
export function CitationKey({ paperId, initial }: { paperId: number; initial: string | null }) {
  const [key, setKey] = useState(initial)
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState(initial ?? '')
  const [error, setError] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (editing) input.current?.select()
  }, [editing])
  if (!key) return null

  const save = async () => {
    if (draft.trim() === key) {
      setEditing(false)
      setError(null)
      return
    }
    const r = await api.setCitationKey({ id: paperId, key: draft })
    if (r.error !== null || r.key === null) setError(r.error ?? 'The key was not saved.')
    else {
      setKey(r.key)
      setEditing(false)
      setError(null)
    }
  }
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(key)
      setCopied(true)
      window.setTimeout(() => setCopied(false), 1200)
    } catch {
      setError('Could not copy to the clipboard.')
    }
  }

  return (
    <span className="citation-key" data-testid="citation-key">
      {editing ? (
        <>
          <input
            ref={input}
            className="citation-key-input"
            value={draft}
            aria-label="Citation key"
            spellCheck={false}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              e.stopPropagation()
              if (e.key === 'Enter') void save()
              if (e.key === 'Escape') {
                setEditing(false)
                setError(null)
                setDraft(key)
              }
            }}
            data-testid="citation-key-input"
          />
          <button type="button" className="tool" onClick={() => void save()} data-testid="citation-key-save">
            Save
          </button>
        </>
      ) : (
        <>
          <span className="citation-key-label" aria-hidden="true">
            Key
          </span>
          <code title="Citation key (BibTeX)" data-testid="citation-key-value">
            {key}
          </code>
          <button
            type="button"
            className="tool icon"
            onClick={() => void copy()}
            title={copied ? 'Copied' : 'Copy the citation key'}
            aria-label="Copy the citation key"
            data-copied={copied}
            data-testid="citation-key-copy"
          >
            {copied ? '✓' : <CopyIcon />}
          </button>
          <button
            type="button"
            className="tool"
            onClick={() => {
              setDraft(key)
              setEditing(true)
            }}
            title="Edit the citation key"
            aria-label="Edit the citation key"
            data-testid="citation-key-edit"
          >
            Edit
          </button>
        </>
      )}
      {error && (
        <span className="citation-key-error" role="alert" data-testid="citation-key-error">
          {error}
        </span>
      )}
    </span>
  )
}

/** Two overlapping sheets, drawn rather than a font glyph: U+29C9 is missing from many system fonts. */
function CopyIcon() {
  return (
    <svg width="13" height="13" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M10.5 3.5v-1a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h1" />
    </svg>
  )
}
