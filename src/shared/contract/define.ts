/**
 * Building blocks of the IPC contract. A channel is a request/response call described once with zod;
 * an event is a main→renderer push with a zod payload. Types for the preload, the renderer and the
 * handlers are all inferred from these definitions.
 *
 * This file must stay free of Node and Electron imports: the preload and the renderer's types use it.
 */
import type { z } from 'zod'
import type { ErrorInfo } from '../errors'

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
  /** One line for humans (and for error messages). */
  summary: string
  /**
   * The call changes the library: on a read-only library (or a full disk) the dispatcher refuses it
   * with `readOnly` (or `diskFull`) and one sentence before its handler runs.
   */
  writesLibrary?: true
}

export type ChannelMap = Record<string, ChannelDef>
export type EventMap = Record<string, z.ZodType>

/** Keeps the literal keys and zod types of a group of channels. */
export function defineChannels<const T extends ChannelMap>(channels: T): T {
  return channels
}

export function defineEvents<const T extends EventMap>(events: T): T {
  return events
}

/** What crosses the transport: never a thrown exception, always one of these. */
export type IpcResponse<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorInfo }

export type InputOf<C extends ChannelDef> = z.input<C['input']>
export type OutputOf<C extends ChannelDef> = z.output<C['output']>

/**
 * The API object the renderer sees: one method per channel. Channels whose input is `z.void()`-like
 * (accepting undefined) can be called with no argument.
 */
export type ApiOf<C extends ChannelMap, E extends EventMap> = {
  [K in keyof C]: undefined extends InputOf<C[K]>
    ? (input?: InputOf<C[K]>) => Promise<OutputOf<C[K]>>
    : (input: InputOf<C[K]>) => Promise<OutputOf<C[K]>>
} & {
  /** Subscribes to a main-process push; returns the unsubscribe function. */
  on<K extends keyof E & string>(event: K, listener: (payload: z.output<E[K]>) => void): () => void
}

/**
 * What the preload exposes as `window.margin`: one method per channel answering the dispatcher's
 * `IpcResponse` as plain data. Errors are data here because an Error crossing Electron's
 * contextBridge keeps only its message; the renderer turns `{ ok: false }` into an ApiError
 * (src/shared/bridge.ts) with its code intact.
 */
export type BridgeOf<C extends ChannelMap, E extends EventMap> = {
  [K in keyof C]: (input?: InputOf<C[K]>) => Promise<IpcResponse<OutputOf<C[K]>>>
} & {
  on<K extends keyof E & string>(event: K, listener: (payload: z.output<E[K]>) => void): () => void
}

