/**
 * The sandboxed preload: exposes exactly one object, `window.api`, built from the IPC contract.
 * The renderer never sees ipcRenderer itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { ipcChannelName, ipcEventName } from '../main/ipc/contract'
import type { IpcResponse } from '../main/ipc/define'
import { createApi, type Transport } from './client'

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

contextBridge.exposeInMainWorld('api', createApi(electronTransport))
