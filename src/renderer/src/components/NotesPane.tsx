/**
 * A Markdown note per paper, saved as you type: debounced (400 ms), and flushed on blur, when
 * another paper is opened, and before the window unloads, so at most a moment of typing is lost.
 * The preview renders Markdown and math but never raw HTML. The paper's tags sit above the note.
 */
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react'
import ReactMarkdown from 'react-markdown'
import rehypeKatex from 'rehype-katex'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import { api, type Paper } from '../api'
import { formatTime } from '../lib/format'
import { openLink } from './RichText'
import { TagEditor } from './TagEditor'

export const SAVE_DELAY_MS = 400

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

export const NotesPane = forwardRef<NotesHandle, Props>(function NotesPane({ paper, onSaved, onOpenTag }, ref) {
  const [text, setText] = useState(paper.note)
  const [mode, setMode] = useState<'write' | 'preview'>(paper.note ? 'preview' : 'write')
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: paper.noteUpdatedAt })
  const editorRef = useRef<HTMLTextAreaElement>(null)
  const pending = useRef<string | null>(null)
  const timer = useRef<number | undefined>(undefined)
  const id = paper.id

  const flush = useCallback(async () => {
    window.clearTimeout(timer.current)
    const note = pending.current
    if (note === null) return
    pending.current = null
    setState({ kind: 'saving' })
    try {
      const { savedAt } = await api.setNote({ id, note })
      if (pending.current === null) setState({ kind: 'saved', at: savedAt })
      onSaved(id, note, savedAt)
    } catch (e) {
      pending.current ??= note
      setState({ kind: 'error', message: (e as Error).message })
    }
  }, [id, onSaved])

  useImperativeHandle(ref, () => ({
    focus() {
      setMode('write')
      requestAnimationFrame(() => editorRef.current?.focus())
    },
    flush,
    togglePreview() {
      if (mode === 'write') void flush()
      setMode(mode === 'write' ? 'preview' : 'write')
      if (mode === 'preview') requestAnimationFrame(() => editorRef.current?.focus())
    },
  }))

  // Flush when the paper changes or the pane closes, and before the window unloads.
  useEffect(() => {
    const onUnload = () => void flush()
    window.addEventListener('beforeunload', onUnload)
    window.addEventListener('pagehide', onUnload)
    return () => {
      window.removeEventListener('beforeunload', onUnload)
      window.removeEventListener('pagehide', onUnload)
      void flush()
    }
  }, [flush])

  const change = (value: string) => {
    setText(value)
    pending.current = value
    setState({ kind: 'dirty' })
    window.clearTimeout(timer.current)
    timer.current = window.setTimeout(() => void flush(), SAVE_DELAY_MS)
  }

  return (
    <section className="pane notes" aria-label="Notes">
      <header className="pane-header notes-header">
        <div className="segmented small" role="tablist" aria-label="Note view">
          <button type="button" role="tab" aria-selected={mode === 'write'} className={mode === 'write' ? 'active' : ''} onClick={() => setMode('write')}>
            Write
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={mode === 'preview'}
            className={mode === 'preview' ? 'active' : ''}
            onClick={() => {
              void flush()
              setMode('preview')
            }}
          >
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
        <textarea
          ref={editorRef}
          className="note-editor"
          data-testid="note-editor"
          value={text}
          placeholder={'Write a note in Markdown…\n\n- key idea\n- $\\mathcal{O}(n \\log n)$ math works too'}
          onChange={(e) => change(e.target.value)}
          onBlur={() => void flush()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault()
              void flush()
              editorRef.current?.blur()
              window.dispatchEvent(new CustomEvent('margin:focus-feed'))
            }
          }}
          spellCheck
        />
      ) : (
        <div className="note-preview markdown" data-testid="note-preview" onDoubleClick={() => setMode('write')}>
          {text.trim() ? (
            <ReactMarkdown
              remarkPlugins={[remarkGfm, remarkMath]}
              rehypePlugins={[[rehypeKatex, { throwOnError: false, trust: false, strict: 'ignore' }]]}
              skipHtml
              components={{
                a: ({ href, children }) => (
                  <a
                    href={href}
                    onClick={(e) => {
                      e.preventDefault()
                      if (href) openLink(href)
                    }}
                  >
                    {children}
                  </a>
                ),
                img: ({ alt }) => <span className="muted">[image: {alt}]</span>,
              }}
            >
              {text}
            </ReactMarkdown>
          ) : (
            <p className="muted">No note yet. Press <kbd>n</kbd> or double-click here to write one.</p>
          )}
        </div>
      )}
    </section>
  )
})
