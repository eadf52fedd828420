/**
 * The window's key handler, driven by the one keymap table (keymap.ts): a key event is looked up
 * there (two-key sequences such as `g g` included) and runs the action the window gave for it.
 */
import { useEffect, useRef } from 'react'
import { lookup, type ActionId } from '../keymap'

/** An action returns false when it did not apply, so the key keeps its default behaviour. */
export type Actions = Partial<Record<ActionId, (e: KeyboardEvent) => unknown>>

const SEQUENCE_MS = 1000

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el || !el.tagName) return false
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable
}

export function useKeymap(actions: Actions, enabled: boolean) {
  const latest = useRef({ actions, enabled })
  useEffect(() => {
    latest.current = { actions, enabled }
  })
  useEffect(() => {
    let prefix: string | null = null
    let prefixAt = 0
    const onKey = (e: KeyboardEvent) => {
      const { actions, enabled } = latest.current
      if (e.defaultPrevented || !enabled) return
      if (prefix !== null && Date.now() - prefixAt > SEQUENCE_MS) prefix = null
      const { binding, startsSequence } = lookup(e, prefix, isTyping(e.target))
      prefix = startsSequence ? e.key : null
      prefixAt = Date.now()
      if (startsSequence) e.preventDefault()
      if (!binding) return
      const fn = actions[binding.action]
      if (!fn) return
      if (fn(e) !== false) e.preventDefault()
    }
    // a pane that gives the keys back to the window (Esc in the note, Enter in the tag box) asks for this
    const focusFeed = () => (document.activeElement as HTMLElement | null)?.blur?.()
    window.addEventListener('keydown', onKey)
    window.addEventListener('margin:focus-feed', focusFeed)
    return () => {
      window.removeEventListener('keydown', onKey)
      window.removeEventListener('margin:focus-feed', focusFeed)
    }
  }, [])
}
