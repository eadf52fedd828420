/**
 * Which of the window's dialogs is open (shortcuts, settings, fetch, export, an import's details,
 * the import history), and the menu items that open them. The keys of the window work only while
 * none is.
 */
import { useEffect, useState } from 'react'
import { api, type ImportResult } from '../api'

export function useDialogs() {
  const [help, setHelp] = useState(false)
  const [settings, setSettings] = useState(false)
  const [fetch, setFetch] = useState(false)
  const [exportOpen, setExport] = useState(false)
  /** The Details of an import's message: its results, while the dialog is open. */
  const [importDetails, setImportDetails] = useState<readonly ImportResult[] | null>(null)
  const [history, setHistory] = useState(false)

  useEffect(() => api.on('menu:export', () => setExport(true)), [])
  useEffect(() => api.on('menu:importHistory', () => setHistory(true)), [])
  useEffect(() => api.on('menu:fetch', () => setFetch(true)), [])
  useEffect(() => api.on('menu:shortcuts', () => setHelp(true)), [])

  const anyOpen = help || settings || exportOpen || history || importDetails !== null || fetch
  return {
    help,
    setHelp,
    settings,
    setSettings,
    fetch,
    setFetch,
    export: exportOpen,
    setExport,
    importDetails,
    setImportDetails,
    history,
    setHistory,
    anyOpen,
  }
}

export type Dialogs = ReturnType<typeof useDialogs>
