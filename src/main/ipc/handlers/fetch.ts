import { defaultFetchRange, daysBetween, fetchDays, todayUtc } from '../../fetch/fetchDays'
import type { FetchDayResult } from '../../../shared/contract/channels/fetch'
import { MARGIN_VERSION } from '../../fetch/version'
import { UserError } from '../../errors'
import type { fetchChannels } from '../../../shared/contract/channels/fetch'
import type { HandlerContext, Handlers } from '../dispatcher'
import { scheduleMaintenance } from '../maintenance'

/** One fetch at a time per context (a second would ask the API for the same days twice). */
const running = new WeakMap<HandlerContext, AbortController>()

/** Fetches the days from..to into the library, pushing `fetch:progress`; the app's one path (menu, dialog, start-up). */
export async function fetchRange(ctx: HandlerContext, from: string, to: string): Promise<FetchDayResult[]> {
  if (running.has(ctx)) throw new UserError('A fetch is already running; wait for it to finish.')
  const today = todayUtc()
  if (to > today) throw new UserError(`${to} is in the future (today is ${today}, UTC).`)
  const days = daysBetween(from, to)
  const controller = new AbortController()
  running.set(ctx, controller)
  try {
    ctx.emit('fetch:progress', { done: 0, total: days.length, day: days[0]!, result: null, retry: null })
    const results = await fetchDays(ctx.library, days, {
      apiUrl: ctx.settings.get().apiUrl,
      version: MARGIN_VERSION,
      signal: controller.signal,
      onRetry: ({ day, waitMs, reason }) =>
        ctx.emit('fetch:progress', {
          done: days.indexOf(day),
          total: days.length,
          day,
          result: null,
          retry: `${reason}; trying again in ${Math.max(1, Math.round(waitMs / 1000))} s`,
        }),
      onDay: (done, total, result) =>
        ctx.emit('fetch:progress', { done, total, day: days[done] ?? null, result, retry: null }),
    })
    if (results.some((r) => r.status === 'imported')) {
      ctx.emit('library:changed', { reason: 'import' })
      scheduleMaintenance(ctx.library)
    }
    return results
  } finally {
    running.delete(ctx)
  }
}

/** Fetch new days when Margin starts (the setting): the days since the last fetch, results pushed as `fetch:results`. */
export async function fetchOnStart(ctx: HandlerContext): Promise<void> {
  if (!ctx.settings.get().fetchOnStart || ctx.library.readOnly) return
  const { from, to } = defaultFetchRange(ctx.library)
  ctx.emit('fetch:results', await fetchRange(ctx, from, to))
}

export const fetchHandlers: Handlers<typeof fetchChannels> = {
  fetchInfo: (_input, ctx) => {
    const { from, to, last } = defaultFetchRange(ctx.library)
    return { lastFetchedDay: last, from, to, apiUrl: ctx.settings.get().apiUrl, running: running.has(ctx) }
  },
  fetchDays: ({ from, to }, ctx) => fetchRange(ctx, from, to),
  cancelFetch: (_input, ctx) => {
    running.get(ctx)?.abort()
  },
}
