/**
 * The main process's wiring to the backend, shared by the app (src/main/index.ts, which hands it
 * Electron's utilityProcess, dialogs and windows) and the browser-test harness (tests/e2e/harness,
 * which hands it Node's fork, scripted dialogs and a Server-Sent Events stream): one BackendClient
 * for the contract's channels, its pushes forwarded to the windows, the shell's requests answered
 * by `host`, and main's own pushes (menu actions, the backend's state) checked against the contract.
 * Keeping this here is what makes the harness run the app's main side rather than a copy of it.
 */
import { channels, events } from '../../shared/contract'
import { createEmitter, type HandlerContext } from '../ipc/dispatcher'
import type { Host } from '../ipc/host'
import { BackendClient, type BackendClientOptions, type BackendProcess } from './client'
import type { BackendConfig } from './protocol'

export interface BackendConnectionOptions {
  spawn: () => BackendProcess
  config: BackendConfig
  host: Host
  /** Delivers a push to every window (the backend's, already checked, and main's own). */
  send: (event: string, payload: unknown) => void
  onFatal: (title: string, detail: string) => void
  restartDelaysMs?: BackendClientOptions['restartDelaysMs']
  log?: BackendClientOptions['log']
}

export interface BackendConnection {
  backend: BackendClient
  /** A push main makes itself (a menu item's, the backend's state), checked against the contract. */
  emit: HandlerContext['emit']
}

export function connectBackend(options: BackendConnectionOptions): BackendConnection {
  const emit = createEmitter(events, options.send)
  const backend = new BackendClient({
    spawn: options.spawn,
    config: options.config,
    channelNames: Object.keys(channels),
    host: options.host,
    forward: options.send,
    // the window says "Margin's library stopped; restarting…" and clears it once it is back
    onState: (state) => {
      if (state !== 'starting') emit('backend:status', { state })
    },
    onFatal: options.onFatal,
    ...(options.restartDelaysMs ? { restartDelaysMs: options.restartDelaysMs } : {}),
    ...(options.log ? { log: options.log } : {}),
  })
  return { backend, emit }
}
