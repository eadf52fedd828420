/**
 * What a reload must not lose: the open paper, the search and the feed's scroll position. Kept in
 * sessionStorage (this window only; the feed filter and sort are settings). Written when the page
 * goes away, read once at start.
 */
import { useEffect, useRef } from 'react'

export interface SessionState {
  selectedId: number | null
  query: string
  feedScroll: number
}

const KEY = 'margin:session'

export function readSession(): SessionState | null {
  try {
    const raw = sessionStorage.getItem(KEY)
    if (!raw) return null
    const s = JSON.parse(raw) as Partial<SessionState>
    return {
      selectedId: typeof s.selectedId === 'number' ? s.selectedId : null,
      query: typeof s.query === 'string' ? s.query : '',
      feedScroll: typeof s.feedScroll === 'number' ? s.feedScroll : 0,
    }
  } catch {
    return null
  }
}

/** Saves `current()` when the page is hidden or unloaded (a reload does both). */
export function useSaveSession(current: () => SessionState) {
  const get = useRef(current)
  useEffect(() => {
    get.current = current
  })
  useEffect(() => {
    const save = () => {
      try {
        sessionStorage.setItem(KEY, JSON.stringify(get.current()))
      } catch {
        // storage full or disabled: a reload then starts at the top, nothing else is lost
      }
    }
    window.addEventListener('pagehide', save)
    window.addEventListener('beforeunload', save)
    return () => {
      window.removeEventListener('pagehide', save)
      window.removeEventListener('beforeunload', save)
    }
  }, [])
}
