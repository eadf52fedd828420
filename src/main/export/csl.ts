/**
 * CSL-JSON export: what Zotero, Pandoc (`--citeproc`) and citeproc-js read. One item per
 * paper, `id` = the pinned citation key (also in `citation-key`, CSL 1.0.2), type `article` (CSL's
 * type for preprints). Authors only when their names are known; otherwise the organisation and the
 * author count go into `note`, never into `author`. With an arXiv id: `DOI` (arXiv's, 10.48550/arXiv.<id>),
 * `URL`, `number` and `publisher`.
 */
import type { ExportOutput, ExportPaper } from './bibtex'
import { isGroupAuthor, urlsIn } from './bibtex'
import { titleText } from './latex'

export interface CslName {
  family?: string
  given?: string
  literal?: string
}

export interface CslItem {
  id: string
  'citation-key': string
  type: 'article'
  title: string
  abstract?: string
  author?: CslName[]
  issued: { 'date-parts': [number, number?, number?][] }
  URL?: string
  DOI?: string
  number?: string
  publisher?: string
  genre?: string
  note?: string
}

export interface CslOptions {
  withNotes?: boolean
}

/** "Huy V. Vo" → given "Huy V.", family "Vo"; a group ("Kimi Team") or a one-word name stays whole (literal). */
export function cslName(name: string): CslName {
  const parts = name.trim().split(/\s+/)
  if (parts.length < 2 || isGroupAuthor(name)) return { literal: parts.join(' ') }
  return { given: parts.slice(0, -1).join(' '), family: parts.at(-1)! }
}

export function cslItem(p: ExportPaper, options: CslOptions = {}): CslItem {
  if (!p.citationKey) throw new Error(`"${p.title}" has no citation key`)
  const date = p.publishedAt ?? p.firstSeen
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const authors = p.authors && p.authors.length > 0 ? p.authors : null
  const urls = urlsIn(p.abstract)
  const info: string[] = []
  if (!authors && p.org) info.push(p.org.name)
  if (!authors && p.authorsCount) info.push(`${p.authorsCount} author${p.authorsCount === 1 ? '' : 's'}`)
  for (const u of p.arxivId ? urls : urls.slice(1)) info.push(u)
  if (options.withNotes && p.note.trim()) info.push(p.note.trim())
  const item: CslItem = {
    id: p.citationKey,
    'citation-key': p.citationKey,
    type: 'article',
    // what the title says: arXiv's `\$` is a dollar sign
    title: titleText(p.title),
    // without a publication date only the year (of first sighting) is given
    issued: { 'date-parts': [p.publishedAt ? [y, m, d] : [y]] },
  }
  if (p.abstract) item.abstract = p.abstract
  if (authors) item.author = authors.map(cslName)
  if (p.arxivId) {
    item.URL = `https://arxiv.org/abs/${p.arxivId}`
    item.DOI = `10.48550/arXiv.${p.arxivId}`
    item.number = `arXiv:${p.arxivId}`
    item.publisher = 'arXiv'
    item.genre = 'Preprint'
  } else if (urls[0]) item.URL = urls[0]
  if (info.length > 0) item.note = info.join('\n')
  return item
}

export function toCslJson(papers: readonly ExportPaper[], options: CslOptions = {}): ExportOutput {
  return cslJsonOutput(papers.map((p) => cslItem(p, options)))
}

/** The CSL-JSON file for items already made. */
export function cslJsonOutput(items: readonly CslItem[]): ExportOutput {
  return { text: `${JSON.stringify(items, null, 2)}\n`, count: items.length, warnings: [] }
}

/**
 * The same CSL-JSON text a chunk of papers at a time (an export written straight into its file):
 * byte for byte what cslJsonOutput writes, counting the items into `into`.
 */
export function* cslChunks(chunks: Iterable<readonly ExportPaper[]>, options: CslOptions, into: { count: number }): Generator<string> {
  for (const papers of chunks) {
    if (papers.length === 0) continue
    // JSON.stringify(items, null, 2) indents each item by two spaces; its strings hold no raw newline
    const text = papers.map((p) => `  ${JSON.stringify(cslItem(p, options), null, 2).replace(/\n/g, '\n  ')}`).join(',\n')
    yield into.count === 0 ? `[\n${text}` : `,\n${text}`
    into.count += papers.length
  }
  yield into.count === 0 ? '[]\n' : '\n]\n'
}
