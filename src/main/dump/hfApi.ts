/**
 * A response of the Hugging Face Daily Papers API
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

/**
 * A response is a list of entries; a few archives wrap it as `{ "papers": [...] }` or
 * `{ "status": "success", "date": "2025-01-10", "count": 9, "data": [...] }` (the date is the page's).
 */
const ApiResponse = z.union([
  z.array(z.unknown()),
  z.looseObject({ papers: z.array(z.unknown()), date: z.string().optional() }),
  z.looseObject({ data: z.array(z.unknown()), date: z.string().optional() }),
])

const ARXIV_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})(v\d+)?$/

/** arXiv wraps long titles and abstracts at ~80 columns; the API keeps the line breaks. */
export function foldLines(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/[ \t]+/g, ' ').trim()
}

function day(iso: string | undefined): string | null {
  const m = iso ? /^(\d{4}-\d{2}-\d{2})/.exec(iso) : null
  return m ? m[1]! : null
}

/** A real calendar day written YYYY-MM-DD, or null. */
function calendarDay(text: string | undefined): string | null {
  const d = day(text)
  return d && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d) ? d : null
}

/** The one date a file name holds (`2025-02-05.json`, `api_daily_papers_2024-05-27.json`), or null. */
export function dayInFileName(fileName: string | undefined): string | null {
  const base = fileName?.split(/[\\/]/).pop() ?? ''
  const found = [...base.matchAll(/(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)/g)].map((m) => m[1]!)
  return found.length === 1 ? calendarDay(found[0]) : null
}

/**
 * The hours by which a submission time is moved before its UTC calendar day is read as the page's
 * day. Before `submittedOnDailyAt` existed (the archive's files up to 2025-03-14), an entry's own
 * `publishedAt` is the moment it was put on the page, and the page of day D takes submissions from
 * about 21:30 UTC the evening before until about 16:00 UTC on D: in the archive's 186 such files
 * every timestamp lies between D−1 21:29 and D 16:00 UTC, and none between 16:00 and 21:30. Read
 * in UTC, the evening ones fall on D−1 (`2025-02-05.json` would be the 4th, a Monday's file a
 * Sunday). Moving them 5 hours later puts the day's boundary at 19:00 UTC, in the middle of those
 * quiet hours, and every timestamp on its page's day.
 */
const PAGE_DAY_SHIFT_HOURS = 5

/** The page day of a submission time (see PAGE_DAY_SHIFT_HOURS), or null. */
function submissionDay(iso: string | undefined): string | null {
  const t = iso ? Date.parse(iso) : NaN
  return Number.isFinite(t) ? new Date(t + PAGE_DAY_SHIFT_HOURS * 3_600_000).toISOString().slice(0, 10) : null
}

/**
 * Whether an entry's `publishedAt` is the paper's arXiv time rather than its submission to the
 * page: in March 2025 the API wrote the paper's time there, moved by whole hours (`2025-03-10T13:59:03.000Z`
 * for a paper published at `17:59:03.000Z`); a submission time has its own minutes and seconds.
 */
function isPaperTime(entryTime: string | undefined, paperTime: string | undefined): boolean {
  const a = entryTime ? Date.parse(entryTime) : NaN
  const b = paperTime ? Date.parse(paperTime) : NaN
  return Number.isFinite(a) && Number.isFinite(b) && (a - b) % 3_600_000 === 0
}

/** What a list item is, for a message: "a string", "a number", "a list", "null", "an object that is not a paper". */
function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'an object that is not a paper'
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`
}

/** Why a file's list holds no paper: what its entries are instead. */
function noPapersReason(items: unknown[]): string {
  if (items.length === 0) return 'its list of papers is empty'
  const first = items[0]
  const n = items.length
  const all = items.every((x) => typeof x === typeof first && Array.isArray(x) === Array.isArray(first))
  let reason = `${n} ${n === 1 ? 'entry' : 'entries'}, none of them a paper object: ${all && n > 1 ? `every entry is ${kindOf(first)}` : `entry 1 is ${kindOf(first)}`}`
  // some archives saved Python's printout of each paper (`{'paper': {'id': …`) instead of JSON
  if (typeof first === 'string' && /^\s*\{\s*'paper'\s*:/.test(first)) reason += " (Python's printout of a paper, not JSON)"
  return reason
}

/**
 * Parses a Daily Papers API response. Throws DumpFormatError (so the import reports it as a failed
 * file) when the text is not JSON of that shape or holds no paper with a title.
 *
 * The page's day is, in this order: the entries' `submittedOnDailyAt` (the most common day), the
 * `date` a wrapped response names, the date in `fileName` (the archive names each file by the day
 * it asked the API for), the entries' submission times read as the page does (submissionDay), and
 * last `fallback` (the file's modification time), with a warning.
 */
export function parseHfApiBytes(bytes: Uint8Array, fallback: Date, fileName?: string): ResolvedImport {
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
  const data = response.data as unknown[] | { papers?: unknown[]; data?: unknown[]; date?: string }
  const items: unknown[] = Array.isArray(data) ? data : (data.papers ?? data.data ?? [])
  const warnings: DumpWarning[] = []
  const parsed: { entry: Omit<ImportedEntry, 'publishedAt'> & { publishedAt: string | null }; daily: string | null; submitted: string | null }[] =
    []
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
      daily: day(paper.submittedOnDailyAt),
      submitted: isPaperTime(item.data.publishedAt, paper.publishedAt) ? null : submissionDay(item.data.publishedAt),
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
  if (parsed.length === 0) {
    const reason = items.some((x) => ApiEntry.safeParse(x).success) ? 'no entry has a title' : noPapersReason(items)
    throw new DumpFormatError(`Not a Daily Papers API file: ${reason}.`)
  }

  const named = Array.isArray(data) ? null : calendarDay(data.date)
  const dumpDate =
    mostCommon(parsed.map((p) => p.daily)) ?? named ?? dayInFileName(fileName) ?? mostCommon(parsed.map((p) => p.submitted))
  if (dumpDate) return { dumpDate, entries: parsed.map((p) => p.entry), warnings }
  const guess = fallback.toISOString().slice(0, 10)
  warnings.unshift({ line: 1, message: `the page date is missing; using ${guess}` })
  return { dumpDate: guess, entries: parsed.map((p) => p.entry), warnings }
}

/** The most common day of a list (the later one on a tie), or null. */
function mostCommon(days: (string | null)[]): string | null {
  const counts = new Map<string, number>()
  for (const d of days) if (d) counts.set(d, (counts.get(d) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0].localeCompare(a[0]))[0]?.[0] ?? null
}
