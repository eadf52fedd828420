import { CitationKeyError, defaultExportName, exportMarkdownNotes, exportToFile, scopeIds } from '../../export'
import type { exportChannels } from '../../../shared/contract/channels/export'
import type { Handlers } from '../dispatcher'
import type { FileFilter } from '../host'

const FILTERS: Record<'bibtex' | 'csl' | 'markdown', FileFilter[]> = {
  bibtex: [{ name: 'BibTeX', extensions: ['bib'] }],
  csl: [{ name: 'CSL-JSON', extensions: ['json'] }],
  markdown: [],
}

const TITLES = { bibtex: 'Export BibTeX', csl: 'Export CSL-JSON', markdown: 'Export notes as Markdown (a folder)' } as const

export const exportHandlers: Handlers<typeof exportChannels> = {
  exportWithDialog: async ({ format, scope, withNotes }, { library, host }) => {
    // a malformed search query (ExportScopeError) is refused before the dialog opens
    scopeIds(library, scope)
    // Markdown is one file per paper: the user picks (or makes) a folder, re-exports update it
    const path =
      format === 'markdown'
        ? await host.showFolderDialog({ title: TITLES.markdown })
        : await host.showSaveDialog({ title: TITLES[format], defaultPath: defaultExportName(format), filters: FILTERS[format] })
    if (!path) return { path: null, count: 0, warnings: [] }
    if (format === 'markdown') {
      // the backend has its own process: a long export holds up no window and no other process
      const r = exportMarkdownNotes(library, scope, path)
      const files = {
        written: r.written,
        updated: r.updated,
        unchanged: r.unchanged,
        kept: r.kept.map((k) => k.file),
        skipped: r.skipped.map((s) => s.file),
      }
      return { path, count: r.written.length + r.updated.length + r.unchanged.length, warnings: r.messages, files }
    }
    // written as it is made, a chunk of papers at a time, into a temporary file renamed over the old
    // one: a full disk leaves the old export whole, and the whole text is never held at once
    const out = exportToFile(library, format, scope, path, { withNotes })
    return { path, count: out.count, warnings: out.warnings }
  },
  setCitationKey: ({ id, key }, { library }) => {
    try {
      // the feed shows no keys: nothing to push
      const stored = library.setCitationKey(id, key)
      return { key: stored, error: null }
    } catch (e) {
      if (e instanceof CitationKeyError) return { key: null, error: e.message }
      throw e
    }
  },
}
