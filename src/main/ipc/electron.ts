/**
 * Electron transport for the dispatcher: one ipcMain.handle per contract channel, accepting calls
 * only from our window's main frame showing our own page. The dispatcher here is the backend
 * client (src/main/backend/client.ts): the check stays in main, the work runs in the backend.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron'
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

/** A push for every open window (the backend's events and main's own). */
export function sendToAllWindows(event: string, payload: unknown): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed()) win.webContents.send(ipcEventName(event), payload)
  }
}
