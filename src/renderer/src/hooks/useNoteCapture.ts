/**
 * Keys typed right after `n` belong to the note, even before its editor exists or has focus: they
 * are held here and typed into the editor (as an edit the editor sees, so it saves them) as soon as
 * it takes focus.
 */
import { useCallback, useEffect, useRef } from 'react'
import { TYPE_HELD_EVENT } from '../components/NoteEditor'

const HOLD_MS = 2000
const EDITOR = '[data-testid="note-editor"]'

export function useNoteCapture() {
  const held = useRef<{ text: string; until: number } | null>(null)

  const start = useCallback(() => {
    held.current = { text: '', until: Date.now() + HOLD_MS }
  }, [])

  useEffect(() => {
    const release = (editor: HTMLElement) => {
      const text = held.current?.text ?? ''
      held.current = null
      // the editor puts the caret at the end and types the held text as one edit it saves (and can undo)
      editor.dispatchEvent(new CustomEvent(TYPE_HELD_EVENT, { detail: text }))
    }
    const onFocus = (e: FocusEvent) => {
      const el = e.target as HTMLElement
      if (held.current && el.matches?.(EDITOR)) release(el)
    }
    const onKey = (e: KeyboardEvent) => {
      const h = held.current
      if (!h) return
      if (Date.now() > h.until) {
        held.current = null
        return
      }
      if ((e.target as HTMLElement).matches?.(EDITOR)) return
      if (e.ctrlKey || e.metaKey || e.altKey || e.key === 'Escape') {
        held.current = null
        return
      }
      if (e.key.length === 1) h.text += e.key
      else if (e.key === 'Enter') h.text += '\n'
      else if (e.key === 'Backspace') h.text = h.text.slice(0, -1)
      else return
      e.preventDefault()
      e.stopImmediatePropagation()
    }
    document.addEventListener('focusin', onFocus)
    // capture: the held keys must not run as shortcuts
    window.addEventListener('keydown', onKey, true)
    return () => {
      document.removeEventListener('focusin', onFocus)
      window.removeEventListener('keydown', onKey, true)
    }
  }, [])

  return start
}
