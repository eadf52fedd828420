/**
 * A parsed file as it crosses to the import's thread (with what was worked out ahead per entry as
 * strings: title key, citation-key base): its strings joined into a few strings of at
 * most TEXT_PIECE characters, their lengths and the entries' numbers in typed arrays (moved, not
 * copied). Reading this back costs the import's thread a quarter of JSON.parse, and writing it a
 * tenth of JSON.stringify. (Pieces, not one string: V8 puts a string of over 128 KB in its
 * large-object space, and joining a file into one cost 30 times as much.)
 */
import type { ImportedEntry } from '../../dump/hfApi'
import type { ParsedImport } from '../../dump/parseTextImport'

export interface PackedFile {
  /**
   * The day, the warnings, then per entry: title, abstract, title key, citation-key base,
   * organisation handle and name, publication day, arXiv id, authors; concatenated, a string never
   * split between pieces.
   */
  text: string[]
  /** Each string's length in `text`, in order; NULL for null, ABSENT for a field the entry does not have. */
  lengths: Int32Array
  /** Per entry NUMBERS_PER_ENTRY numbers (NaN for null): author count, upvotes, line, truncated, explicit year, number of authors (NULL / ABSENT). */
  numbers: Float64Array
}

const NULL = -1
const ABSENT = -2
const NUMBERS_PER_ENTRY = 6
const TEXT_PIECE = 16 * 1024

/** Strings worked out ahead for each entry (a key base is null when only the import's thread can tell it). */
export interface EntryStrings {
  titleKeys: string[]
  keyBases: (string | null)[]
}

/** `parsed` and each entry's strings, packed. */
export function packFile(parsed: ParsedImport, { titleKeys, keyBases }: EntryStrings): PackedFile {
  const text: string[] = []
  let piece: string[] = []
  let pieceLength = 0
  const lengths: number[] = []
  const put = (s: string | null | undefined) => {
    if (s === null || s === undefined) return void lengths.push(s === null ? NULL : ABSENT)
    if (pieceLength + s.length > TEXT_PIECE && s.length > 0 && piece.length > 0) {
      text.push(piece.join(''))
      piece = []
      pieceLength = 0
    }
    piece.push(s)
    pieceLength += s.length
    lengths.push(s.length)
  }
  put(parsed.dumpDate)
  lengths.push(parsed.warnings.length)
  parsed.warnings.forEach(put)
  const numbers = new Float64Array(parsed.entries.length * NUMBERS_PER_ENTRY)
  parsed.entries.forEach((e, i) => {
    put(e.title)
    put(e.abstract)
    put(titleKeys[i])
    put(keyBases[i])
    put(e.org === null ? null : e.org.handle)
    put(e.org === null ? null : e.org.name)
    put(e.publishedAt)
    put(e.arxivId)
    e.authors?.forEach(put)
    const n = i * NUMBERS_PER_ENTRY
    numbers[n] = e.authorsCount ?? NaN
    numbers[n + 1] = e.upvotes ?? NaN
    numbers[n + 2] = e.line
    numbers[n + 3] = e.truncated ? 1 : 0
    numbers[n + 4] = e.publishedExplicit ? 1 : 0
    numbers[n + 5] = e.authors === undefined ? ABSENT : e.authors === null ? NULL : e.authors.length
  })
  text.push(piece.join(''))
  return { text, lengths: Int32Array.from(lengths), numbers }
}

/** The file and its entries' strings, as packFile was given them. */
export function unpackFile({ text, lengths, numbers }: PackedFile): { parsed: ParsedImport } & EntryStrings {
  let piece = 0
  let at = 0
  let next = 0
  const take = (): string | null | undefined => {
    const length = lengths[next++]!
    if (length < 0) return length === NULL ? null : undefined
    // a string that did not fit the piece before starts the next
    if (at + length > text[piece]!.length) {
      piece++
      at = 0
    }
    at += length
    return text[piece]!.slice(at - length, at)
  }
  const dumpDate = take() as string
  const warnings = Array.from({ length: lengths[next++]! }, () => take() as string)
  const count = numbers.length / NUMBERS_PER_ENTRY
  const entries: ImportedEntry[] = new Array(count)
  const titleKeys: string[] = new Array(count)
  const keyBases: (string | null)[] = new Array(count)
  for (let i = 0; i < count; i++) {
    const title = take() as string
    const abstract = take() as string
    titleKeys[i] = take() as string
    keyBases[i] = take() as string | null
    const handle = take()
    const name = take()
    const publishedAt = take() as string | null
    const arxivId = take()
    const n = i * NUMBERS_PER_ENTRY
    const authorCount = numbers[n + 5]!
    const authors = authorCount === NULL ? null : authorCount === ABSENT ? undefined : Array.from({ length: authorCount }, () => take() as string)
    const entry: ImportedEntry = {
      title,
      abstract,
      authorsCount: Number.isNaN(numbers[n]) ? null : numbers[n]!,
      org: handle === null || handle === undefined ? null : { handle, name: name as string },
      publishedAt,
      publishedExplicit: numbers[n + 4] === 1,
      upvotes: Number.isNaN(numbers[n + 1]) ? null : numbers[n + 1]!,
      line: numbers[n + 2]!,
      truncated: numbers[n + 3] === 1,
    }
    // as parsed: a text dump's entries have no arXiv id or authors fields at all
    if (arxivId !== undefined) entry.arxivId = arxivId
    if (authors !== undefined) entry.authors = authors
    entries[i] = entry
  }
  return { parsed: { dumpDate, entries, warnings }, titleKeys, keyBases }
}
