/**
 * The harness's stand-in for the preload: the same createBridge as src/preload/index.ts, with an HTTP
 * transport (POST /ipc/<channel>, Server-Sent Events on /events) instead of Electron IPC.
 * Bundled by esbuild and loaded by the page before the app.
 */
import { createBridge, type Transport } from '../../../src/preload/client'
import type { IpcResponse } from '../../../src/shared/contract/define'
import { decodeWire, encodeWire } from './wire'

let source: EventSource | null = null
const events = () => (source ??= new EventSource('./events'))

const httpTransport: Transport = {
  async invoke(channel, input) {
    const body = encodeWire(input === undefined ? null : input)
    const response = await fetch(`./ipc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      // Lets the last note save finish when the page unloads (Electron's IPC send is fire-and-forget too).
      keepalive: body.length < 60_000,
    })
    return decodeWire(await response.text()) as IpcResponse
  },
  subscribe(event, listener) {
    const wrapped = (e: MessageEvent<string>) => listener(decodeWire(e.data))
    events().addEventListener(event, wrapped)
    return () => events().removeEventListener(event, wrapped)
  },
}

Object.defineProperty(window, 'margin', { value: Object.freeze(createBridge(httpTransport)), writable: false })
