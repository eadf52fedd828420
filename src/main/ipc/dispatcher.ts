/**
 * The transport-agnostic dispatcher: Electron's ipcMain and the browser test harness both hand it a
 * channel name and an untrusted input. It never throws: unknown channels, malformed inputs and
 * failing handlers all come back as `{ ok: false, error }` with a message a person can act on.
 */
import { UserError } from '../errors'
import type { z } from 'zod'
import type { Library } from '../library/library'
import type { SettingsStore } from '../settings/store'
import type { Events } from './contract'
import type { ChannelMap, EventMap, IpcResponse } from './define'
import type { Host } from './host'

export interface HandlerContext {
  library: Library
  host: Host
  settings: SettingsStore
  /** Pushes an event to the renderer (validated against the contract first). */
  emit: <K extends keyof Events & string>(event: K, payload: z.input<Events[K]>) => void
  app: { version: string; platform: string }
}

export type Handler<C extends ChannelMap[string]> = (
  input: z.output<C['input']>,
  ctx: HandlerContext,
) => z.input<C['output']> | Promise<z.input<C['output']>>

export type Handlers<C extends ChannelMap> = { [K in keyof C]: Handler<C[K]> }

/** Formats zod issues as `field: problem`, naming the field by its path (e.g. `ids[2]`). */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.slice(0, 3).map((issue) => {
    const path = issue.path.reduce<string>(
      (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
      '',
    )
    const message = issue.message.replace(/^Invalid input: /, '')
    return path ? `${path}: ${message}` : message
  })
  if (issues.length > 3) parts.push(`and ${issues.length - 3} more problem(s)`)
  return parts.join('; ')
}

export interface Dispatcher {
  dispatch(channel: string, rawInput: unknown): Promise<IpcResponse>
  channelNames(): string[]
}

export function createDispatcher<C extends ChannelMap>(
  contract: C,
  handlers: Handlers<C>,
  ctx: HandlerContext,
  log: (message: string, error?: unknown) => void = (m, e) => console.error(`[ipc] ${m}`, e ?? ''),
): Dispatcher {
  return {
    channelNames: () => Object.keys(contract),
    async dispatch(channel, rawInput) {
      if (typeof channel !== 'string' || !Object.hasOwn(contract, channel) || !Object.hasOwn(handlers, channel)) {
        return { ok: false, error: `Unknown channel "${String(channel).slice(0, 100)}".` }
      }
      const def = contract[channel]!
      const parsed = def.input.safeParse(rawInput)
      if (!parsed.success) {
        return { ok: false, error: `Invalid input for ${channel}: ${describeIssues(parsed.error.issues)}.` }
      }
      let value: unknown
      try {
        value = await (handlers[channel] as Handler<typeof def>)(parsed.data, ctx)
      } catch (e) {
        if (!(e instanceof UserError)) log(`${channel} failed`, e)
        return { ok: false, error: `${channel} failed: ${e instanceof Error ? e.message : String(e)}` }
      }
      const out = def.output.safeParse(value)
      if (!out.success) {
        log(`${channel} returned a value outside the contract: ${describeIssues(out.error.issues)}`)
        return { ok: false, error: `${channel} failed: internal error (unexpected answer shape).` }
      }
      return { ok: true, value: out.data }
    },
  }
}

/** Builds a validated `emit` from a raw sender (webContents.send, or the harness's event stream). */
export function createEmitter(events: EventMap, send: (event: string, payload: unknown) => void): HandlerContext['emit'] {
  return (event, payload) => {
    const schema = events[event]
    if (!schema) throw new Error(`Unknown event "${event}"`)
    send(event, schema.parse(payload))
  }
}
