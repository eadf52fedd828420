import { z } from 'zod'
import { defineEvents } from '../define'

/**
 * The library runs in a process of its own. When it stops unexpectedly the main process restarts it
 * and says so: 'restarting' (the window shows "Margin's library stopped; restarting…"), then
 * 'running' once it answers again, or 'stopped' when it was given up.
 */
export const BackendStatus = z.object({ state: z.enum(['restarting', 'running', 'stopped']) })
export type BackendStatus = z.infer<typeof BackendStatus>

export const backendEvents = defineEvents({
  'backend:status': BackendStatus,
})
