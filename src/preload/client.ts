/**
 * Builds the renderer's API from the contract: one method per channel (from the contract's keys, so
 * there is no second list to keep in step) and `on(event, listener)` for pushes. The preload uses it
 * with Electron's IPC; the browser test harness uses it with HTTP. Only the transport differs.
 */
import { channels, type MarginApi } from '../main/ipc/contract'
import type { IpcResponse } from '../main/ipc/define'

export interface Transport {
  invoke(channel: string, input: unknown): Promise<IpcResponse>
  subscribe(event: string, listener: (payload: unknown) => void): () => void
}

/** The error a rejected call throws in the renderer: the main process's message, verbatim. */
export class ApiError extends Error {
  constructor(
    readonly channel: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export function createApi(transport: Transport): MarginApi {
  const api: Record<string, unknown> = {}
  for (const name of Object.keys(channels)) {
    api[name] = async (input?: unknown) => {
      const response = await transport.invoke(name, input)
      if (!response.ok) throw new ApiError(name, response.error)
      return response.value
    }
  }
  api.on = (event: string, listener: (payload: unknown) => void) => transport.subscribe(event, listener)
  return api as unknown as MarginApi
}
