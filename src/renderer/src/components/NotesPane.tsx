/**
 * A Markdown note per paper, saved as you type: after a short pause, and at least once a second
 * while typing never pauses (lib/autosave.ts), and at once on blur, when another paper is opened
 * (the pane is keyed by paper) and when the window closes, so a crash loses at most a second of
 * typing. Saves run in order, so an older one never overwrites a newer one. The editor is an
 * uncontrolled textarea that React does not touch while you type (a controlled one copies the whole
 * note into the DOM twice per keystroke, which a megabyte of note makes slow). The preview
 * (NotePreview.tsx) is rendered only in the Preview tab, in the background, and never as raw HTML.
 * The paper's tags sit above the note.
 */
import { forwardRef, memo, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type KeyboardEvent, type Ref } from 'react'
import { api, type Paper } from '../api'
import { createAutosave, type Autosave } from '../lib/autosave'
import { formatTime } from '../lib/format'
import { PREVIEW_LIMITS } from '../lib/note-blocks'
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
}

interface EditorProps {
  editorRef: Ref<HTMLTextAreaElement>
  spellCheck: boolean
  onBlur(): void
  onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): void
}

/**
 * The textarea, rendered once per mount: its props never change while typing, so React leaves it
 * alone, and it has no React onChange (React's change tracking copies and compares the whole note
 * on every keystroke); NotesPane listens to `input` and reads the text only when it saves.
 */
const NoteEditor = memo(function NoteEditor({ editorRef, spellCheck, onBlur, onKeyDown }: EditorProps) {
  return (
    <textarea
      ref={editorRef}
      className="note-editor"
      data-testid="note-editor"
      placeholder={'Write a note in Markdown…\n\n- key idea\n- $\\mathcal{O}(n \\log n)$ math works too'}
      onBlur={onBlur}
      onKeyDown={onKeyDown}
      spellCheck={spellCheck}
    />
  )
})

const NotesPaneView = forwardRef<NotesHandle, Props>(function NotesPane({ paper, onSaved, onOpenTag }, ref) {
  // The note as typed (the textarea's value); `text` is its copy for the preview, taken on leaving Write.
  const typed = useRef(paper.note)
  const [text, setText] = useState(paper.note)
  const [mode, setMode] = useState<'write' | 'preview'>(paper.note ? 'preview' : 'write')
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: paper.noteUpdatedAt })
  const editorRef = useRef<HTMLTextAreaElement>(null)
  const id = paper.id
  // The latest onSaved without re-creating the autosave when the parent re-renders.
  const onSavedRef = useRef(onSaved)
  useEffect(() => {
    onSavedRef.current = onSaved
  })
  // The autosave is handed a function that reads the editor: a megabyte is copied once per save, not per key.
  const [autosave] = useState<Autosave<() => string>>(() =>
    createAutosave({
      wait: SAVE_DELAY_MS,
      maxWait: SAVE_MAX_WAIT_MS,
      save: async (read: () => string) => {
        setState({ kind: 'saving' })
        const note = read()
        return { note, ...(await api.setNote({ id, note })) }
      },
      onSaved: (_read, { note, savedAt }) => {
        if (!autosave.dirty) setState({ kind: 'saved', at: savedAt })
        onSavedRef.current(id, note, savedAt)
      },
      onError: (e) => setState({ kind: 'error', message: (e as Error).message }),
    }),
  )

  const flush = useCallback(() => autosave.flush(), [autosave])

  // leaving Write: the preview shows the note as typed, and the save goes at once
  const showPreview = useCallback(() => {
    if (editorRef.current) typed.current = editorRef.current.value
    void flush()
    setText(typed.current)
    setMode('preview')
  }, [flush])

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
    const onUnload = () => autosave.flushNow()
    window.addEventListener('beforeunload', onUnload)
    window.addEventListener('pagehide', onUnload)
    return () => {
      window.removeEventListener('beforeunload', onUnload)
      window.removeEventListener('pagehide', onUnload)
      void autosave.flush()
    }
  }, [autosave])

  // The editor opens on the note as typed so far; each keystroke only tells the autosave.
  useLayoutEffect(() => {
    const editor = editorRef.current
    if (mode !== 'write' || !editor) return
    editor.value = typed.current
    // works after the editor is gone too (a detached textarea keeps its value): the last flush
    const read = () => (typed.current = editor.value)
    const onInput = () => {
      autosave.change(read)
      // one re-render when editing starts, not one per keystroke
      setState((s) => (s.kind === 'dirty' ? s : { kind: 'dirty' }))
    }
    editor.addEventListener('input', onInput)
    return () => {
      editor.removeEventListener('input', onInput)
      read()
    }
  }, [mode, autosave])

  const onBlur = useCallback(() => void autosave.flush(), [autosave])
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLTextAreaElement>) => {
      if (e.key === 'Escape') {
        e.preventDefault()
        void autosave.flush()
        e.currentTarget.blur()
        window.dispatchEvent(new CustomEvent('margin:focus-feed'))
      }
    },
    [autosave],
  )

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
        <NoteEditor editorRef={editorRef} spellCheck={text.length <= PREVIEW_LIMITS.noteChars} onBlur={onBlur} onKeyDown={onKeyDown} />
      ) : (
        <NotePreview text={text} onEdit={() => setMode('write')} />
      )}
    </section>
  )
})

/** Memoised: the window re-renders on every key typed in the search box, the notes need not. */
export const NotesPane = memo(NotesPaneView)
