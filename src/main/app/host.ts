/** The Host interface (src/main/ipc/host.ts) implemented with Electron's dialogs and shell. */
import { dialog, shell, type BrowserWindow } from 'electron'
import { HTTP_URL_PROBLEM, httpUrl } from '../../shared/url'
import { UserError } from '../errors'
import type { FileFilter, Host } from '../ipc/host'

const toElectron = (filters?: readonly FileFilter[]) => filters?.map((f) => ({ name: f.name, extensions: [...f.extensions] }))

export function electronHost(getWindow: () => BrowserWindow | null): Host {
  return {
    async showOpenDialog({ title, filters, multiple }) {
      const win = getWindow()
      const options: Electron.OpenDialogOptions = {
        title,
        filters: toElectron(filters),
        properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
      }
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return result.canceled ? [] : result.filePaths
    },
    async showSaveDialog({ title, defaultPath, filters }) {
      const win = getWindow()
      const options: Electron.SaveDialogOptions = { title, defaultPath, filters: toElectron(filters) }
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    async showFolderDialog({ title, defaultPath, buttonLabel }) {
      const win = getWindow()
      const options: Electron.OpenDialogOptions = {
        title,
        defaultPath,
        buttonLabel: buttonLabel ?? 'Export Here',
        // createDirectory: macOS's "New Folder" button; promptToCreate: Windows accepts a new name
        properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
      }
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return result.canceled || !result.filePaths[0] ? null : result.filePaths[0]
    },
    async openExternal(url) {
      // the browser gets the parsed, normalised URL, never the raw string
      const href = httpUrl(url)
      if (href === null) throw new UserError(HTTP_URL_PROBLEM, 'invalidInput')
      await shell.openExternal(href)
    },
  }
}
