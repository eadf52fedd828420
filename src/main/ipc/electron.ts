/**
 * Electron transport for the dispatcher: one ipcMain.handle per contract channel, accepting calls
 * only from our window's main frame showing our own page.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { ipcChannelName, ipcEventName } from '../../shared/contract'
import type { Dispatcher } from './dispatcher'

export function registerIpc(
  dispatcher: Dispatcher,
  getWindow: () => BrowserWindow | null,
  isTrustedUrl: (url: string) => boolean,
): () => void {
  const names = dispatcher.channelNames()
  for (const name of names) {
    ipcMain.handle(ipcChannelName(name), async (event: IpcMainInvokeEvent, input: unknown) => {
      const win = getWindow()
      const frame = event.senderFrame
      if (!win || !frame || frame !== win.webContents.mainFrame || !isTrustedUrl(frame.url)) {
        return { ok: false, error: { code: 'refused', message: 'Refused: the call did not come from the Margin window.' } }
      }
      return dispatcher.dispatch(name, input)
    })
  }
  return () => names.forEach((name) => ipcMain.removeHandler(ipcChannelName(name)))
}

export function electronSender(getWindow: () => BrowserWindow | null) {
  return (event: string, payload: unknown) => {
    const win = getWindow()
    if (win && !win.isDestroyed()) win.webContents.send(ipcEventName(event), payload)
  }
}
