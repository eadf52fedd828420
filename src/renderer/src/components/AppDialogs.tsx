/** The window's dialogs, each drawn while it is open (hooks/useDialogs.ts). */
import type { Settings } from '../api'
import type { Dialogs } from '../hooks/useDialogs'
import type { Toast } from '../lib/toasts'
import type { SettingsPatch } from '../../../shared/contract/channels/settings'
import { ExportDialog, type CurrentView } from './Export'
import { FetchDialog } from './FetchDialog'
import { ImportDetailsDialog, ImportHistoryDialog } from './ImportHistory'
import { SettingsDialog, ShortcutHelp } from './Overlays'

interface Props {
  dialogs: Dialogs
  /** What Export… exports by default (the feed or the results on screen). */
  exportView: () => CurrentView
  selectedPaperId: number | null
  counts: { starred: number; total: number }
  settings: Settings | null
  libraryPath: string
  onSettingsChange(patch: SettingsPatch): void
  onOpenPaper(id: number): void
  onToast(t: Omit<Toast, 'id'>): void
}

export function AppDialogs({ dialogs: d, exportView, selectedPaperId, counts, settings, libraryPath, onSettingsChange, onOpenPaper, onToast }: Props) {
  return (
    <>
      {d.export && (
        <ExportDialog
          view={exportView()}
          selectedId={selectedPaperId}
          starred={counts.starred}
          total={counts.total}
          onClose={() => d.setExport(false)}
          onToast={onToast}
        />
      )}
      {d.importDetails && (
        <ImportDetailsDialog
          results={d.importDetails}
          onClose={() => d.setImportDetails(null)}
          onHistory={() => {
            d.setImportDetails(null)
            d.setHistory(true)
          }}
        />
      )}
      {d.history && (
        <ImportHistoryDialog
          onClose={() => d.setHistory(false)}
          onOpenPaper={(id) => {
            d.setHistory(false)
            onOpenPaper(id)
          }}
        />
      )}
      {d.help && <ShortcutHelp onClose={() => d.setHelp(false)} />}
      {d.settings && settings && (
        <SettingsDialog
          settings={settings}
          libraryPath={libraryPath}
          onChange={onSettingsChange}
          onFetch={() => {
            d.setSettings(false)
            d.setFetch(true)
          }}
          onClose={() => d.setSettings(false)}
        />
      )}
      {d.fetch && <FetchDialog onClose={() => d.setFetch(false)} />}
    </>
  )
}
