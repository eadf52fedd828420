/**
 * A Markdown note per paper, saved as you type: after a short pause, and at least once a second
 * while typing never pauses (lib/autosave.ts), and at once on blur, when another paper is opened
 * (the pane is keyed by paper) and when the window closes, so a crash loses at most a second of
 * typing. Saves run in order, so an older one never overwrites a newer one. The editor is CodeMirror
 * (NoteEditor.tsx), which React does not touch while you type and which puts only the lines on
 * screen into the page, so a keystroke in a megabyte of note costs what it costs in a line. The preview
 * (NotePreview.tsx) is rendered only in the Preview tab, in the background, and never as raw HTML.
 * The paper's tags sit above the note.
 */
import { forwardRef, memo, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react'
import { api, type Paper } from '../api'
import { createAutosave, type Autosave } from '../lib/autosave'
import { formatTime } from '../lib/format'
import { diffNotes } from '../../../shared/noteEdit'
import { PREVIEW_LIMITS } from '../lib/note-blocks'
import { NoteEditor, type NoteEditorHandle } from './NoteEditor'
import { NotePreview } from './NotePreview'
import { TagEditor } from './TagEditor'

/** Quiet time after the last keystroke before a save. */
export const SAVE_DELAY_MS = 350
/** Longest a change stays unsaved while typing continues (below a second, leaving room for the save itself). */
export const SAVE_MAX_WAIT_MS = 900

export interface NotesHandle {
  focus(): void
  flush(): Promise<void>
  /** Switches between Write and Preview (the keymap's Ctrl/Cmd+Enter). */
  togglePreview(): void
}

type SaveState = { kind: 'saved'; at: string | null } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'error'; message: string }

interface Props {
  paper: Paper
  onSaved(id: number, note: string, savedAt: string): void
  /** Searches `tag:<name>` (a tag chip was clicked). */
  onOpenTag?(tag: string): void
  /** The library cannot be written: the note is shown, not editable. */
  readOnly?: boolean
  /** The stored note changed elsewhere while this pane held unsaved typing, which was kept. */
  onChangedElsewhere?(): void
}

const NotesPaneView = forwardRef<NotesHandle, Props>(function NotesPane({ paper, onSaved, onOpenTag, readOnly = false, onChangedElsewhere }, ref) {
  // The note as typed (read from the editor when saving); `text` is its copy for the preview, taken on leaving Write.
  const typed = useRef(paper.note)
  const [text, setText] = useState(paper.note)
  const [mode, setMode] = useState<'write' | 'preview'>(paper.note ? 'preview' : 'write')
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: paper.noteUpdatedAt })
  const editorRef = useRef<NoteEditorHandle>(null)
  const id = paper.id
  // The latest onSaved without re-creating the autosave when the parent re-renders.
  const onSavedRef = useRef(onSaved)
  const onChangedElsewhereRef = useRef(onChangedElsewhere)
  useEffect(() => {
    onSavedRef.current = onSaved
    onChangedElsewhereRef.current = onChangedElsewhere
  })
  // The autosave is handed a function that reads the editor: a megabyte is copied once per save, not
  // per key. After the editor is gone (Preview, another paper) it gives the text the editor left.
  const read = useCallback(() => (editorRef.current ? (typed.current = editorRef.current.read()) : typed.current), [])
  // The version last saved (as the library has it): a save sends only the edit made since, which the
  // library applies only to that exact version; otherwise (changed elsewhere, a save whose answer was
  // lost) the whole text goes.
  const base = useRef({ text: paper.note, savedAt: paper.noteUpdatedAt })
  // The page is going away: the last save sends the whole text, and a save in flight that finds the
  // note changed does not send its (older) whole text after it.
  const unloading = useRef(false)
  const [autosave] = useState<Autosave<() => string>>(() =>
    createAutosave({
      wait: SAVE_DELAY_MS,
      maxWait: SAVE_MAX_WAIT_MS,
      save: async (readNote: () => string) => {
        setState({ kind: 'saving' })
        const note = readNote()
        const last = base.current
        let savedAt: string | null = null
        let stale = false
        if (!unloading.current) {
          const edit = diffNotes(last.text, note)
          ;({ savedAt } = await api.patchNote({ id, base: { savedAt: last.savedAt, length: last.text.length }, ...edit }))
          stale = savedAt === null
        }
        if (savedAt === null) {
          if (unloading.current && stale) throw new Error('the page is closing; its last save carries the note')
          ;({ savedAt } = await api.setNote({ id, note }))
        }
        base.current = { text: note, savedAt }
        return { note, savedAt, stale }
      },
      onSaved: (_read, { note, savedAt, stale }) => {
        if (!autosave.dirty) setState({ kind: 'saved', at: savedAt })
        onSavedRef.current(id, note, savedAt)
        // the stored note was not the version this pane last saved: changed elsewhere, and overwritten
        // with what was typed here (which is what the user sees)
        if (stale) onChangedElsewhereRef.current?.()
      },
      onError: (e) => setState({ kind: 'error', message: (e as Error).message }),
    }),
  )

  // The paper reloaded after another process changed the library. A note saved elsewhere replaces
  // the one shown when nothing typed here is waiting to be saved; with unsaved typing, the typing is
  // kept: its save finds the stored note is not the version it was made against, sends the whole
  // text and says so (onChangedElsewhere).
  useEffect(() => {
    if (paper.noteUpdatedAt === base.current.savedAt || paper.noteUpdatedAt === null) return
    if (autosave.dirty || autosave.saving) return
    const same = paper.note === base.current.text
    base.current = { text: paper.note, savedAt: paper.noteUpdatedAt }
    if (same) return
    typed.current = paper.note
    editorRef.current?.replace(paper.note)
    setText(paper.note)
    setState({ kind: 'saved', at: paper.noteUpdatedAt })
  }, [paper.note, paper.noteUpdatedAt, autosave])

  const flush = useCallback(() => autosave.flush(), [autosave])

  // leaving Write: the preview shows the note as typed, and the save goes at once
  const showPreview = useCallback(() => {
    read()
    void flush()
    setText(typed.current)
    setMode('preview')
  }, [flush, read])

  useImperativeHandle(ref, () => ({
    focus() {
      setMode('write')
      requestAnimationFrame(() => editorRef.current?.focus())
    },
    flush,
    togglePreview() {
      if (mode === 'write') return showPreview()
      setMode('write')
      requestAnimationFrame(() => editorRef.current?.focus())
    },
  }))

  // Save at once when the paper changes or the pane closes, and when the window goes away (then
  // without waiting for a save in flight: the page may not live to see it answered).
  useEffect(() => {
    const onUnload = () => {
      unloading.current = true
      autosave.flushNow()
    }
    window.addEventListener('beforeunload', onUnload)
    window.addEventListener('pagehide', onUnload)
    return () => {
      window.removeEventListener('beforeunload', onUnload)
      window.removeEventListener('pagehide', onUnload)
      void autosave.flush()
    }
  }, [autosave])

  // Each change only tells the autosave (one re-render when editing starts, not one per keystroke).
  const onChange = useCallback(() => {
    autosave.change(read)
    setState((s) => (s.kind === 'dirty' ? s : { kind: 'dirty' }))
  }, [autosave, read])
  const onClose = useCallback((last: string) => void (typed.current = last), [])
  const onBlur = useCallback(() => void autosave.flush(), [autosave])
  const onEscape = useCallback(() => {
    void autosave.flush()
    ;(document.activeElement as HTMLElement | null)?.blur()
    window.dispatchEvent(new CustomEvent('margin:focus-feed'))
  }, [autosave])

  return (
    <section className="pane notes" aria-label="Notes">
      <header className="pane-header notes-header">
        <div className="segmented small" role="tablist" aria-label="Note view">
          <button type="button" role="tab" aria-selected={mode === 'write'} className={mode === 'write' ? 'active' : ''} onClick={() => setMode('write')}>
            Write
          </button>
          <button type="button" role="tab" aria-selected={mode === 'preview'} className={mode === 'preview' ? 'active' : ''} onClick={showPreview}>
            Preview
          </button>
        </div>
        <span className={`save-state ${state.kind}`} data-testid="save-state" role="status">
          {state.kind === 'saved' ? (state.at ? `Saved ${formatTime(state.at)}` : '') : state.kind === 'error' ? 'Not saved' : state.kind === 'saving' ? 'Saving…' : 'Editing…'}
        </span>
      </header>
      <TagEditor paperId={id} onOpenTag={onOpenTag} />
      {state.kind === 'error' && <div className="notes-error">Could not save the note: {state.message}</div>}
      {mode === 'write' ? (
        // spell-checking a note too large to preview costs more than it helps
        <NoteEditor
          handle={editorRef}
          initial={typed.current}
          spellCheck={text.length <= PREVIEW_LIMITS.noteChars}
          readOnly={readOnly}
          onChange={onChange}
          onBlur={onBlur}
          onEscape={onEscape}
          onClose={onClose}
        />
      ) : (
        <NotePreview text={text} onEdit={() => setMode('write')} />
      )}
    </section>
  )
})

/** Memoised: the window re-renders on every key typed in the search box, the notes need not. */
export const NotesPane = memo(NotesPaneView)
