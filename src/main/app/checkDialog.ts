/** Help ▸ Check Library…: the library's check, shown in a native message box. */
import { dialog, type BrowserWindow } from 'electron'
import { describeCheck } from '../../shared/contract/shapes/check'
import type { Library } from '../library/library'

export async function showLibraryCheck(library: Library, win: BrowserWindow | null): Promise<void> {
  const report = library.check()
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
