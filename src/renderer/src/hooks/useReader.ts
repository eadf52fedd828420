/**
 * The selected paper and the paper open in the reader. Selecting is immediate (the row lights up);
 * opening fetches the paper, marks it read when that is wanted, and follows changes made to it
 * elsewhere. A search's best match is selected on every key typed, but opened only once typing
 * pauses (or the box is left), so the keys and their results never wait behind a paper being drawn.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import { api, type Paper } from '../api'
import { toPlainText } from '../lib/latex'
import type { FeedPaneHandle } from '../components/FeedPane'
import type { LibraryChange } from './useFeed'

/** How long typing in the search box must pause before its best match opens in the reader. */
const OPEN_AFTER_TYPING_MS = 150

export interface SelectOptions {
  /** Opening it may mark it read (default true; not when a search merely shows its best match). */
  mark?: boolean
  /** Scroll the feed to it (default true). */
  scroll?: boolean
  /** Wait for typing in the search box to pause before opening it. */
  later?: boolean
}

interface Options {
  feedRef: RefObject<FeedPaneHandle | null>
  searchRef: RefObject<HTMLInputElement | null>
  /** Whether opening an unread paper may mark it read (the setting, and a writable library). */
  canMarkOnOpen(): boolean
  markRead(id: number): void
}

export function useReader({ feedRef, searchRef, canMarkOnOpen, markRead }: Options) {
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const [paper, setPaper] = useState<Paper | null>(null)
  const readerRef = useRef<HTMLDivElement>(null)
  const markOnOpen = useRef(true)
  const openLater = useRef(false)
  const opts = useRef({ canMarkOnOpen, markRead })
  useEffect(() => {
    opts.current = { canMarkOnOpen, markRead }
  })

  const select = useCallback(
    (id: number | null, options: SelectOptions = {}) => {
      markOnOpen.current = options.mark ?? true
      openLater.current = options.later ?? false
      setSelectedId(id)
      if (id !== null && options.scroll !== false) feedRef.current?.scrollToId(id)
    },
    [feedRef],
  )

  /** Selects the paper `delta` rows from the selected one in `ids` (the first or last when none is). */
  const move = (ids: readonly number[], delta: number) => {
    if (!ids.length) return
    const i = selectedId === null ? -1 : ids.indexOf(selectedId)
    const next = i === -1 ? (delta > 0 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, i + delta))
    select(ids[next]!)
  }

  useEffect(() => {
    if (selectedId === null) return
    let cancelled = false
    const open = () =>
      void api.getPaper({ id: selectedId }).then((p) => {
        if (cancelled) return
        readerRef.current?.scrollTo({ top: 0 })
        if (p && !p.read && markOnOpen.current && opts.current.canMarkOnOpen()) {
          setPaper({ ...p, read: true })
          opts.current.markRead(p.id)
        } else {
          setPaper(p)
        }
      })
    const box = searchRef.current
    if (!openLater.current || document.activeElement !== box) {
      open()
      return () => {
        cancelled = true
      }
    }
    // at once if the box is left meanwhile (Enter: the keys that follow act on the open paper)
    const now = () => {
      window.clearTimeout(timer)
      box?.removeEventListener('blur', now)
      open()
    }
    const timer = window.setTimeout(now, OPEN_AFTER_TYPING_MS)
    box?.addEventListener('blur', now)
    return () => {
      cancelled = true
      window.clearTimeout(timer)
      box?.removeEventListener('blur', now)
    }
  }, [selectedId, searchRef])

  useEffect(() => {
    document.title = paper ? `${toPlainText(paper.title)} — Margin` : 'Margin'
  }, [paper])

  // A change to the open paper's flags (undo, another window, the CLI) shows in the reader; a change
  // another process made (the CLI) reloads the whole paper, its note included (NotesPane decides what
  // to do with a note that changed while it holds unsaved typing).
  const onLibraryChanged = useCallback((change: LibraryChange) => {
    if (change.reason !== 'flags' && change.reason !== 'external') return
    setPaper((p) => {
      if (p && (!change.ids || change.ids.includes(p.id))) {
        void api.getPaper({ id: p.id }).then((fresh) => {
          if (!fresh) return
          setPaper((cur) =>
            cur && cur.id === fresh.id ? (change.reason === 'external' ? fresh : { ...cur, read: fresh.read, starred: fresh.starred }) : cur,
          )
        })
      }
      return p
    })
  }, [])

  /** Notes saved: the open paper and its row know it has a note. */
  const noteSaved = useCallback((id: number, note: string, savedAt: string) => {
    setPaper((p) => (p && p.id === id ? { ...p, note, noteUpdatedAt: savedAt, hasNote: note !== '' } : p))
  }, [])

  return { selectedId, select, move, paper, setPaper, readerRef, onLibraryChanged, noteSaved }
}
