/** The library's public shapes, described once with zod; the IPC contract and the CLI reuse them. */
import { z } from 'zod'
import { ERROR_CODES } from '../../errors'

export const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
export const paperId = z.number().int().positive()

export const Org = z.object({ handle: z.string(), name: z.string() })

export const PaperSummary = z.object({
  id: paperId,
  title: z.string(),
  authorsCount: z.number().int().nullable(),
  org: Org.nullable(),
  publishedAt: isoDay.nullable(),
  upvotes: z.number().int().nullable(),
  read: z.boolean(),
  starred: z.boolean(),
  hasNote: z.boolean(),
  /** The dump day the paper first appeared in: its group in the feed. */
  firstSeen: isoDay,
})
export type PaperSummary = z.infer<typeof PaperSummary>

export const Appearance = z.object({ dumpDate: isoDay, fileName: z.string(), upvotes: z.number().int().nullable() })

export const Paper = PaperSummary.extend({
  abstract: z.string(),
  note: z.string(),
  noteUpdatedAt: z.string().nullable(),
  lastSeen: isoDay,
  arxivId: z.string().nullable(),
  authors: z.array(z.string()).nullable(),
  /** Pinned BibTeX key; null only for a paper read from a library older than migration 3. */
  citationKey: z.string().nullable(),
  appearances: z.array(Appearance),
})
export type Paper = z.infer<typeof Paper>

export const FeedFilter = z.enum(['all', 'unread', 'starred', 'notes'])
export type FeedFilter = z.infer<typeof FeedFilter>
export const FeedSort = z.enum(['date', 'upvotes'])
export type FeedSort = z.infer<typeof FeedSort>

export const DayGroup = z.object({ day: isoDay, total: z.number().int(), unread: z.number().int() })
export type DayGroup = z.infer<typeof DayGroup>

export const LibraryCounts = z.object({
  total: z.number().int(),
  unread: z.number().int(),
  starred: z.number().int(),
  notes: z.number().int(),
  dumps: z.number().int(),
})
export type LibraryCounts = z.infer<typeof LibraryCounts>

/**
 * imported: a new day; updated: a day already imported gained papers, upvotes or details from this
 * file; already-imported: the file holds nothing the library does not (the same page saved again).
 */
export const ImportStatus = z.enum(['imported', 'updated', 'already-imported', 'failed'])
export const ImportResult = z.object({
  path: z.string(),
  status: ImportStatus,
  dumpDate: isoDay.nullable(),
  papers: z.number().int(),
  added: z.number().int(),
  merged: z.number().int(),
  /** Papers the day listed already whose upvotes or details this file improved. */
  updated: z.number().int(),
  warnings: z.array(z.string()),
  error: z.string().nullable(),
  /** Why a failed file failed (a full disk, a busy library, not a dump…), for the CLI's exit status. */
  code: z.enum(ERROR_CODES).optional(),
})
export type ImportResult = z.infer<typeof ImportResult>

export const DumpRecord = z.object({
  id: z.number().int(),
  fileName: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  dumpDate: isoDay,
  importedAt: z.string(),
  entries: z.number().int(),
  added: z.number().int(),
  merged: z.number().int(),
})
export type DumpRecord = z.infer<typeof DumpRecord>

/** Notes are Markdown; a generous cap keeps a runaway paste from bloating the library. */
/** The longest note (characters): a million. */
export const NOTE_MAX_CHARS = 1_000_000
export const NoteText = z.string().max(NOTE_MAX_CHARS, 'a note can hold at most a million characters')

/**
 * One import in the history: when, from where (an open set: 'app-drop', 'app-dialog', 'app-launch',
 * 'cli', …) and its totals over its files.
 */
export const ImportRecord = z.object({
  id: z.number().int(),
  source: z.string(),
  startedAt: z.string(),
  /** Null while it runs, or when it was stopped before its last file (its written files stay). */
  finishedAt: z.string().nullable(),
  files: z.number().int(),
  imported: z.number().int(),
  alreadyImported: z.number().int(),
  failed: z.number().int(),
  added: z.number().int(),
  merged: z.number().int(),
  warnings: z.number().int(),
})
export type ImportRecord = z.infer<typeof ImportRecord>

export const ImportFileRecord = z.object({
  position: z.number().int(),
  name: z.string(),
  size: z.number().int().nullable(),
  status: ImportStatus,
  dumpDate: isoDay.nullable(),
  papers: z.number().int(),
  added: z.number().int(),
  merged: z.number().int(),
  updated: z.number().int(),
  warnings: z.array(z.string()),
  /** Why a failed file failed: a code from src/shared/errors.ts and a sentence. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
})
export type ImportFileRecord = z.infer<typeof ImportFileRecord>

export const ImportDetails = z.object({
  import: ImportRecord,
  files: z.array(ImportFileRecord),
  /** The papers this import added, oldest id first (at most the limit asked for). */
  papersAdded: z.array(PaperSummary),
  papersAddedTotal: z.number().int(),
})
export type ImportDetails = z.infer<typeof ImportDetails>
