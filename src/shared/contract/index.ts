/**
 * The one IPC contract between the renderer and the main process. Every call and every push is
 * defined once, with zod, in an area file under ./channels; this file merges them. The dispatcher
 * validates inputs against it before any handler runs; the preload builds `window.margin` from its keys;
 * the renderer's types are inferred from it.
 */
import type { ApiOf, BridgeOf } from './define'
import { backendEvents } from './channels/backend'
import { exportChannels, exportEvents } from './channels/export'
import { fetchChannels, fetchEvents } from './channels/fetch'
import { importsChannels, importsEvents } from './channels/imports'
import { inboxChannels, inboxEvents } from './channels/inbox'
import { libraryChannels } from './channels/library'
import { menuEvents } from './channels/menu'
import { notesChannels } from './channels/notes'
import { papersChannels } from './channels/papers'
import { recommendChannels } from './channels/recommend'
import { searchChannels } from './channels/search'
import { settingsChannels } from './channels/settings'
import { tagsChannels } from './channels/tags'
// Other areas plug in here: import their `channels/<area>.ts` and spread it below (see channels/README.md).

export const channels = {
  ...papersChannels,
  ...importsChannels,
  ...notesChannels,
  ...settingsChannels,
  ...searchChannels,
  ...exportChannels,
  ...tagsChannels,
  ...libraryChannels,
  ...recommendChannels,
  ...fetchChannels,
  ...inboxChannels,
}
export type Channels = typeof channels
export type ChannelName = keyof Channels & string

export const events = {
  ...importsEvents,
  ...exportEvents,
  ...menuEvents,
  ...fetchEvents,
  ...inboxEvents,
  ...backendEvents,
}
export type Events = typeof events
export type EventName = keyof Events & string

/** The renderer's typed API (src/renderer/src/api.ts): rejects with an ApiError. */
export type MarginApi = ApiOf<Channels, Events>
/** What the preload exposes as `window.margin`. */
export type MarginBridge = BridgeOf<Channels, Events>

/** Electron channel names are namespaced so they cannot collide with Electron's own. */
export const ipcChannelName = (name: string): string => `margin:${name}`
export const ipcEventName = (name: string): string => `margin-event:${name}`
