/**
 * What the import's thread and its parsing thread (./worker.ts) send each other, and what the
 * parsing thread works out ahead for each entry: its title key, its citation-key base, its packed
 * term counts and its abstract as UTF-8 (each kind in one buffer, moved without a copy). The keys
 * themselves are given by the import's thread, which holds the write lock.
 */
import type { ParsedImport } from '../../dump/parseTextImport'
import type { ImportedEntry } from '../../dump/hfApi'
import { orgText, packPaperCounts } from '../../recommend/vectors'
import { keyBaseWith } from '../citationKeyBase'
import { titleKey } from '../titleKey'
import { type PackedFile, packFile, unpackFile } from './packing'

/**
 * The Int32Array both threads share: `answers` posted so far (the worker bumps it after each reply
 * and notifies); `started`, 1 once the worker runs; `claimed`, how many files from the first are
 * taken, by either thread. Files are claimed in order with a compare-and-swap from `seq` to
 * `seq + 1`, so exactly one thread parses each: the worker as it comes to a file, the import's
 * thread when it would otherwise wait for a worker still starting.
 */
export const SIGNAL = { answers: 0, started: 1, claimed: 2, length: 3 } as const

/** Claims file `seq` for the calling thread; false when the other thread has it. */
export function claim(signal: Int32Array, seq: number): boolean {
  return Atomics.compareExchange(signal, SIGNAL.claimed, seq, seq + 1) === seq
}

export interface ParseJob {
  seq: number
  path: string
  bytes: Uint8Array
  /** The file's modification time in ms (null: unknown). */
  modifiedAt: number | null
  /** Whether to count each entry's terms too. */
  vectors: boolean
}

/** Files the library holds already (their SHA-256): the worker hashes each file and parses only new ones. */
export interface KnownFiles {
  known: string[]
}

/**
 * The term counts of a file the import's thread claimed and parsed itself (while this thread
 * started, or was busy with the file before): counted once this thread had nothing else to parse,
 * for a later transaction of the import. `counts` null: none (a known file, not a dump, or parsing failed).
 */
export interface LaterCounts {
  countsFor: number
  sha256: string
  counts: Slices | null
}

export type ParseReply = { seq: number; sha256: string } & (
  | { parsed: PackedParse }
  | { refused: string }
  /** Its hash is a file the library holds: not parsed. */
  | { known: true }
  | { failed: string }
)

/** Worked out ahead, one per entry (what writeDay would otherwise compute as it writes). */
export interface EntriesAhead {
  titleKeys: string[]
  /** baseCitationKey of the entry as a new paper's; null when only the import's thread can tell (citationKeyBase.ts). */
  keyBases: (string | null)[]
  /** packPaperCounts of the entry's text as a new paper's (absent when vectors are off). */
  counts?: Uint8Array[]
  /** The entry's abstract as UTF-8, bound as is (the import's thread need not encode the largest text it writes). */
  abstracts?: Uint8Array[]
}

/**
 * A parsed file as sent: the file and its title keys packed (./packing.ts), and the term counts of
 * entry i as counts.bytes[offsets[i], offsets[i + 1]) (moved, not copied).
 */
export interface PackedParse {
  file: PackedFile
  counts: Slices | null
  abstracts: Slices
}

/** Slice i of `bytes` is bytes[offsets[i], offsets[i + 1]). */
interface Slices {
  bytes: Uint8Array
  offsets: Uint32Array
}

/** The text a new paper's vector is built from, as the import writes the paper. */
export function entryVectorText(e: ImportedEntry): { title: string; abstract: string; org: string } {
  return { title: e.title, abstract: e.abstract, org: orgText(e.org?.handle ?? null, e.org?.name ?? null) }
}

/** `parsed` with what writeDay needs of its entries, worked out now, packed to send. */
export function packParse(parsed: ParsedImport, vectors: boolean): PackedParse {
  const titleKeys = parsed.entries.map((e) => titleKey(e.title))
  const keyBases = parsed.entries.map((e) =>
    keyBaseWith({ title: e.title, orgHandle: e.org?.handle ?? null, publishedAt: e.publishedAt, firstSeen: parsed.dumpDate }, () => null),
  )
  return { file: packFile(parsed, { titleKeys, keyBases }), counts: vectors ? packEntryCounts(parsed.entries) : null, abstracts: encodeAbstracts(parsed.entries) }
}

const utf8 = new TextEncoder()

function encodeAbstracts(entries: readonly ImportedEntry[]): Slices {
  const offsets = new Uint32Array(entries.length + 1)
  // at most 3 bytes per UTF-16 unit; moved whole, so never copied to its used length
  const bytes = new Uint8Array(entries.reduce((sum, e) => sum + e.abstract.length * 3, 0))
  let at = 0
  entries.forEach((e, i) => {
    at += utf8.encodeInto(e.abstract, bytes.subarray(at)).written
    offsets[i + 1] = at
  })
  return { bytes, offsets }
}

function slices({ bytes, offsets }: Slices): Uint8Array[] {
  return Array.from({ length: offsets.length - 1 }, (_, i) => bytes.subarray(offsets[i], offsets[i + 1]))
}

function packEntryCounts(entries: readonly ImportedEntry[]): Slices {
  const offsets = new Uint32Array(entries.length + 1)
  let bytes = new Uint8Array(entries.length * 1024 + 1024)
  let at = 0
  entries.forEach((e, i) => {
    const packed = packPaperCounts(entryVectorText(e))
    if (at + packed.length > bytes.length) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, at + packed.length))
      grown.set(bytes.subarray(0, at))
      bytes = grown
    }
    bytes.set(packed, at)
    at += packed.length
    offsets[i + 1] = at
  })
  return { bytes: bytes.slice(0, at), offsets }
}

/** A file's entries' term counts as LaterCounts sends them, with the buffers it moves. */
export function laterCounts(seq: number, sha256: string, entries: readonly ImportedEntry[] | null): { reply: LaterCounts; transfer: ArrayBuffer[] } {
  const counts = entries ? packEntryCounts(entries) : null
  return { reply: { countsFor: seq, sha256, counts }, transfer: counts ? [counts.bytes.buffer as ArrayBuffer, counts.offsets.buffer as ArrayBuffer] : [] }
}

/** The counts of each entry, from LaterCounts (null: none came). */
export function unpackLaterCounts(reply: LaterCounts): Uint8Array[] | null {
  return reply.counts ? slices(reply.counts) : null
}

/** The buffers a reply moves to the other thread rather than copies. */
export function transferables({ file, counts, abstracts }: PackedParse): ArrayBuffer[] {
  return [file.lengths, file.numbers, ...(counts ? [counts.bytes, counts.offsets] : []), abstracts.bytes, abstracts.offsets].map(
    (array) => array.buffer as ArrayBuffer,
  )
}

export function unpackParse({ file, counts, abstracts }: PackedParse): ParsedImport & { ahead: EntriesAhead } {
  const { parsed, titleKeys, keyBases } = unpackFile(file)
  return { ...parsed, ahead: { titleKeys, keyBases, abstracts: slices(abstracts), ...(counts ? { counts: slices(counts) } : {}) } }
}
