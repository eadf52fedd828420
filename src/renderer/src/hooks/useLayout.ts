/**
 * Which layout fits the window: `wide` puts feed, reader and notes side by side; `compact` (narrow
 * windows, down to 800 px) keeps feed and reader and opens the notes as a drawer over the reader.
 * Pane widths are remembered per layout and clamped so the reader always keeps room.
 */
import { useEffect, useState } from 'react'

export type LayoutName = 'wide' | 'compact'
export const COMPACT_BELOW = 1180
/** The reader never gets narrower than this in the wide layout. */
const READER_MIN = 360

export function useWindowWidth(): number {
  const [width, setWidth] = useState(() => window.innerWidth)
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth)
    window.addEventListener('resize', onResize)
    return () => window.removeEventListener('resize', onResize)
  }, [])
  return width
}

export function layoutFor(width: number): LayoutName {
  return width < COMPACT_BELOW ? 'compact' : 'wide'
}

const clamp = (v: number, lo: number, hi: number) => Math.round(Math.max(lo, Math.min(hi, v)))

/** The widths actually used: what was chosen, limited by the window. */
export function fitWidths(layout: LayoutName, window: number, chosen: { feed: number; notes: number }, notesShown: boolean) {
  if (layout === 'compact') {
    const feed = clamp(chosen.feed, 240, Math.max(240, window * 0.45))
    const notes = clamp(chosen.notes, 260, Math.max(260, window - 80))
    return { feed, notes, feedMax: Math.round(Math.max(240, window * 0.45)), notesMax: Math.max(260, window - 80) }
  }
  const notesSpace = notesShown ? chosen.notes + 1 : 0
  const feed = clamp(chosen.feed, 260, Math.max(260, window - READER_MIN - notesSpace - 1))
  const notes = clamp(chosen.notes, 240, Math.max(240, window - READER_MIN - feed - 2))
  return { feed, notes, feedMax: Math.max(260, Math.min(720, window - READER_MIN - notesSpace - 1)), notesMax: Math.max(240, Math.min(720, window - READER_MIN - feed - 2)) }
}
