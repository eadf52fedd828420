/**
 * Export: which papers (the scope, scope.ts) and in which format. The CLI and the app's IPC
 * handler both go through here, so a scope means the same thing everywhere. The papers come from
 * the library's ExportRowStore a chunk at a time.
 */
import type { Library } from '../library/library'
import { type ExportOutput, bibtexChunks, toBibtex } from './bibtex'
import { cslChunks, toCslJson } from './csl'
import { exportMarkdown, type MarkdownPaper, type MarkdownResult } from './markdown'
import { type ExportFormat, ExportOptions, type ExportScope } from '../../shared/contract/shapes/export'
import { resolveTarget, writeChunksAtomicSync } from '../files/atomicWrite'
import { scopeIds } from './scope'

export { CitationKeyError } from '../library/citationKeys'
export { ExportScopeError, scopeIds } from './scope'

export { ExportFormat, ExportOptions, ExportScope } from '../../shared/contract/shapes/export'

/** The papers of a scope with what an export needs, in scope order. */
export function scopePapers(lib: Library, scope: ExportScope): MarkdownPaper[] {
  const papers: MarkdownPaper[] = []
  for (const chunk of lib.exportRows.papers(scopeIds(lib, scope))) papers.push(...chunk)
  return papers
}

/** BibTeX or CSL-JSON text for a scope. */
export function exportText(lib: Library, format: 'bibtex' | 'csl', scope: ExportScope, options: ExportOptions = {}): ExportOutput {
  const opts = ExportOptions.parse(options)
  const papers = scopePapers(lib, scope)
  return format === 'bibtex' ? toBibtex(papers, opts) : toCslJson(papers, opts)
}

/**
 * BibTeX or CSL-JSON for a scope, written into `path` (a link the user chose is followed) as it is
 * made, a chunk of papers at a time: the same bytes as exportText, without ever holding the whole
 * text (a 100,000-paper .bib is ~190 MB). Atomic: a failure leaves the file there as it was.
 */
export function exportToFile(
  lib: Library,
  format: 'bibtex' | 'csl',
  scope: ExportScope,
  path: string,
  options: ExportOptions = {},
): Omit<ExportOutput, 'text'> {
  const opts = ExportOptions.parse(options)
  const chunks = lib.exportRows.papers(scopeIds(lib, scope))
  const into = { count: 0, warnings: [] as string[] }
  writeChunksAtomicSync(resolveTarget(path), format === 'bibtex' ? bibtexChunks(chunks, opts, into) : cslChunks(chunks, opts, into))
  return into
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
