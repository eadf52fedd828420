/**
 * The panes' geometry: which layout the window's width calls for (hooks/useLayout.ts), the feed and
 * notes widths chosen per layout (saved in the settings when a drag ends), whether the notes pane is
 * open (wide: a setting) or its drawer is (compact: closed until asked for).
 */
import { useCallback, useState } from 'react'
import type { Settings } from '../api'
import type { SettingsPatch } from '../../../shared/contract/channels/settings'
import { fitWidths, layoutFor, useWindowWidth } from './useLayout'
import { useStableHandler } from './useStableHandler'

type Widths = { feed: number; notes: number }

export function usePanes(hasPaper: boolean, updateSettings: (patch: SettingsPatch) => void) {
  const [widths, setWidths] = useState<{ wide: Widths; compact: Widths }>({ wide: { feed: 380, notes: 360 }, compact: { feed: 320, notes: 340 } })
  const [notesOpen, setNotesOpen] = useState(true)
  const [drawerOpen, setDrawerOpen] = useState(false)
  const windowWidth = useWindowWidth()
  const layout = layoutFor(windowWidth)
  const notesShown = hasPaper && (layout === 'wide' ? notesOpen : drawerOpen)
  const fit = fitWidths(layout, windowWidth, widths[layout], notesShown)

  /** The saved widths and notes pane, at start. */
  const restore = useCallback((s: Settings) => {
    setWidths({ wide: s.paneWidths, compact: s.paneWidthsCompact })
    setNotesOpen(s.notesOpen)
  }, [])

  const toggleNotes = useStableHandler(() => {
    if (layout === 'compact') return setDrawerOpen(!drawerOpen)
    setNotesOpen(!notesOpen)
    updateSettings({ notesOpen: !notesOpen })
  })

  /** Shows the notes (the drawer in the compact layout). */
  const showNotes = useStableHandler(() => {
    if (layout === 'compact') setDrawerOpen(true)
    else if (!notesOpen) {
      setNotesOpen(true)
      updateSettings({ notesOpen: true })
    }
  })

  /** Closes the compact layout's drawer; false when there is none open. */
  const closeDrawer = useStableHandler(() => {
    if (layout !== 'compact' || !drawerOpen) return false
    setDrawerOpen(false)
    return true
  })

  const resize = useStableHandler((pane: 'feed' | 'notes', w: number, commit: boolean) => {
    const next = { ...widths[layout], [pane]: w }
    setWidths((ws) => ({ ...ws, [layout]: next }))
    if (!commit) return
    if (layout === 'wide') updateSettings({ paneWidths: { [pane]: w } })
    else updateSettings({ paneWidthsCompact: next })
  })

  const gridColumns = `${fit.feed}px 1px minmax(0, 1fr)${layout === 'wide' && notesShown ? ` 1px ${fit.notes}px` : ''}`
  return { layout, fit, notesShown, gridColumns, restore, toggleNotes, showNotes, closeDrawer, resize }
}
