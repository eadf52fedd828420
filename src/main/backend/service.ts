/**
 * The backend: the library, the settings, the dispatcher and every handler, behind a message
 * transport. It owns all SQLite work so the main process (windows, menus, dialogs) never waits for
 * it. Electron runs it in a utilityProcess; the tests, the boot probe and the bench run the same
 * built entry under Node (child_process.fork). Only the transport differs (./transport.ts).
 */
import { MarginError, toErrorInfo } from '../errors'
import type { ErrorCode } from '../../shared/errors'
import type { HandlerContext } from '../ipc/dispatcher'
import { fetchOnStart } from '../ipc/handlers/fetch'
import { importPaths } from '../ipc/handlers/imports'
import { inboxService } from '../inbox/inboxService'
import type { Host } from '../ipc/host'
import type { IpcResponse } from '../../shared/contract/define'
import { createMainDispatcher } from '../ipc/server'
import { watchExternalChanges } from '../ipc/watchChanges'
import { Library } from '../library/library'
import { SettingsStore } from '../settings/store'
import type { BackendConfig, FromBackend, HostMethod, InternalCalls, InternalName, ToBackend } from './protocol'

export interface BackendTransport {
  send(message: FromBackend): void
  onMessage(listener: (message: ToBackend) => void): void
}

type Internal = { [K in InternalName]: (input: InternalCalls[K]['input'], ctx: HandlerContext) => Promise<InternalCalls[K]['output']> }

const internal: Internal = {
  importPaths: ({ paths }, ctx) => importPaths(paths, ctx),
  runMaintenance: async (_input, { library }) => {
    const vocabularyCurrent = library.learnVocabulary({ wait: false })
    library.mergeSearchIndex({ wait: false })
    library.checkpoint()
    return { vocabularyCurrent }
  },
  fetchOnStart: async (_input, ctx) => {
    await fetchOnStart(ctx)
    return null
  },
}

/**
 * The shell's half of the Host interface, asked of the main process over the transport: the
 * handlers call `ctx.host.showSaveDialog(…)` as before and never know the dialog is elsewhere.
 */
function remoteHost(transport: BackendTransport) {
  let next = 1
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>()
  const ask =
    (method: HostMethod) =>
    (...args: unknown[]) =>
      new Promise<unknown>((resolve, reject) => {
        const id = next++
        waiting.set(id, { resolve, reject })
        transport.send({ type: 'host', id, method, args })
      })
  const host = {
    showOpenDialog: ask('showOpenDialog'),
    showSaveDialog: ask('showSaveDialog'),
    showFolderDialog: ask('showFolderDialog'),
    openExternal: ask('openExternal'),
  } as Host
  const answer = (m: Extract<ToBackend, { type: 'hostReply' }>) => {
    const w = waiting.get(m.id)
    if (!w) return
    waiting.delete(m.id)
    if (m.ok) w.resolve(m.value)
    else w.reject(new MarginError(m.code as ErrorCode, m.message))
  }
  return { host, answer }
}

/** Serves the transport until it is told to close; `exit` ends the process. */
export function serveBackend(transport: BackendTransport, exit: (code: number) => void): { close: () => void } {
  const { host, answer } = remoteHost(transport)
  let opened: { library: Library; ctx: HandlerContext; dispatch: (channel: string, input: unknown) => Promise<IpcResponse>; stop: () => void } | null =
    null

  const open = (config: BackendConfig) => {
    let library: Library
    try {
      library = new Library(config.libraryPath)
    } catch (e) {
      transport.send({ type: 'failed', message: e instanceof Error ? e.message : String(e) })
      return
    }
    const { dispatcher, ctx } = createMainDispatcher({
      library,
      settings: new SettingsStore(config.settingsPath),
      host,
      send: (event, payload) => transport.send({ type: 'event', event, payload }),
      app: config.app,
    })
    // the CLI may change the library while the window is open: the feed follows
    const stopWatching = watchExternalChanges(ctx, config.watchIntervalMs ? { intervalMs: config.watchIntervalMs } : {})
    // today's backup, once the window is up (it takes seconds on a large library; it no longer
    // blocks the window, but it still holds the library's read snapshot)
    const backupTimer =
      config.backupDelayMs === null
        ? undefined
        : setTimeout(() => {
            try {
              library.dailyBackup()
            } catch (e) {
              console.error("[backup] today's backup was not made:", e)
            }
          }, config.backupDelayMs)
    backupTimer?.unref()
    // the watched inbox folder (Settings ▸ Inbox folder), when one is set
    void inboxService(ctx).restart()
    opened = {
      library,
      ctx,
      dispatch: (channel, input) => dispatcher.dispatch(channel, input),
      stop: () => {
        clearTimeout(backupTimer)
        stopWatching()
        void inboxService(ctx).stop()
      },
    }
    transport.send({ type: 'ready', pid: process.pid })
  }

  const notOpen: IpcResponse = { ok: false, error: { code: 'internal', message: 'The library is not open yet.' } }

  const runInternal = async (name: InternalName, input: unknown): Promise<IpcResponse> => {
    if (!opened) return notOpen
    if (!Object.hasOwn(internal, name)) return { ok: false, error: { code: 'unknownChannel', message: `Unknown internal call "${name}".` } }
    try {
      return { ok: true, value: await internal[name](input as never, opened.ctx) }
    } catch (e) {
      console.error(`[backend] ${name} failed:`, e)
      return { ok: false, error: toErrorInfo(e) }
    }
  }

  transport.onMessage((message) => {
    switch (message.type) {
      case 'init':
        if (!opened) open(message.config)
        return
      case 'call':
        void (opened ? opened.dispatch(message.channel, message.input) : Promise.resolve(notOpen)).then((response) =>
          transport.send({ type: 'reply', id: message.id, response }),
        )
        return
      case 'internal':
        void runInternal(message.name, message.input).then((response) => transport.send({ type: 'reply', id: message.id, response }))
        return
      case 'hostReply':
        answer(message)
        return
      case 'close':
        close()
        return
    }
  })

  return { close }

  function close(): void {
    if (opened) {
      opened.stop()
      try {
        opened.library.close()
      } catch (e) {
        console.error('[backend] the library did not close cleanly:', e)
      }
      opened = null
    }
    exit(0)
  }
}
