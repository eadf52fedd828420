import { z } from 'zod'
import { isoDay } from '../shapes/library'
import { defineChannels, defineEvents } from '../define'

/** The public Daily Papers API; the setting `apiUrl` (and `margin fetch --api-url`) points elsewhere. */
export const DEFAULT_API_URL = 'https://huggingface.co'

export const FetchDayResult = z.object({
  day: isoDay,
  status: z.enum(['imported', 'updated', 'already-imported', 'unchanged', 'empty', 'failed']),
  papers: z.number().int().nonnegative(),
  added: z.number().int().nonnegative(),
  merged: z.number().int().nonnegative(),
  warnings: z.array(z.string()),
  /** A sentence naming the day, for a failed day. */
  error: z.string().nullable(),
  code: z.string().nullable(),
  url: z.string().nullable(),
})
export type FetchDayResult = z.infer<typeof FetchDayResult>

export const FetchInfo = z.object({
  /** The newest day fetched so far (null: never). */
  lastFetchedDay: isoDay.nullable(),
  /** The range a plain fetch asks for: the days since the last fetch, or today. */
  from: isoDay,
  to: isoDay,
  apiUrl: z.string(),
  /** A fetch is running (one at a time). */
  running: z.boolean(),
})
export type FetchInfo = z.infer<typeof FetchInfo>

export const fetchChannels = defineChannels({
  fetchInfo: { summary: 'where a fetch of Daily Papers would start and from which server', input: z.void(), output: FetchInfo },
  fetchDays: {
    summary: 'fetch the days from..to of Daily Papers from the API and import them; one result per day (progress as fetch:progress)',
    writesLibrary: true,
    input: z.object({ from: isoDay, to: isoDay }),
    output: z.array(FetchDayResult),
  },
  cancelFetch: { summary: 'stop a running fetch after the day being fetched', input: z.void(), output: z.void() },
})

export const FetchProgress = z.object({
  done: z.number().int().nonnegative(),
  total: z.number().int().positive(),
  /** The day being fetched now (null once all are done). */
  day: isoDay.nullable(),
  /** The result of the day that just finished. */
  result: FetchDayResult.nullable(),
  /** Why the current day is waiting (a 429, a timeout), or null. */
  retry: z.string().nullable(),
})
export type FetchProgress = z.infer<typeof FetchProgress>

export const fetchEvents = defineEvents({
  'fetch:progress': FetchProgress,
  /** File ▸ Fetch Daily Papers… asked the renderer to open its dialog. */
  'menu:fetch': z.object({}),
  /** A fetch the app started by itself (Fetch new days when Margin starts) finished. */
  'fetch:results': z.array(FetchDayResult),
})
