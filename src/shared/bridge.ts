/**
 * The renderer's side of the bridge: `window.margin` answers every call with `{ ok, value | error }`
 * (plain data survives Electron's contextBridge; an Error's own fields do not), and `unwrapBridge`
 * turns that into methods that resolve with the value or reject with an ApiError carrying the code.
 */
import type { ErrorCode, ErrorInfo, InputIssue } from './errors'

export class ApiError extends Error {
  readonly code: ErrorCode
  /** For invalidInput: which fields were wrong. */
  readonly issues: readonly InputIssue[]
  constructor(
    readonly channel: string,
    error: ErrorInfo,
  ) {
    super(error.message)
    this.name = 'ApiError'
    this.code = error.code
    this.issues = error.issues ?? []
  }
}

type Response = { ok: true; value: unknown } | { ok: false; error: ErrorInfo }
type RawBridge = Record<string, unknown> & { on: (event: string, listener: (payload: unknown) => void) => () => void }

/** Methods that resolve with a call's value or reject with an ApiError; `on` passes through. */
export function unwrapBridge<Api>(bridge: object): Api {
  const raw = bridge as RawBridge
  const api: Record<string, unknown> = {}
  for (const name of Object.keys(raw)) {
    if (name === 'on') continue
    const call = raw[name] as (input?: unknown) => Promise<Response>
    api[name] = async (input?: unknown) => {
      const response = await call(input)
      if (!response.ok) throw new ApiError(name, response.error)
      return response.value
    }
  }
  api.on = (event: string, listener: (payload: unknown) => void) => raw.on(event, listener)
  return api as Api
}

/** The code of a rejection: an ApiError's own, else `internal` (a transport failure). */
export const errorCodeOf = (e: unknown): ErrorCode => (e instanceof ApiError ? e.code : 'internal')
