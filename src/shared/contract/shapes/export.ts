/**
 * Export shapes, zod only: the IPC contract (bundled into the preload and type-imported by
 * the renderer) and the exporter both use them, so this file must not import Node or the library.
 */
import { z } from 'zod'
import { FeedFilter, FeedSort, paperId } from './library'

export const ExportFormat = z.enum(['bibtex', 'csl', 'markdown'])
export type ExportFormat = z.infer<typeof ExportFormat>

/**
 * - selection: the given papers, in the given order (the app sends search results this way);
 * - view: a feed view (filter + sort), narrowed by a search query when one is given;
 * - starred / all: what they say.
 */
export const ExportScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('selection'), ids: z.array(paperId).min(1, 'select at least one paper').max(1_000_000) }),
  z.object({
    kind: z.literal('view'),
    filter: FeedFilter.default('all'),
    sort: FeedSort.default('date'),
    query: z.string().max(2000).optional(),
  }),
  z.object({ kind: z.literal('starred') }),
  z.object({ kind: z.literal('all') }),
])
export type ExportScope = z.input<typeof ExportScope>

export const ExportOptions = z.object({
  withNotes: z.boolean().default(false),
  /** BibTeX only: keep characters that have no LaTeX form (emoji, CJK) as UTF-8 instead of dropping them. */
  keepUnicode: z.boolean().default(false),
})
export type ExportOptions = z.input<typeof ExportOptions>

/** A citation key as typed by the user (validated for real by Library.setCitationKey). */
export const CitationKeyInput = z.string().max(200)
