/**
 * Export (issue 5): which papers (the scope) and in which format. The CLI and the app's IPC
 * handler both go through here, so a scope means the same thing everywhere.
 */
import type { Library } from '../library/library'
import type { Paper } from '../library/schemas'
import { matchingIds, parseQuery } from '../search'
import { type ExportOutput, toBibtex } from './bibtex'
import { toCslJson } from './csl'
import { exportMarkdown, type MarkdownResult } from './markdown'
import { type ExportFormat, ExportOptions, ExportScope } from './schemas'

export { CitationKeyError } from './citationKeys'

export { ExportFormat, ExportOptions, ExportScope } from './schemas'

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
