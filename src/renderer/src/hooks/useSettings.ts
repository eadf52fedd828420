/**
 * The settings as the window shows them, the library's path and whether it can be written. A
 * change shows at once and is then confirmed by the backend's answer.
 */
import { useCallback, useState } from 'react'
import { api, type Settings } from '../api'
import type { SettingsPatch } from '../../../shared/contract/channels/settings'

/** Why the library cannot be written (null: it can): a banner says so, and nothing is written on its own. */
export type ReadOnlyReason = 'readOnly' | 'diskFull' | null

export function useSettings() {
  const [settings, setSettings] = useState<Settings | null>(null)
  const [libraryPath, setLibraryPath] = useState('')
  const [readOnly, setReadOnly] = useState<ReadOnlyReason>(null)

  /** Reads the settings and the library's state once, at start. */
  const load = useCallback(async (): Promise<Settings> => {
    const [s, info] = await Promise.all([api.getSettings(), api.appInfo()])
    setSettings(s)
    setLibraryPath(info.libraryPath)
    setReadOnly(info.readOnly?.reason ?? null)
    return s
  }, [])

  const updateSettings = useCallback((patch: SettingsPatch) => {
    // Optimistic: controls reflect the change at once; the main process's answer then confirms it.
    setSettings((prev) => (prev ? { ...prev, ...patch, paneWidths: { ...prev.paneWidths, ...patch.paneWidths } } : prev))
    api.updateSettings(patch).then(setSettings, (e: Error) => console.warn('settings not saved:', e.message))
  }, [])

  return { settings, libraryPath, readOnly, load, updateSettings }
}
