/**
 * The "later import format" of issue 5: a response of the Hugging Face Daily Papers API
 * (`/api/daily_papers?date=…`), saved as JSON. Unlike a page dump it knows each paper's arXiv id and
 * author names. Entries come out in the same shape as a parsed dump's, plus `arxivId` and `authors`,
 * so Library.importDump stores both kinds the same way.
 *
 * The API's shape is not documented and has changed over time (the 2024 responses have no
 * organisation, no submittedOnDailyAt), so nearly every field is optional and unknown fields pass.
 */
import { z } from 'zod'
import { decodeDumpBytes, NotTextError } from './decode'
import { DumpFormatError, type DumpWarning, type ResolvedDump, type ResolvedEntry } from './parser'

export interface ImportedEntry extends ResolvedEntry {
  arxivId?: string | null
  authors?: string[] | null
}

export interface ResolvedImport extends Omit<ResolvedDump, 'entries'> {
  entries: ImportedEntry[]
}

const Author = z.looseObject({ name: z.string().optional(), hidden: z.boolean().optional() })
const Organization = z.looseObject({ name: z.string().optional(), fullname: z.string().optional() })

const ApiPaper = z.looseObject({
  id: z.string().optional(),
  title: z.string().optional(),
  summary: z.string().optional(),
  authors: z.array(Author).optional(),
  publishedAt: z.string().optional(),
  submittedOnDailyAt: z.string().optional(),
  upvotes: z.number().optional(),
  organization: Organization.optional(),
})

const ApiEntry = z.looseObject({
  paper: ApiPaper.optional(),
  title: z.string().optional(),
  summary: z.string().optional(),
  publishedAt: z.string().optional(),
  organization: Organization.optional(),
})

/** A response is a list of entries; a few archives wrap it as `{ "papers": [...] }` or similar. */
const ApiResponse = z.union([z.array(z.unknown()), z.looseObject({ papers: z.array(z.unknown()) }), z.looseObject({ data: z.array(z.unknown()) })])

const ARXIV_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})(v\d+)?$/

/** Whether the bytes look like JSON (first non-blank character `[` or `{`) rather than a page dump. */
export function looksLikeJson(bytes: Uint8Array): boolean {
  for (let i = 0; i < Math.min(bytes.length, 4096); i++) {
    const b = bytes[i]!
    if (b === 0xef || b === 0xbb || b === 0xbf || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue
    return b === 0x5b || b === 0x7b
  }
  return false
}

/** arXiv wraps long titles and abstracts at ~80 columns; the API keeps the line breaks. */
export function foldLines(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/[ \t]+/g, ' ').trim()
}

function day(iso: string | undefined): string | null {
  const m = iso ? /^(\d{4}-\d{2}-\d{2})/.exec(iso) : null
  return m ? m[1]! : null
}

/**
 * Parses a Daily Papers API response. Throws DumpFormatError (so the import reports it as a failed
 * file) when the text is not JSON of that shape or holds no paper with a title.
 */
export function parseHfApiBytes(bytes: Uint8Array, fallback: Date): ResolvedImport {
  let text: string
  try {
    text = decodeDumpBytes(bytes)
  } catch (e) {
    if (e instanceof NotTextError) throw new DumpFormatError(`Not a Daily Papers API file: ${e.message}.`)
    throw e
  }
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    throw new DumpFormatError(`Not a Daily Papers API file: the JSON does not parse (${(e as Error).message}).`)
  }
  const response = ApiResponse.safeParse(json)
  if (!response.success) {
    throw new DumpFormatError('Not a Daily Papers API file: expected a list of papers.')
  }
  const data = response.data as unknown[] | { papers?: unknown[]; data?: unknown[] }
  const items: unknown[] = Array.isArray(data) ? data : (data.papers ?? data.data ?? [])
  const warnings: DumpWarning[] = []
  const parsed: { entry: Omit<ImportedEntry, 'publishedAt'> & { publishedAt: string | null }; daily: string | null }[] = []
  items.forEach((raw, index) => {
    const item = ApiEntry.safeParse(raw)
    // `line` carries the 1-based position in the list: JSON has no useful line numbers
    const line = index + 1
    if (!item.success) {
      warnings.push({ line, message: `skipped list item ${line}: not a paper` })
      return
    }
    const paper = item.data.paper ?? {}
    const title = foldLines(paper.title ?? item.data.title ?? '')
    if (!title) {
      warnings.push({ line, message: `skipped list item ${line}: it has no title` })
      return
    }
    const names = (paper.authors ?? []).flatMap((a) => (a.name && a.name.trim() ? [foldLines(a.name)] : []))
    const org = paper.organization ?? item.data.organization
    const arxivId = paper.id && ARXIV_ID.test(paper.id) ? paper.id : null
    parsed.push({
      daily: day(paper.submittedOnDailyAt) ?? day(item.data.publishedAt),
      entry: {
        title,
        abstract: foldLines(paper.summary ?? item.data.summary ?? ''),
        authorsCount: paper.authors ? paper.authors.length : null,
        org: org?.name ? { handle: org.name, name: org.fullname?.trim() || org.name } : null,
        publishedAt: day(paper.publishedAt),
        publishedExplicit: day(paper.publishedAt) !== null,
        upvotes: typeof paper.upvotes === 'number' ? Math.round(paper.upvotes) : null,
        line,
        truncated: false,
        arxivId,
        authors: names.length > 0 ? names : null,
      },
    })
  })
  if (parsed.length === 0) throw new DumpFormatError('Not a Daily Papers API file: it holds no papers.')

  // The day of the Daily Papers page: the most common submission day among the entries.
  const counts = new Map<string, number>()
  for (const p of parsed) if (p.daily) counts.set(p.daily, (counts.get(p.daily) ?? 0) + 1)
  const dumpDate =
    [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0].localeCompare(a[0]))[0]?.[0] ?? fallback.toISOString().slice(0, 10)
  if (counts.size === 0) warnings.unshift({ line: 1, message: `the page date is missing; using ${dumpDate}` })
  return { dumpDate, entries: parsed.map((p) => p.entry), warnings }
}
