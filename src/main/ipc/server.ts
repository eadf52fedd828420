/**
 * Wires the library, settings and a host into one dispatcher over the whole contract: what both the
 * Electron main process and the browser test harness run. Only the transport around it differs.
 */
import { channels, events } from '../../shared/contract'
import { createDispatcher, createEmitter, type Dispatcher, type HandlerContext } from './dispatcher'
import { handlers } from './handlers'
import type { Host } from './host'
import type { Library } from '../library/library'
import type { SettingsStore } from '../settings/store'

export interface MainServices {
  library: Library
  settings: SettingsStore
  host: Host
  /** Delivers a validated push to the renderer(s). */
  send: (event: string, payload: unknown) => void
  app?: HandlerContext['app']
  /** Where handler failures are logged (default: console.error). */
  log?: (message: string, error?: unknown) => void
}

export function createMainDispatcher(services: MainServices): { dispatcher: Dispatcher; ctx: HandlerContext } {
  const ctx: HandlerContext = {
    library: services.library,
    settings: services.settings,
    host: services.host,
    emit: createEmitter(events, services.send),
    app: services.app ?? { version: '0.1.0', platform: process.platform },
  }
  return { dispatcher: createDispatcher(channels, handlers, ctx, services.log), ctx }
}
