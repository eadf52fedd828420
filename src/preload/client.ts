/**
 * Builds the preload's bridge from the contract: one method per channel (from the contract's keys,
 * so there is no second list to keep in step) answering `{ ok, value | error }`, and
 * `on(event, listener)` for pushes. The preload uses it with Electron's IPC; the browser test
 * harness uses it with HTTP. Only the transport differs. `createApi` adds what the renderer does
 * (src/renderer/src/api.ts): rejections as ApiError with the error's code.
 */
import { channels, type MarginApi, type MarginBridge } from '../shared/contract'
import type { IpcResponse } from '../shared/contract/define'
import { unwrapBridge } from '../shared/bridge'

export { ApiError } from '../shared/bridge'

export interface Transport {
  invoke(channel: string, input: unknown): Promise<IpcResponse>
  subscribe(event: string, listener: (payload: unknown) => void): () => void
}

export function createBridge(transport: Transport): MarginBridge {
  const bridge: Record<string, unknown> = {}
  for (const name of Object.keys(channels)) bridge[name] = (input?: unknown) => transport.invoke(name, input)
  bridge.on = (event: string, listener: (payload: unknown) => void) => transport.subscribe(event, listener)
  return bridge as unknown as MarginBridge
}

/** The renderer's API over a transport (what the unit tests use; the app builds it from window.margin). */
export function createApi(transport: Transport): MarginApi {
  return unwrapBridge<MarginApi>(createBridge(transport))
}
