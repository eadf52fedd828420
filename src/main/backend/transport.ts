/**
 * The backend's side of the wire. In Electron's utilityProcess, `process.parentPort` carries
 * messages (each arrives as a MessageEvent, the data in `.data`); under Node, a child started with
 * child_process.fork uses `process.send` and the 'message' event. Both clone structured data.
 */
import type { FromBackend, ToBackend } from './protocol'
import type { BackendTransport } from './service'

/** Electron's ParentPort, as far as the backend uses it (electron.d.ts: Electron.ParentPort). */
interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

export function parentTransport(): BackendTransport {
  const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort
  if (parentPort) {
    return {
      send: (message: FromBackend) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as ToBackend)),
    }
  }
  const send = process.send?.bind(process)
  if (!send) throw new Error('The Margin backend must be started by the app (a utilityProcess or a forked Node process).')
  return {
    send: (message) => void send(message),
    onMessage: (listener) => process.on('message', (message) => listener(message as ToBackend)),
  }
}
