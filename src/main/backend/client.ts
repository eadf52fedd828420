/**
 * The main process's side of the backend: starts it, forwards calls to it and its pushes to the
 * windows, answers its requests for the shell (dialogs, the browser), and restarts it when it dies.
 * Electron-free (the process is started through `spawn`), so the boot test and the bench run it too.
 *
 * A call in flight when the backend dies is answered with `backendRestarted` (never left hanging);
 * calls made while it restarts wait for it. Every write is a SQLite transaction in the backend, so
 * a crash leaves each write whole or not made at all.
 */
import type { IpcResponse } from '../../shared/contract/define'
import type { Dispatcher } from '../ipc/dispatcher'
import type { Host } from '../ipc/host'
import { toErrorInfo } from '../errors'
import type { BackendConfig, FromBackend, HostMethod, InternalCalls, InternalName, ToBackend } from './protocol'

/** A started backend process, as Electron's UtilityProcess or Node's ChildProcess offers it. */
export interface BackendProcess {
  readonly pid: number | undefined
  postMessage(message: ToBackend): void
  onMessage(listener: (message: FromBackend) => void): void
  onExit(listener: (code: number | null) => void): void
  kill(): void
}

export type BackendState = 'starting' | 'running' | 'restarting' | 'stopped'

export interface BackendClientOptions {
  spawn: () => BackendProcess
  config: BackendConfig
  /** The contract's channel names (what the renderer may call). */
  channelNames: string[]
  host: Host
  /** A push from the backend (already checked against the contract), for every window. */
  forward: (event: string, payload: unknown) => void
  /** The backend stopped unexpectedly ('restarting'), came back ('running') or was given up ('stopped'). */
  onState?: (state: BackendState) => void
  /** The library cannot be opened, or the backend kept dying: main tells the user and quits. */
  onFatal: (title: string, detail: string) => void
  /** Waits before restart number 1, 2, …; past the last one within `crashWindowMs`, the client gives up. */
  restartDelaysMs?: readonly number[]
  crashWindowMs?: number
  log?: (message: string, error?: unknown) => void
}

export const RESTARTED_MESSAGE = "Margin's library stopped while this was running; it has restarted. Nothing half-written was kept: try again."
const STOPPED_MESSAGE = "Margin's library stopped and could not be restarted; quit and open Margin again."

interface Pending {
  resolve: (response: IpcResponse) => void
  message: ToBackend
  /** Handed to the current process (else queued until it is ready). */
  sent: boolean
}

export class BackendClient implements Dispatcher {
  private proc: BackendProcess | null = null
  private state: BackendState = 'starting'
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private crashes: number[] = []
  private closing: Promise<void> | null = null
  private firstReady: { promise: Promise<void>; resolve: () => void }
  private readonly delays: readonly number[]
  private readonly log: (message: string, error?: unknown) => void

  constructor(private readonly options: BackendClientOptions) {
    this.delays = options.restartDelaysMs ?? [250, 1000, 3000]
    this.log = options.log ?? ((m, e) => console.error(`[backend] ${m}`, e ?? ''))
    let resolve!: () => void
    const promise = new Promise<void>((r) => (resolve = r))
    this.firstReady = { promise, resolve }
  }

  /** Starts the backend; resolves once it has opened the library. */
  start(): Promise<void> {
    if (!this.proc) this.launch()
    return this.firstReady.promise
  }

  get pid(): number | undefined {
    return this.proc?.pid
  }

  get currentState(): BackendState {
    return this.state
  }

  channelNames(): string[] {
    return [...this.options.channelNames]
  }

  dispatch(channel: string, input: unknown): Promise<IpcResponse> {
    return this.request((id) => ({ type: 'call', id, channel, input }))
  }

  internal<K extends InternalName>(name: K, input: InternalCalls[K]['input']): Promise<IpcResponse<InternalCalls[K]['output']>> {
    return this.request((id) => ({ type: 'internal', id, name, input })) as Promise<IpcResponse<InternalCalls[K]['output']>>
  }

  /** Asks the backend to close the library and waits for it to exit (at most `timeoutMs`). */
  close(timeoutMs = 5000): Promise<void> {
    if (this.closing) return this.closing
    const proc = this.proc
    this.state = 'stopped'
    this.failAll(STOPPED_MESSAGE, true)
    if (!proc) return (this.closing = Promise.resolve())
    this.closing = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        proc.kill()
        resolve()
      }, timeoutMs)
      proc.onExit(() => {
        clearTimeout(timer)
        resolve()
      })
      this.post(proc, { type: 'close' })
    })
    return this.closing
  }

  private request(make: (id: number) => ToBackend): Promise<IpcResponse> {
    if (this.state === 'stopped') return Promise.resolve(failure(STOPPED_MESSAGE))
    const id = this.nextId++
    const message = make(id)
    return new Promise<IpcResponse>((resolve) => {
      const entry: Pending = { resolve, message, sent: false }
      this.pending.set(id, entry)
      if (this.state === 'running' && this.proc) this.send(entry)
    })
  }

  private send(entry: Pending): void {
    entry.sent = true
    try {
      this.proc!.postMessage(entry.message)
    } catch (e) {
      // a value the structured clone cannot copy: the caller's input, not the backend, is at fault
      const id = (entry.message as { id: number }).id
      this.pending.delete(id)
      entry.resolve({ ok: false, error: { code: 'invalidInput', message: `The call could not be sent: ${(e as Error).message}` } })
    }
  }

  private post(proc: BackendProcess, message: ToBackend): void {
    try {
      proc.postMessage(message)
    } catch (e) {
      this.log('a message to the backend was not sent', e)
    }
  }

  private launch(): void {
    const proc = this.options.spawn()
    this.proc = proc
    proc.onMessage((message) => this.receive(proc, message))
    proc.onExit((code) => this.exited(proc, code))
    this.post(proc, { type: 'init', config: this.options.config })
  }

  private setState(state: BackendState): void {
    if (this.state === state) return
    this.state = state
    this.options.onState?.(state)
  }

  private receive(proc: BackendProcess, message: FromBackend): void {
    if (proc !== this.proc) return
    switch (message.type) {
      case 'ready':
        this.setState('running')
        this.firstReady.resolve()
        for (const entry of this.pending.values()) if (!entry.sent) this.send(entry)
        return
      case 'failed':
        this.giveUp('Margin cannot open its library', `${this.options.config.libraryPath}\n\n${message.message}`)
        return
      case 'reply': {
        const entry = this.pending.get(message.id)
        if (!entry) return
        this.pending.delete(message.id)
        entry.resolve(message.response)
        return
      }
      case 'event':
        this.options.forward(message.event, message.payload)
        return
      case 'host':
        void this.serveHost(proc, message.id, message.method, message.args)
        return
    }
  }

  private async serveHost(proc: BackendProcess, id: number, method: HostMethod, args: unknown[]): Promise<void> {
    let reply: ToBackend
    try {
      const value = await (this.options.host[method] as (...a: unknown[]) => Promise<unknown>)(...args)
      reply = { type: 'hostReply', id, ok: true, value }
    } catch (e) {
      const info = toErrorInfo(e)
      reply = { type: 'hostReply', id, ok: false, code: info.code, message: info.message }
    }
    // a dialog answered after its backend died is dropped: the call that asked was already answered
    if (proc === this.proc && this.state === 'running') this.post(proc, reply)
  }

  private exited(proc: BackendProcess, code: number | null): void {
    if (proc !== this.proc) return
    this.proc = null
    if (this.state === 'stopped') return
    this.log(`the backend exited unexpectedly (code ${code}); restarting`)
    this.failAll(RESTARTED_MESSAGE, false)
    const now = Date.now()
    this.crashes = this.crashes.filter((t) => now - t < (this.options.crashWindowMs ?? 60_000))
    this.crashes.push(now)
    if (this.crashes.length > this.delays.length) {
      this.giveUp("Margin's library keeps stopping", `It stopped ${this.crashes.length} times in a row, so Margin will not restart it again.`)
      return
    }
    this.setState('restarting')
    setTimeout(() => {
      if (this.state === 'restarting') this.launch()
    }, this.delays[this.crashes.length - 1])
  }

  /** Answers the calls the backend had been handed (all of them when `queuedToo`). */
  private failAll(message: string, queuedToo: boolean): void {
    for (const [id, entry] of this.pending) {
      if (!entry.sent && !queuedToo) continue
      this.pending.delete(id)
      entry.resolve(failure(message))
    }
  }

  private giveUp(title: string, detail: string): void {
    this.setState('stopped')
    this.failAll(STOPPED_MESSAGE, true)
    const proc = this.proc
    this.proc = null
    proc?.kill()
    this.firstReady.resolve()
    this.options.onFatal(title, detail)
  }
}

const failure = (message: string): IpcResponse => ({ ok: false, error: { code: 'backendRestarted', message } })
