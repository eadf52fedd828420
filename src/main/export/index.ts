/**
 * Export: which papers (the scope) and in which format. The CLI and the app's IPC
 * handler both go through here, so a scope means the same thing everywhere.
 */
import { UserError } from '../errors'
import type { Library } from '../library/library'
import { matchingIds, parseQuery } from '../search'
import { type ExportOutput, toBibtex } from './bibtex'
import { toCslJson } from './csl'
import { exportMarkdown, type MarkdownPaper, type MarkdownResult } from './markdown'
import { type ExportFormat, ExportOptions, ExportScope } from '../../shared/contract/shapes/export'

export { CitationKeyError } from '../library/citationKeys'

export { ExportFormat, ExportOptions, ExportScope } from '../../shared/contract/shapes/export'

/** A scope the user asked for that cannot be exported (a malformed search query). */
export class ExportScopeError extends UserError {
  constructor(message: string) {
    super(message, 'badScope')
  }
}

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

interface ExportRow {
  id: number
  title: string
  abstract: string
  authors_count: number | null
  org_handle: string | null
  org_name: string | null
  published_at: string | null
  first_seen: string
  last_seen: string
  note: string
  note_updated_at: string | null
  arxiv_id: string | null
  authors: string | null
  citation_key: string | null
}

/**
 * The papers of a scope with what an export needs, in scope order. One query per 5,000 papers
 * (Library.getPaper would also load every paper's appearances, which no export uses), so exporting
 * a 100,000-paper library does not hold the main process for long.
 */
export function scopePapers(lib: Library, scope: ExportScope): MarkdownPaper[] {
  const ids = scopeIds(lib, scope)
  const select = lib.db.prepare(
    `SELECT id, title, abstract, authors_count, org_handle, org_name, published_at, first_seen, last_seen, note,
       note_updated_at, arxiv_id, authors, citation_key FROM papers WHERE id IN (SELECT value FROM json_each(?))`,
  )
  const byId = new Map<number, MarkdownPaper>()
  for (let i = 0; i < ids.length; i += 5000) {
    for (const r of select.all(JSON.stringify(ids.slice(i, i + 5000))) as ExportRow[]) {
      byId.set(r.id, {
        id: r.id,
        title: r.title,
        abstract: r.abstract,
        authorsCount: r.authors_count,
        org: r.org_handle ? { handle: r.org_handle, name: r.org_name ?? r.org_handle } : null,
        publishedAt: r.published_at,
        firstSeen: r.first_seen,
        lastSeen: r.last_seen,
        note: r.note,
        noteUpdatedAt: r.note_updated_at,
        arxivId: r.arxiv_id,
        authors: r.authors ? (JSON.parse(r.authors) as string[]) : null,
        // a library opened by this version has passed migration 3: every paper has a key
        citationKey: r.citation_key,
      })
    }
  }
  return ids.flatMap((id) => byId.get(id) ?? [])
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
