/**
 * Notices changes another process made to the library (the `margin` CLI importing, marking,
 * tagging while the app is open) and tells the renderer, which reloads the feed, the counts and the
 * smart feeds. SQLite's `data_version` changes when another connection commits; it is one cheap
 * read, so polling it every second costs nothing measurable.
 */
import type { HandlerContext } from './dispatcher'
import { scheduleMaintenance } from './maintenance'

export const WATCH_INTERVAL_MS = 1000

/** Starts polling; returns the function that stops it. Stops by itself once the library is closed. */
export function watchExternalChanges(
  ctx: Pick<HandlerContext, 'library' | 'emit'>,
  { intervalMs = WATCH_INTERVAL_MS }: { intervalMs?: number } = {},
): () => void {
  const { library } = ctx
  let seen = library.dataVersion()
  const timer = setInterval(() => {
    if (!library.isOpen) return clearInterval(timer)
    let now: number
    try {
      now = library.dataVersion()
    } catch (e) {
      console.error('[library] could not check for changes made by another process:', e)
      return
    }
    if (now === seen) return
    seen = now
    // no ids: the renderer reloads everything it shows
    ctx.emit('library:changed', { reason: 'external' })
    scheduleMaintenance(library)
  }, intervalMs)
  timer.unref?.()
  return () => clearInterval(timer)
}
