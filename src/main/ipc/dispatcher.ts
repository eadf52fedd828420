/**
 * The transport-agnostic dispatcher: Electron's ipcMain and the browser test harness both hand it a
 * channel name and an untrusted input. It never throws: unknown channels, malformed inputs and
 * failing handlers all come back as `{ ok: false, error: { code, message } }`, the message a
 * sentence a person can act on and the code what callers decide by.
 */
import { toErrorInfo, UserError } from '../errors'
import type { InputIssue } from '../../shared/errors'
import { isWellFormed } from '../../shared/unicode'
import type { z } from 'zod'
import type { Library } from '../library/library'
import type { SettingsStore } from '../settings/store'
import type { Events } from '../../shared/contract'
import type { ChannelMap, EventMap, IpcResponse } from '../../shared/contract/define'
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

const ILL_FORMED = 'not well-formed Unicode (it holds a lone surrogate)'

/** A field name for a path, its lone surrogates written as escapes so the message itself is well-formed. */
const printable = (key: string): string => key.replace(/\p{Cs}/gu, (c) => `\\u${c.charCodeAt(0).toString(16)}`)

/**
 * Every string of an untrusted input (values and field names) that is not well-formed Unicode, by
 * path (`tags[1]`, `scope.query`), at most `max` of them. Walks plain objects and arrays without
 * recursion (any depth) and visits a shared or cyclic object once; bytes (Uint8Array) are skipped.
 */
export function illFormedStrings(input: unknown, max = 20): InputIssue[] {
  const issues: InputIssue[] = []
  const seen = new Set<object>()
  // paths are built lazily from parent links: a million ids do not make a million strings
  type Node = { value: object; parent: Node | null; key: string | number }
  const pathOf = (node: Node | null, key: string | number): string => {
    const parts: (string | number)[] = [key]
    for (let n = node; n && n.parent !== null; n = n.parent) parts.push(n.key)
    const path = parts
      .reverse()
      .reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${printable(k)}` : printable(k)), '')
    // a path thousands of levels deep is named by its start
    return path.length > 200 ? `${path.slice(0, 200)}…` : path
  }
  if (typeof input === 'string') return isWellFormed(input) ? [] : [{ path: '', message: ILL_FORMED }]
  const stack: Node[] = []
  const visit = (value: unknown, parent: Node | null, key: string | number): void => {
    if (typeof value === 'string') {
      if (!isWellFormed(value)) issues.push({ path: pathOf(parent, key), message: ILL_FORMED })
    } else if (typeof value === 'object' && value !== null && !seen.has(value) && !ArrayBuffer.isView(value)) {
      seen.add(value)
      stack.push({ value, parent, key })
    }
  }
  visit(input, null, '')
  while (stack.length > 0 && issues.length < max) {
    const node = stack.pop()!
    const { value } = node
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length && issues.length < max; i++) visit(value[i], node, i)
      continue
    }
    const proto = Object.getPrototypeOf(value) as unknown
    if (proto !== Object.prototype && proto !== null) continue // not plain data: the schema refuses it
    for (const key of Object.keys(value)) {
      if (issues.length >= max) break
      if (!isWellFormed(key)) issues.push({ path: pathOf(node, key), message: `field name ${ILL_FORMED}` })
      visit((value as Record<string, unknown>)[key], node, key)
    }
  }
  return issues.slice(0, max)
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
      try {
        return await dispatchUnsafe(channel, rawInput)
      } catch (e) {
        // only a hostile input gets here (a getter or proxy that throws while it is read)
        const name = typeof channel === 'string' ? channel.slice(0, 100) : 'a call'
        log(`${name}: the input could not be read`, e)
        return { ok: false, error: { code: 'invalidInput', message: `Invalid input for ${name}: it could not be read.` } }
      }
    },
  }

  async function dispatchUnsafe(channel: string, rawInput: unknown): Promise<IpcResponse> {
    if (typeof channel !== 'string' || !Object.hasOwn(contract, channel) || !Object.hasOwn(handlers, channel)) {
      return { ok: false, error: { code: 'unknownChannel', message: `Unknown channel "${String(channel).slice(0, 100)}".` } }
    }
    const def = contract[channel]!
    // strings SQLite and files cannot hold faithfully are refused on every channel, before any handler
    const illFormed = illFormedStrings(rawInput)
    if (illFormed.length > 0) {
      const first = illFormed[0]!
      return {
        ok: false,
        error: {
          code: 'invalidInput',
          message: `Invalid input for ${channel}: ${first.path ? `${first.path}: ` : ''}${first.message}.`,
          issues: illFormed,
        },
      }
    }
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
      if (def.writesLibrary) ctx.library.assertWritable()
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
