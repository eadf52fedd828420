/**
 * Markdown export of notes (issue 5): one `<citation key>.md` per paper, with a YAML front matter
 * (title, citation key, dates, organisation, authors, arXiv id, URL) and the note, into a folder that
 * works as an Obsidian vault.
 *
 * Re-exporting updates the same files: a file is rewritten only when its content changed, and a
 * paper whose key was edited since the last export moves to its new name (files are recognised by
 * the `margin_id` in their front matter), so no paper ever has two files. Files Margin did not write
 * are never touched. The front matter and note are Margin's: edits made to them in the vault are
 * replaced by the next export.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ExportPaper } from './bibtex'
import { urlsIn } from './bibtex'

export type MarkdownPaper = ExportPaper & { id: number; lastSeen: string; noteUpdatedAt: string | null }

export interface MarkdownResult {
  dir: string
  /** Files created for papers exported for the first time. */
  created: string[]
  /** Files whose content changed (including renamed ones). */
  updated: string[]
  unchanged: string[]
  /** Old name → new name, for papers whose citation key changed. */
  renamed: [string, string][]
}

/** A YAML scalar: JSON strings are valid YAML double-quoted scalars. */
const yaml = (value: string): string => JSON.stringify(value)

export function markdownFileName(p: Pick<ExportPaper, 'citationKey'>): string {
  // keys are ASCII letters, digits and - _ : . + / ; the last three are awkward in file names
  return `${p.citationKey!.replace(/[/:+]/g, '-')}.md`
}

export function markdownNote(p: MarkdownPaper): string {
  const url = p.arxivId ? `https://arxiv.org/abs/${p.arxivId}` : (urlsIn(p.abstract)[0] ?? null)
  const lines = [
    '---',
    `title: ${yaml(p.title)}`,
    `citation_key: ${yaml(p.citationKey!)}`,
    `margin_id: ${p.id}`,
    `published: ${p.publishedAt ?? 'null'}`,
    `first_seen: ${p.firstSeen}`,
    `last_seen: ${p.lastSeen}`,
  ]
  if (p.org) lines.push(`organisation: ${yaml(p.org.name)}`, `organisation_handle: ${yaml(p.org.handle)}`)
  if (p.authors && p.authors.length > 0) lines.push('authors:', ...p.authors.map((a) => `  - ${yaml(a)}`))
  else if (p.authorsCount !== null) lines.push(`authors_count: ${p.authorsCount}`)
  if (p.arxivId) lines.push(`arxiv: ${yaml(p.arxivId)}`)
  if (url) lines.push(`url: ${yaml(url)}`)
  if (p.noteUpdatedAt) lines.push(`note_updated: ${yaml(p.noteUpdatedAt)}`)
  lines.push('---', '', `# ${p.title.replace(/\s+/g, ' ')}`, '')
  const note = p.note.replace(/\r\n?/g, '\n').trim()
  if (note) lines.push(note, '')
  return lines.join('\n')
}

/** The `margin_id` of every Markdown file in `dir` that Margin wrote. */
function existingFiles(dir: string): Map<number, string> {
  const byId = new Map<number, string>()
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.md')) continue
    let head: string
    try {
      head = readFileSync(join(dir, name), 'utf8').slice(0, 4000)
    } catch {
      continue
    }
    const m = /^---\n[\s\S]*?^margin_id: (\d+)$[\s\S]*?^---$/m.exec(head)
    if (m && head.startsWith('---\n')) byId.set(Number(m[1]), name)
  }
  return byId
}

export function exportMarkdown(papers: readonly MarkdownPaper[], dir: string): MarkdownResult {
  mkdirSync(dir, { recursive: true })
  const result: MarkdownResult = { dir, created: [], updated: [], unchanged: [], renamed: [] }
  const existing = existingFiles(dir)
  // file names, unique within the export (`a:b` and `a-b` would both be `a-b.md`)
  const used = new Set<string>()
  const named = papers.map((p) => {
    let name = markdownFileName(p)
    if (used.has(name.toLowerCase())) name = name.replace(/\.md$/, `-${p.id}.md`)
    used.add(name.toLowerCase())
    return { p, name }
  })
  // a paper whose key changed since the last export: its old file goes (it is rewritten under the
  // new name below). Done for all papers first, so keys that swapped places cannot clobber each other.
  const movedFrom = new Map<number, string>()
  for (const { p, name } of named) {
    const old = existing.get(p.id)
    if (old && old !== name && existsSync(join(dir, old))) {
      unlinkSync(join(dir, old))
      movedFrom.set(p.id, old)
    }
  }
  for (const { p, name } of named) {
    const path = join(dir, name)
    const content = markdownNote(p)
    const old = movedFrom.get(p.id)
    if (old) result.renamed.push([old, name])
    if (!existsSync(path)) {
      writeFileSync(path, content)
      ;(old ? result.updated : result.created).push(name)
    } else if (readFileSync(path, 'utf8') !== content) {
      writeFileSync(path, content)
      result.updated.push(name)
    } else result.unchanged.push(name)
  }
  return result
}
