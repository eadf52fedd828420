/**
 * Parser for a "daily dump": the text of the Hugging Face Daily Papers page as a user saves it.
 *
 *   header  new / Get trending papers… / Subscribe / Daily Papers / byAK… / `Apr 20`
 *   entry   title (one line) ¶ abstract (one paragraph) ¶ optional metadata block:
 *             `  • 5 authors` or `handle Display Name`
 *             `·`
 *             `Feb 21, 2024` | `Feb 24` [upvotes]
 *
 * Paragraphs are separated by blank lines. Everything the parser skips is reported as a warning
 * with its line number; a text with no recognisable entries is refused with DumpFormatError.
 */
import { type PageDate, inferDumpYear, isoDate, parsePageDate, resolvePageDate } from './dates'
import { decodeDumpPieces, NotTextError } from './decode'

export interface DumpEntry {
  title: string
  abstract: string
  authorsCount: number | null
  org: { handle: string; name: string } | null
  /** The date as printed, resolved against the dump date by resolveDump. */
  date: PageDate | null
  upvotes: number | null
  /** 1-based line of the title. */
  line: number
  /** The last entry stopped mid-abstract (the page was saved before it finished loading). */
  truncated: boolean
}

export interface DumpWarning {
  line: number
  message: string
}

export interface ParsedDump {
  header: PageDate | null
  entries: DumpEntry[]
  warnings: DumpWarning[]
}

export interface ResolvedEntry extends Omit<DumpEntry, 'date'> {
  publishedAt: string | null
  /** The page printed the year (rather than it being inferred from the dump date). */
  publishedExplicit: boolean
}

export interface ResolvedDump {
  dumpDate: string
  entries: ResolvedEntry[]
  warnings: DumpWarning[]
}

/** The file is text but not a Daily Papers dump, or holds no papers. */
export class DumpFormatError extends Error {}

const HEADER_LINES = new Set([
  'new',
  'Get trending papers in your email inbox!',
  'Subscribe',
  'Daily Papers',
  'byAK and the research community',
])

/** Page chrome that follows the list (footer, theme switch, navigation). Compared case-insensitively. */
const FURNITURE = new Set(
  [
    'System theme', 'Light theme', 'Dark theme', 'Company', 'TOS', 'Privacy', 'About', 'Jobs', 'Careers',
    'Website', 'Models', 'Datasets', 'Spaces', 'Pricing', 'Docs', 'Enterprise', 'Blog', 'Forum', 'Status',
    'Learn', 'Discord', 'GitHub', 'Twitter', 'LinkedIn', 'Hugging Face', 'Explore', 'Terms', 'Terms of Service',
    'Settings', 'Community', 'Changelog', 'Security', 'Brand assets', 'Press', 'Papers', 'Collections',
    'Previous', 'Next', 'Load more', 'Show more', 'Daily', 'Weekly', 'Monthly', 'Trending', 'Submit paper',
    'Sign Up', 'Log In', 'Search', 'Inference Endpoints', 'HuggingChat', 'Solutions', 'Resources', 'Tasks',
  ].map((s) => s.toLowerCase()),
)

interface Paragraph {
  line: number
  lines: string[]
}

const AUTHORS = /^•\s*(\d+)\s+authors?$/
const UPVOTES = /^(.*\S)\s+(\d+(?:\.\d+)?)(k?)$/i

export function parseDumpBytes(bytes: Uint8Array): ParsedDump {
  try {
    return parseDumpPieces(decodeDumpPieces(bytes))
  } catch (e) {
    if (e instanceof NotTextError) throw new DumpFormatError(`Not a Daily Papers dump: ${e.message}.`)
    throw e
  }
}

export function parseDumpText(text: string): ParsedDump {
  return parseDumpPieces([text])
}

/** parseDumpText of the pieces' concatenation (each piece but the last ends with a line break). */
function parseDumpPieces(pieces: readonly string[]): ParsedDump {
  const paragraphs = splitParagraphs(pieces)
  const warnings: DumpWarning[] = []
  const entries: DumpEntry[] = []
  let i = 0
  let header: PageDate | null = null
  let sawHeaderLine = false

  // Header: the known lines, then the page's date. Unknown lines in front of the date are skipped.
  const dateAt = paragraphs.slice(0, 12).findIndex((p) => p.lines.length === 1 && parsePageDate(p.lines[0]!) !== null)
  for (; i < paragraphs.length; i++) {
    const p = paragraphs[i]!
    const single = p.lines.length === 1 ? p.lines[0]! : null
    if (single !== null && HEADER_LINES.has(single)) {
      sawHeaderLine = true
      continue
    }
    if (sawHeaderLine && i === dateAt) {
      header = parsePageDate(single!)
      i++
      break
    }
    if (sawHeaderLine && dateAt > i) {
      warnings.push({ line: p.line, message: `skipped unexpected header text "${clip(p.lines.join(' '))}"` })
      continue
    }
    break
  }

  let metadataBlocks = 0
  while (i < paragraphs.length) {
    const p = paragraphs[i]!
    if (isFurniture(p)) {
      warnings.push({ line: p.line, message: `skipped page furniture "${clip(p.lines[0]!.trim())}"` })
      i++
      continue
    }
    if (parseMetadata(p)) {
      warnings.push({ line: p.line, message: 'skipped a metadata block that follows no paper' })
      i++
      continue
    }
    if (p.lines.length > 1) {
      warnings.push({ line: p.line, message: `skipped a ${p.lines.length}-line paragraph where a title was expected` })
      i++
      continue
    }
    const title = p.lines[0]!
    const abstractPara = paragraphs[i + 1]
    if (!abstractPara || isFurniture(abstractPara)) {
      warnings.push({ line: p.line, message: `skipped "${clip(title)}": the page ends before its abstract` })
      i++
      continue
    }
    const entry: DumpEntry = {
      title,
      abstract: '',
      authorsCount: null,
      org: null,
      date: null,
      upvotes: null,
      line: p.line,
      truncated: false,
    }
    let meta = parseMetadata(abstractPara)
    if (meta) {
      i += 2 // a title straight followed by its metadata: the abstract is missing
      warnings.push({ line: p.line, message: `"${clip(title)}" has no abstract` })
    } else {
      entry.abstract = abstractPara.lines.join(' ')
      const metaPara = paragraphs[i + 2]
      meta = metaPara ? parseMetadata(metaPara) : null
      i += meta ? 3 : 2
    }
    if (meta) {
      metadataBlocks++
      Object.assign(entry, meta)
    } else if (isLastEntry(paragraphs, i) && !/[.!?)\]"'”’]$/.test(entry.abstract)) {
      entry.truncated = true
      warnings.push({ line: p.line, message: `"${clip(title)}" is cut off mid-abstract; imported what is there` })
    }
    entries.push(entry)
  }

  if (entries.length === 0) {
    throw new DumpFormatError(
      sawHeaderLine
        ? 'The dump holds no papers: the Daily Papers header is there, but no entries follow it.'
        : 'Not a Daily Papers dump: the file holds no papers.',
    )
  }
  if (!sawHeaderLine && metadataBlocks === 0) {
    throw new DumpFormatError(
      'Not a Daily Papers dump: the file has neither the "Daily Papers" page header nor any paper metadata ' +
        '(author count or organisation, "·", date). Save the Daily Papers page as text and import that.',
    )
  }
  return { header, entries, warnings }
}

/**
 * Fixes the dump's date and every entry's publication date (see inferDumpYear for the rule).
 * `fallback` is the file's modification time, or the import time when that is unknown.
 */
export function resolveDump(parsed: ParsedDump, fallback: Date): ResolvedDump {
  const explicitYears = parsed.entries.flatMap((e) => (e.date?.year != null ? [e.date.year] : []))
  const year = inferDumpYear(parsed.header, explicitYears, fallback)
  const dumpDate = parsed.header
    ? isoDate(year, parsed.header.month, parsed.header.day)
    : fallback.toISOString().slice(0, 10)
  const warnings = [...parsed.warnings]
  if (!parsed.header) warnings.unshift({ line: 1, message: `the page date is missing; using ${dumpDate}` })
  const entries = parsed.entries.map(({ date, ...rest }) => ({
    ...rest,
    publishedAt: date ? resolvePageDate(date, dumpDate) : null,
    publishedExplicit: date?.year != null,
  }))
  return { dumpDate, entries, warnings }
}

function splitParagraphs(pieces: readonly string[]): Paragraph[] {
  const out: Paragraph[] = []
  let current: Paragraph | null = null
  let index = 0
  pieces.forEach((piece, p) => {
    const text = p === 0 ? piece.replace(/^\uFEFF/, '') : piece
    // (a text without a carriage return splits several times faster on the one line break it has)
    const lines = text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n')
    // a piece ends with its line break: the empty string after it is not a line (but the text's last one is)
    if (p < pieces.length - 1) lines.pop()
    for (const raw of lines) {
      index++
      const line = raw.trimEnd() // JavaScript's white space includes U+00A0, which saved pages often end lines with
      if (line === '') {
        current = null
        continue
      }
      if (!current) {
        current = { line: index, lines: [] }
        out.push(current)
      }
      current.lines.push(line)
    }
  })
  return out
}

function parseMetadata(p: Paragraph): Pick<DumpEntry, 'authorsCount' | 'org' | 'date' | 'upvotes'> | null {
  const lines = p.lines.map((l) => l.trim())
  const dot = lines.indexOf('·')
  if (dot < 0 || dot > 1 || lines.length !== dot + 2) return null
  const dateLine = parseDateLine(lines[dot + 1]!)
  if (!dateLine) return null
  let authorsCount: number | null = null
  let org: { handle: string; name: string } | null = null
  if (dot === 1) {
    const who = lines[0]!
    const authors = AUTHORS.exec(who)
    if (authors) authorsCount = Number(authors[1])
    else {
      const [handle, ...name] = who.split(/\s+/)
      org = { handle: handle!, name: name.join(' ') || handle! }
    }
  }
  return { authorsCount, org, ...dateLine }
}

function parseDateLine(text: string): { date: PageDate; upvotes: number | null } | null {
  const date = parsePageDate(text)
  if (date) return { date, upvotes: null }
  const m = UPVOTES.exec(text)
  if (!m) return null
  const withoutVotes = parsePageDate(m[1]!)
  if (!withoutVotes) return null
  const upvotes = Math.round(Number(m[2]) * (m[3] ? 1000 : 1))
  return { date: withoutVotes, upvotes }
}

/** Longer lines are never furniture: spares lower-casing every abstract. */
const FURNITURE_MAX = Math.max(...[...FURNITURE].map((s) => s.length))

function isFurniture(p: Paragraph): boolean {
  const line = p.lines.length === 1 ? p.lines[0]!.trim() : null
  return line !== null && line.length <= FURNITURE_MAX && FURNITURE.has(line.toLowerCase())
}

function isLastEntry(paragraphs: Paragraph[], from: number): boolean {
  return paragraphs.slice(from).every(isFurniture)
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s
}
