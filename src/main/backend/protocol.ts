/**
 * The messages between the main process and the backend process (the library, the dispatcher and
 * every handler). Plain structured-cloneable data, so one definition serves Electron's
 * utilityProcess (postMessage / process.parentPort) and Node's child_process IPC alike.
 */
import type { IpcResponse } from '../../shared/contract/define'
import type { Host } from '../ipc/host'
import type { ImportResult } from '../../shared/contract/shapes/library'

/** What the backend needs to open the library; sent once, as the first message. */
export interface BackendConfig {
  libraryPath: string
  settingsPath: string
  app: { version: string; platform: string }
  /** Delay before today's backup is made (ms); null: none (tests, the bench). */
  backupDelayMs: number | null
  /** How often the backend looks for changes another process (the CLI) made (ms). */
  watchIntervalMs?: number
}

/** Work main asks of the backend that is not a renderer call (it has no window to check). */
export interface InternalCalls {
  /** Dumps the OS, a second instance or File ▸ Import Dumps… named: imported as the renderer's import is. */
  importPaths: { input: { paths: string[] }; output: ImportResult[] }
  /**
   * The idle work (the typo vocabulary learns what was imported, the WAL is checkpointed) now
   * rather than after the idle delay: the bench measures a vocabulary rebuild with it.
   */
  runMaintenance: { input: undefined; output: { vocabularyCurrent: boolean } }
  /** Fetch new days when Margin starts, if the setting says so (once per run, after the window loads). */
  fetchOnStart: { input: undefined; output: null }
}
export type InternalName = keyof InternalCalls & string

export type HostMethod = keyof Host & string

export type ToBackend =
  | { type: 'init'; config: BackendConfig }
  | { type: 'call'; id: number; channel: string; input: unknown }
  | { type: 'internal'; id: number; name: InternalName; input: unknown }
  | { type: 'hostReply'; id: number; ok: true; value: unknown }
  | { type: 'hostReply'; id: number; ok: false; message: string; code: string }
  /** Close the library and exit (the app is quitting). */
  | { type: 'close' }

export type FromBackend =
  /** The library is open: calls may come. */
  | { type: 'ready'; pid: number }
  /** The library could not be opened: main says so and quits (a restart would fail the same way). */
  | { type: 'failed'; message: string }
  | { type: 'reply'; id: number; response: IpcResponse }
  /** A push for the renderer(s), already checked against the contract's event schema. */
  | { type: 'event'; event: string; payload: unknown }
  /** The backend needs the shell (a dialog, the browser): main answers with a hostReply. */
  | { type: 'host'; id: number; method: HostMethod; args: unknown[] }
