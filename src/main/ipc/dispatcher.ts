/**
 * The transport-agnostic dispatcher: Electron's ipcMain and the browser test harness both hand it a
 * channel name and an untrusted input. It never throws: unknown channels, malformed inputs and
 * failing handlers all come back as `{ ok: false, error: { code, message } }`, the message a
 * sentence a person can act on and the code what callers decide by.
 */
import { toErrorInfo, UserError } from '../errors'
import type { InputIssue } from '../../shared/errors'
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

/** zod issues as `{ path, message }`, naming the field by its path (e.g. `ids[2]`). */
export function inputIssues(issues: readonly z.core.$ZodIssue[]): InputIssue[] {
  return issues.map((issue) => ({
    path: issue.path.reduce<string>(
      (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
      '',
    ),
    message: issue.message.replace(/^Invalid input: /, ''),
  }))
}

/** Formats zod issues as `field: problem`, at most three of them. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = inputIssues(issues.slice(0, 3)).map(({ path, message }) => (path ? `${path}: ${message}` : message))
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
        return { ok: false, error: { code: 'unknownChannel', message: `Unknown channel "${String(channel).slice(0, 100)}".` } }
      }
      const def = contract[channel]!
      const parsed = def.input.safeParse(rawInput)
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            code: 'invalidInput',
            message: `Invalid input for ${channel}: ${describeIssues(parsed.error.issues)}.`,
            issues: inputIssues(parsed.error.issues.slice(0, 20)),
          },
        }
      }
      let value: unknown
      try {
        value = await (handlers[channel] as Handler<typeof def>)(parsed.data, ctx)
      } catch (e) {
        const error = toErrorInfo(e)
        if (!(e instanceof UserError) && error.code === 'internal') log(`${channel} failed`, e)
        return { ok: false, error }
      }
      const out = def.output.safeParse(value)
      if (!out.success) {
        log(`${channel} returned a value outside the contract: ${describeIssues(out.error.issues)}`)
        return { ok: false, error: { code: 'internal', message: `${channel} failed: internal error (unexpected answer shape).` } }
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
