/**
 * The sandboxed preload: exposes exactly one object, `window.margin`, built from the IPC contract
 * (one method per channel). The renderer never sees ipcRenderer itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { ipcChannelName, ipcEventName } from '../shared/contract'
import type { IpcResponse } from '../shared/contract/define'
import { createBridge, type Transport } from './client'

const electronTransport: Transport = {
  invoke: (channel, input) => ipcRenderer.invoke(ipcChannelName(channel), input) as Promise<IpcResponse>,
  subscribe: (event, listener) => {
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(ipcEventName(event), wrapped)
    return () => {
      ipcRenderer.removeListener(ipcEventName(event), wrapped)
    }
  },
}

contextBridge.exposeInMainWorld('margin', createBridge(electronTransport))
