/**
 * Export (issue 5): which papers (the scope) and in which format. The CLI and the app's IPC
 * handler both go through here, so a scope means the same thing everywhere.
 */
import { z } from 'zod'
import type { Library } from '../library/library'
import { FeedFilter, FeedSort, type Paper, paperId } from '../library/schemas'
import { matchingIds, parseQuery } from '../search'
import { type ExportOutput, toBibtex } from './bibtex'
import { toCslJson } from './csl'
import { exportMarkdown, type MarkdownResult } from './markdown'

export { CitationKeyError } from './citationKeys'

export const ExportFormat = z.enum(['bibtex', 'csl', 'markdown'])
export type ExportFormat = z.infer<typeof ExportFormat>

/**
 * - selection: the given papers, in the given order;
 * - view: a feed view (filter + sort), narrowed by a search query when one is given;
 * - starred / all: what they say.
 */
export const ExportScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('selection'), ids: z.array(paperId).min(1, 'select at least one paper') }),
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

/** A scope the user asked for that cannot be exported (a malformed search query). */
export class ExportScopeError extends Error {}

/** The ids a scope covers, in export order. */
export function scopeIds(lib: Library, input: ExportScope): number[] {
  const scope = ExportScope.parse(input)
  switch (scope.kind) {
    case 'selection':
      return [...new Set(scope.ids)]
    case 'starred':
      return lib.viewIds('starred', 'date')
    case 'all':
      return lib.viewIds('all', 'date')
    case 'view': {
      const ids = lib.viewIds(scope.filter, scope.sort)
      const query = scope.query?.trim()
      if (!query) return ids
      const errors = parseQuery(query).errors
      if (errors.length > 0) throw new ExportScopeError(`The search "${query}" has a problem: ${errors.map((e) => e.message).join('; ')}`)
      const matching = new Set(matchingIds(lib, query))
      return ids.filter((id) => matching.has(id))
    }
  }
}

export function scopePapers(lib: Library, scope: ExportScope): Paper[] {
  return scopeIds(lib, scope).flatMap((id) => lib.getPaper(id) ?? [])
}

/** BibTeX or CSL-JSON text for a scope. */
export function exportText(lib: Library, format: 'bibtex' | 'csl', scope: ExportScope, options: ExportOptions = {}): ExportOutput {
  const opts = ExportOptions.parse(options)
  const papers = scopePapers(lib, scope)
  return format === 'bibtex' ? toBibtex(papers, opts) : toCslJson(papers, opts)
}

/** One Markdown file per paper of the scope, into `dir`. */
export function exportMarkdownNotes(lib: Library, scope: ExportScope, dir: string, options: { notesOnly?: boolean } = {}): MarkdownResult {
  const papers = scopePapers(lib, scope).filter((p) => !options.notesOnly || p.note.trim() !== '')
  return exportMarkdown(papers, dir)
}

/** The usual file name for an export of the given format. */
export function defaultExportName(format: ExportFormat): string {
  return format === 'bibtex' ? 'margin.bib' : format === 'csl' ? 'margin.json' : 'Margin notes'
}
