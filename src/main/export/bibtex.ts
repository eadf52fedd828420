/**
 * BibTeX export. One `@misc` entry per paper, keyed by its pinned citation key.
 *
 * What goes in, and why:
 * - `title` as it reads (arXiv's `\$` and `\&` are the characters; see titleText), capitalised
 *   words and acronyms brace-protected, `year`, `month` (a BibTeX month macro),
 *   `abstract`.
 * - `author` only when the names are known (Daily Papers API imports); a group author ("Kimi Team")
 *   is braced whole so that no style splits it into given and family names. Otherwise nobody is invented:
 *   the organisation and/or the author count go into `howpublished`, the organisation also into
 *   `organization`, and `key` carries the organisation (or the first significant title word) so that
 *   `plain` and `alpha` can sort and label the entry without "to sort, need author or key" warnings.
 * - `doi` (arXiv's: 10.48550/arXiv.<id>), `eprint` / `archivePrefix = {arXiv}` when the arXiv id is
 *   known (`primaryClass` when a future source brings it), `url` (arXiv, else the first URL in the abstract), and the abstract's URLs
 *   (code, project page) in `howpublished`, escaped as text so `plain` prints them without the
 *   url package.
 * - `note` = the user's note, only when asked for.
 */
import type { Paper } from '../../shared/contract/shapes/library'
import { firstSignificantWord } from '../library/citationKeys'
import { type Dropped, type LatexOptions, escapeAbstract, escapeText, escapeTitle, balanced, verbatimUrl, squash } from './latex'

export interface BibtexOptions extends LatexOptions {
  /** Put the user's note into `note`. */
  withNotes?: boolean
}

export interface ExportOutput {
  text: string
  count: number
  /** One sentence per paper that could not be exported exactly (characters left out of the .bib). */
  warnings: string[]
}

export type ExportPaper = Pick<
  Paper,
  'title' | 'abstract' | 'authorsCount' | 'org' | 'publishedAt' | 'firstSeen' | 'note' | 'arxivId' | 'authors' | 'citationKey'
> & { primaryClass?: string | null }

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** URLs in a text (code, project page), without trailing punctuation, each once. */
export function urlsIn(text: string): string[] {
  const found: string[] = []
  for (const m of text.matchAll(/\bhttps?:\/\/[^\s<>"'{}\\`]+/g)) {
    let url = m[0].replace(/[.,;:!?*]+$/, '')
    // a closing parenthesis belongs to the URL only when it opened one
    while (/[)\]]$/.test(url) && (url.match(/[([]/g)?.length ?? 0) < (url.match(/[)\]]/g)?.length ?? 0)) url = url.slice(0, -1)
    url = url.replace(/[.,;:!?*]+$/, '')
    if (!found.includes(url)) found.push(url)
  }
  return found
}

/**
 * Whether an author is a group rather than a person: "Xiaomi LLM-Core Team", "Team GLM", "LG AI
 * Research", "Lanser Contributors", or one word with no given name ("DeepSeek-AI", "NVIDIA"). These
 * are the forms the Daily Papers archive holds; a person's name would be split into given and
 * family names ("Team, Xiaomi LLM-Core") and abbreviated ("X. L.-C. Team") by every style.
 */
export function isGroupAuthor(name: string): boolean {
  const n = name.trim()
  return (
    !/\s/.test(n) ||
    /^(?:The\s+)?Team\s/.test(n) ||
    /[\s-](?:Team|Teams|Lab|Labs|Group|Consortium|Project|Collaboration|Research|Initiative|Community|Contributors|AI)$/.test(n)
  )
}

/** An author name for BibTeX: braced whole when it is a group, or holds a comma or the word "and". */
function bibName(name: string, options: LatexOptions, dropped: Dropped): string {
  const tex = escapeText(name, options, dropped)
  return isGroupAuthor(name) || /,|\band\b/i.test(name) ? `{${tex}}` : tex
}

/**
 * `key`: what plain/alpha sort and label an entry by when it has no author. The organisation when
 * there is one, else the first significant title word (capitalised), so alpha labels read [Ope24] or
 * [Neu23] rather than [The23].
 */
function sortKey(p: ExportPaper, options: LatexOptions): string {
  if (p.org) {
    const org = escapeText(p.org.name, options)
    if (org) return org
  }
  const word = firstSignificantWord(p.title) || 'paper'
  return word[0]!.toUpperCase() + word.slice(1)
}

function field(name: string, value: string | null | undefined, bare = false): string | null {
  if (value === null || value === undefined || value === '') return null
  if (!bare && !balanced(value)) throw new Error(`internal error: unbalanced braces in ${name}`)
  return `  ${name} = ${bare ? value : `{${value}}`}`
}

export function bibtexEntry(p: ExportPaper, options: BibtexOptions = {}, dropped: Dropped = { chars: new Set() }): string {
  if (!p.citationKey) throw new Error(`"${p.title}" has no citation key`)
  const date = p.publishedAt ?? p.firstSeen
  const [year, month] = [date.slice(0, 4), Number(date.slice(5, 7))]
  const authors = p.authors && p.authors.length > 0 ? p.authors : null
  const urls = urlsIn(p.abstract)
  const arxivUrl = p.arxivId ? `https://arxiv.org/abs/${p.arxivId}` : null
  const url = verbatimUrl(arxivUrl ?? urls[0] ?? '')

  const published: string[] = []
  if (!authors && p.org) published.push(escapeText(p.org.name, options, dropped))
  if (!authors && p.authorsCount) published.push(`${p.authorsCount} author${p.authorsCount === 1 ? '' : 's'}`)
  if (p.arxivId) published.push(`arXiv:${escapeText(p.arxivId)}`)
  for (const u of urls) published.push(escapeText(u, options, dropped))

  const lines = [
    field('title', escapeTitle(p.title, options, dropped)),
    field('author', authors?.map((a) => bibName(a, options, dropped)).join(' and ')),
    field('organization', p.org ? escapeText(p.org.name, options, dropped) : null),
    // what plain/alpha sort and label by when there is no author
    field('key', authors ? null : sortKey(p, options)),
    field('howpublished', published.join('. ')),
    field('year', year),
    // the year falls back to the day the paper was first seen (plain/alpha need one); the month does not
    field('month', p.publishedAt && month >= 1 && month <= 12 ? MONTHS[month - 1] : null, true),
    // arXiv's DOI for the paper (registered with DataCite for every arXiv id)
    field('doi', p.arxivId ? `10.48550/arXiv.${p.arxivId}` : null),
    field('eprint', p.arxivId),
    field('archivePrefix', p.arxivId ? 'arXiv' : null),
    field('primaryClass', p.arxivId ? p.primaryClass : null),
    field('url', url),
    field('abstract', p.abstract ? escapeAbstract(p.abstract, options, dropped) : null),
    field('note', options.withNotes && p.note.trim() ? escapeText(squash(p.note), options, dropped) : null),
  ].filter((l): l is string => l !== null)
  return `@misc{${p.citationKey},\n${lines.join(',\n')}\n}\n`
}

/** A .bib file for the given papers, in the order given. */
export function toBibtex(papers: readonly ExportPaper[], options: BibtexOptions = {}): ExportOutput {
  const warnings: string[] = []
  const entries = papers.map((p) => bibtexEntryWarning(p, options, warnings))
  return { text: entries.join('\n'), count: entries.length, warnings }
}

/**
 * The same .bib text a chunk of papers at a time (an export written straight into its file): yields
 * each chunk's text, counts the entries and collects the warnings into `into`.
 */
export function* bibtexChunks(
  chunks: Iterable<readonly ExportPaper[]>,
  options: BibtexOptions,
  into: { count: number; warnings: string[] },
): Generator<string> {
  for (const papers of chunks) {
    if (papers.length === 0) continue
    const text = papers.map((p) => bibtexEntryWarning(p, options, into.warnings)).join('\n')
    // entries are separated by a blank line, as toBibtex joins them
    yield into.count === 0 ? text : `\n${text}`
    into.count += papers.length
  }
}

/** One entry; what could not be written exactly is said in `warnings`. */
function bibtexEntryWarning(p: ExportPaper, options: BibtexOptions, warnings: string[]): string {
  const dropped: Dropped = { chars: new Set() }
  const entry = bibtexEntry(p, options, dropped)
  if (dropped.simplified && dropped.simplified.size > 0) {
    warnings.push(
      `${p.citationKey}: wrote ${[...dropped.simplified].map(([from, to]) => `"${from}" as "${to}"`).join(', ')}: pdfLaTeX's default (OT1) fonts cannot set them (export with keepUnicode for Biber/XeLaTeX)`,
    )
  }
  if (dropped.chars.size > 0) {
    warnings.push(
      `${p.citationKey}: left out ${[...dropped.chars].map((c) => `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ')}: no LaTeX for pdfLaTeX (export with keepUnicode for Biber/XeLaTeX)`,
    )
  }
  return entry
}
