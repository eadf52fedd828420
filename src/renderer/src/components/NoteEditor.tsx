/**
 * The note's editor: CodeMirror 6, which keeps the text in a tree of lines and puts only the lines
 * on screen into the page. A keystroke costs the same in a 1 KB and a 1 MB note; a textarea holding
 * a megabyte relays out and re-measures its whole text on every key (60–190 ms a key here).
 * The editor is created once per mount and owned here (React does not render its content); the
 * parent reads the text only when it saves (`read`), a megabyte copied once a save, not per key.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands'
import { EditorState, Prec, Transaction } from '@codemirror/state'
import { EditorView, keymap, placeholder } from '@codemirror/view'
import { memo, useImperativeHandle, useLayoutEffect, useRef, type Ref } from 'react'

export interface NoteEditorHandle {
  /** The text as typed now. */
  read(): string
  focus(): void
  /** Shows text saved elsewhere: not an edit (nothing to save, nothing to undo). */
  replace(text: string): void
}

interface Props {
  handle: Ref<NoteEditorHandle>
  /** The text it opens with (read once, when it mounts). */
  initial: string
  spellCheck: boolean
  /** Shown, not editable (a read-only library). */
  readOnly: boolean
  /** The text changed (by typing, pasting, undo…). */
  onChange(): void
  onBlur(): void
  /** Esc: the caller saves and leaves the editor. */
  onEscape(): void
  /** The editor is going away (Preview, another paper, the pane closed): its last text. */
  onClose(text: string): void
}

/** Typing held before the editor existed (useNoteCapture) arrives as this event on the editor's content. */
export const TYPE_HELD_EVENT = 'margin:type-held'

const PLACEHOLDER = 'Write a note in Markdown…\n\n- key idea\n- $\\mathcal{O}(n \\log n)$ math works too'

// the window's keymap owns Mod+Enter (Write ↔ Preview); CodeMirror's "insert blank line" would take it
const editorKeys = [...defaultKeymap.filter((b) => b.key !== 'Mod-Enter'), ...historyKeymap]

const theme = EditorView.theme({
  '&': { height: '100%', background: 'transparent', color: 'var(--text)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--mono)', fontSize: '13px', lineHeight: '1.6', overflowX: 'hidden' },
  '.cm-content': { padding: '16px 0', caretColor: 'var(--text)' },
  '.cm-line': { padding: '0 16px' },
  '.cm-placeholder': { color: 'var(--text-3)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    background: 'var(--bg-selected-strong)',
  },
})

export const NoteEditor = memo(function NoteEditor({ handle, initial, spellCheck, readOnly, onChange, onBlur, onEscape, onClose }: Props) {
  const host = useRef<HTMLDivElement>(null)
  const viewRef = useRef<EditorView | null>(null)
  // the latest callbacks, without re-creating the editor
  const latest = useRef({ onChange, onBlur, onEscape, onClose })
  useLayoutEffect(() => {
    latest.current = { onChange, onBlur, onEscape, onClose }
  })

  useImperativeHandle(handle, () => ({
    read: () => viewRef.current?.state.doc.toString() ?? initial,
    focus: () => viewRef.current?.focus(),
    replace: (text) => {
      const view = viewRef.current
      if (!view) return
      const end = Math.min(view.state.selection.main.head, text.length)
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        selection: { anchor: end },
        annotations: [Transaction.remote.of(true), Transaction.addToHistory.of(false)],
      })
    },
  }))

  useLayoutEffect(() => {
    const view = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initial,
        extensions: [
          history(),
          Prec.highest(keymap.of([{ key: 'Escape', run: () => (latest.current.onEscape(), true) }])),
          keymap.of(editorKeys),
          EditorView.lineWrapping,
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          placeholder(PLACEHOLDER),
          EditorView.contentAttributes.of({ 'data-testid': 'note-editor', 'aria-label': 'Note', spellcheck: String(spellCheck) }),
          EditorView.updateListener.of((u) => {
            // text shown from elsewhere (replace) is not the user's edit
            if (u.docChanged && u.transactions.some((t) => t.docChanged && !t.annotation(Transaction.remote))) latest.current.onChange()
          }),
          EditorView.domEventHandlers({ blur: () => latest.current.onBlur() }),
          theme,
        ],
      }),
    })
    viewRef.current = view
    // keys typed before the editor took focus: at the end of the note, as one edit (undoable, saved)
    const onHeld = (e: Event) => {
      const text = (e as CustomEvent<string>).detail
      const end = view.state.doc.length
      view.dispatch({ changes: { from: end, insert: text }, selection: { anchor: end + text.length }, scrollIntoView: true, userEvent: 'input.type' })
    }
    view.contentDOM.addEventListener(TYPE_HELD_EVENT, onHeld)
    return () => {
      view.contentDOM.removeEventListener(TYPE_HELD_EVENT, onHeld)
      // the text as it was last, for the parent's final save after the editor is gone
      latest.current.onClose(view.state.doc.toString())
      viewRef.current = null
      view.destroy()
    }
    // created once per mount: `initial`, `spellCheck` and `readOnly` are read when it opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  return <div ref={host} className="note-editor" />
})
