/**
 * Markdown export of notes: one `<citation key>.md` per paper, with a YAML front matter
 * (title, citation key, dates, organisation, authors, arXiv id, URL) and the note, into a folder that
 * works as an Obsidian vault.
 *
 * The folder is the user's (src/main/files/exportFolder.ts): re-exporting updates a file only while
 * it is exactly what Margin last wrote (`.margin-export.json` keeps a hash of each), never deletes
 * one, and never follows a symlink. A file the user edited is kept and the new export goes beside
 * it (`x (Margin).md`); a paper whose citation key changed gets a file under its new name and its
 * old file is left as it was.
 */
import { ExportFolder, type FolderReport } from '../files/exportFolder'
import type { ExportPaper } from './bibtex'
import { urlsIn } from './bibtex'
import { titleText } from './latex'

export type MarkdownPaper = ExportPaper & { id: number; lastSeen: string; noteUpdatedAt: string | null }

/** What an export did to each file (see FolderReport), and the papers whose key changed. */
export interface MarkdownResult extends FolderReport {
  /** A paper's old file (left as it was) and its new one, for papers whose citation key changed. */
  renamed: { from: string; to: string }[]
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
    // what the title says: arXiv's `\$` and `\&` as the characters, line wraps as spaces (latex.ts)
    `title: ${yaml(titleText(p.title))}`,
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
  lines.push('---', '', `# ${titleText(p.title)}`, '')
  const note = p.note.replace(/\r\n?/g, '\n').trim()
  if (note) lines.push(note, '')
  return lines.join('\n')
}

/** Where a paper's export goes when its file is the user's: `x (Margin).md`, then `x (Margin 2).md`, …. */
export function alternateNames(name: string): string[] {
  const base = name.replace(/\.md$/, '')
  return [`${base} (Margin).md`, ...[2, 3, 4, 5].map((n) => `${base} (Margin ${n}).md`)]
}

/** `file` is `name` or one of its alternates. */
const isNameOrAlternate = (file: string, name: string): boolean => file === name || alternateNames(name).includes(file)

interface MarkdownPlan {
  folder: ExportFolder
  named: { p: MarkdownPaper; name: string }[]
  renamed: MarkdownResult['renamed']
  messages: string[]
}

function plan(papers: readonly MarkdownPaper[], dir: string): MarkdownPlan {
  const folder = ExportFolder.open(dir)
  // file names, unique within the export (`a:b` and `a-b` would both be `a-b.md`)
  const used = new Set<string>()
  const named = papers.map((p) => {
    let name = markdownFileName(p)
    if (used.has(name.toLowerCase())) name = name.replace(/\.md$/, `-${p.id}.md`)
    used.add(name.toLowerCase())
    return { p, name }
  })
  // a paper whose key changed since the last export gets a new file; its old one stays as it is.
  // Margin stops managing it, unless another paper of this export now has that name (keys that
  // swapped), which may then take it over while it is unchanged.
  const target = new Map(named.map(({ p, name }) => [p.id, name]))
  const targetNames = new Set(named.map(({ name }) => name))
  const renamed: MarkdownResult['renamed'] = []
  const messages: string[] = []
  for (const [file, entry] of [...folder.entries()]) {
    const now = target.get(entry.id)
    if (now === undefined || isNameOrAlternate(file, now)) continue
    renamed.push({ from: file, to: now })
    messages.push(`left \`${file}\` as it was: its paper's citation key changed, and its export is now \`${now}\``)
    if (targetNames.has(file)) folder.release(file)
    else folder.forget(file)
  }
  return { folder, named, renamed, messages }
}

/** Records what was written even when a write failed (a full disk), so the next export knows those files. */
function finish({ folder, renamed, messages }: MarkdownPlan, error?: unknown): MarkdownResult {
  try {
    folder.save()
  } catch (e) {
    if (error === undefined) throw e
  }
  if (error !== undefined) throw error
  const { report } = folder
  return { ...report, renamed, messages: [...report.messages, ...messages] }
}

export function exportMarkdown(papers: readonly MarkdownPaper[], dir: string): MarkdownResult {
  const job = plan(papers, dir)
  try {
    for (const { p, name } of job.named) job.folder.put(name, markdownNote(p), p.id, alternateNames(name))
  } catch (e) {
    return finish(job, e)
  }
  return finish(job)
}
