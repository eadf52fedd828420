/** Help ▸ Check Library…: the backend's check of the library, shown in a native message box. */
import { dialog, type BrowserWindow } from 'electron'
import { describeCheck, type CheckReport } from '../../shared/contract/shapes/check'

export async function showLibraryCheck(report: CheckReport, win: BrowserWindow | null): Promise<void> {
  const { lines, verdict } = describeCheck(report)
  const options: Electron.MessageBoxOptions = {
    type: report.ok ? 'info' : 'warning',
    title: 'Check Library',
    message: verdict,
    detail: `${report.path}\n\n${lines.join('\n')}`,
  }
  if (win) await dialog.showMessageBox(win, options)
  else await dialog.showMessageBox(options)
}
