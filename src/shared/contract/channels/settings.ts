import { z } from 'zod'
import { HTTP_URL_PROBLEM, httpUrl, isHttpUrl, MAX_URL_LENGTH } from '../../url'
import { defineChannels } from '../define'
import { DEFAULT_API_URL } from './fetch'

const width = z.number().int().min(160).max(2000)

/** User preferences, stored as JSON next to the library (settings.json in the user-data folder). */
export const Settings = z.object({
  /** Opening a paper marks it read. */
  markReadOnOpen: z.boolean().default(true),
  /** Widths in CSS pixels of the feed and notes panes; the reader takes the rest. */
  paneWidths: z.object({ feed: width.default(380), notes: width.default(360) }).default({ feed: 380, notes: 360 }),
  /** The same for narrow windows (feed beside the reader, notes as a drawer over it). */
  paneWidthsCompact: z.object({ feed: width.default(320), notes: width.default(340) }).default({ feed: 320, notes: 340 }),
  notesOpen: z.boolean().default(true),
  feedFilter: z.enum(['all', 'unread', 'starred', 'notes']).default('all'),
  feedSort: z.enum(['date', 'upvotes']).default('date'),
  /** Fetch the days since the last fetch from the Daily Papers API when the app starts (off: Margin stays offline). */
  fetchOnStart: z.boolean().default(false),
  /** The Daily Papers API's base URL (tests point it at a server on 127.0.0.1). */
  apiUrl: z.string().refine(isHttpUrl, { message: HTTP_URL_PROBLEM }).default(DEFAULT_API_URL),
  /** The watched inbox folder (set with the system's folder dialog, chooseInboxFolder), or null. */
  inboxFolder: z.string().nullable().default(null),
})
export type Settings = z.infer<typeof Settings>

export const SettingsPatch = z
  .object({
    markReadOnOpen: z.boolean(),
    paneWidths: z.object({ feed: width, notes: width }).partial(),
    /** Whole (the settings store merges only `paneWidths` field by field). */
    paneWidthsCompact: z.object({ feed: width, notes: width }),
    notesOpen: z.boolean(),
    feedFilter: z.enum(['all', 'unread', 'starred', 'notes']),
    feedSort: z.enum(['date', 'upvotes']),
    fetchOnStart: z.boolean(),
  })
  .partial()
  .strict()
export type SettingsPatch = z.infer<typeof SettingsPatch>

/** An http(s) link, handed on as its parsed, normalised `href` (src/shared/url.ts). */
const httpUrlInput = z
  .string()
  .max(MAX_URL_LENGTH)
  .refine(isHttpUrl, { message: HTTP_URL_PROBLEM })
  .transform((s) => httpUrl(s)!)

export const settingsChannels = defineChannels({
  getSettings: { summary: 'current preferences', input: z.void(), output: Settings },
  updateSettings: { summary: 'change some preferences; returns all of them', input: SettingsPatch, output: Settings },
  openExternal: { summary: 'open an http(s) link in the system browser', input: z.object({ url: httpUrlInput }), output: z.void() },
  appInfo: {
    summary: 'version, where the library lives, and why it is read-only (null: it can be written)',
    input: z.void(),
    output: z.object({
      version: z.string(),
      libraryPath: z.string(),
      platform: z.string(),
      readOnly: z.object({ reason: z.enum(['readOnly', 'diskFull']), message: z.string() }).nullable(),
    }),
  },
})
