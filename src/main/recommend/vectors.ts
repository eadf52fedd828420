/**
 * Term counting for "For you" and "Similar papers": the text of a paper (title, abstract,
 * organisation) as unigram and bigram counts, keyed by a 32-bit hash of the term.
 *
 * What is stored per paper is only these raw counts (src/main/library/vectorStore.ts); idf, the
 * vocabulary cap and the l2 norm are applied when vectors are loaded (./matrix.ts), so importing more
 * papers never leaves stored weights stale, and importing in any order or batch size stores exactly
 * the same thing.
 */

/** English function words and the boilerplate of abstracts: dropped before bigrams are formed. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also although am an and any are as at be because been before being ' +
    'below between both but by can could did do does doing down during each either etc few for from further ' +
    'had has have having he her here hers herself him himself his how however i if in into is it its itself ' +
    'just may me might more most much must my myself no nor not now of off on once only or other our ours ' +
    'ourselves out over own per same she should since so some such than that the their theirs them themselves ' +
    'then there these they this those through thus to too under until up upon us very via was we were what ' +
    'when where whether which while who whom whose why will with within without would yet you your yours ' +
    'yourself yourselves one two three use used using based paper propose proposed present presents show ' +
    'shows shown results approach method methods new novel work also well significantly demonstrate ' +
    'achieve achieves including existing various however furthermore moreover recent recently first ' +
    'across enables enable code available https github com www'
  ).split(' '),
)

const FNV_BASIS = 0x811c9dc5

/**
 * What a UTF-16 code unit is: 1 a letter (ASCII letters and any Unicode letter or number but the
 * ASCII digits), 3 an ASCII digit or `_` (a word of only these is a number), 2 not part of a word,
 * 0 not known yet (filled in on first sight).
 */
const charClass = new Uint8Array(65536)
for (let c = 0; c < 128; c++) charClass[c] = /[a-z]/i.test(String.fromCharCode(c)) ? 1 : /[0-9_]/.test(String.fromCharCode(c)) ? 3 : 2
function classify(c: number): number {
  // lone surrogates (astral letters are rare in abstracts) are not word characters
  return (charClass[c] = c < 0xd800 || c > 0xdfff ? (/[\p{L}\p{N}]/u.test(String.fromCharCode(c)) ? 1 : 2) : 2)
}

/** FNV-1a, 32 bits: a word's id. Collisions at a library's scale (~10^6 terms) touch a few rare terms. */
export function termHash(term: string): number {
  let h = FNV_BASIS
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/**
 * The stop words' hashes in an open-addressing table of int32s: checked for nearly every word, and a
 * Set of numbers above 2^31 (half of all hashes) boxes each one it is asked about.
 */
const STOP_SLOTS = 1024
const stopKeys = new Int32Array(STOP_SLOTS)
const stopUsed = new Uint8Array(STOP_SLOTS)
const stopSlot = (h: number) => Math.imul(h, 0x9e3779b1) >>> 22
for (const w of STOP_WORDS) {
  const h = termHash(w) | 0
  let s = stopSlot(h)
  while (stopUsed[s] && stopKeys[s] !== h) s = (s + 1) & (STOP_SLOTS - 1)
  stopUsed[s] = 1
  stopKeys[s] = h
}
function isStopWord(h: number): boolean {
  for (let s = stopSlot(h); stopUsed[s]; s = (s + 1) & (STOP_SLOTS - 1)) if (stopKeys[s] === h) return true
  return false
}
const LONGEST_STOP_WORD = Math.max(...[...STOP_WORDS].map((w) => w.length))

/** A bigram's id, from its words' ids (so a bigram costs no string and no second pass over its text). */
export function bigramHash(first: number, second: number): number {
  return (Math.imul(first ^ (second >>> 7), 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) >>> 0
}

let wordHashes = new Uint32Array(4096)
let wordStarts = new Int32Array(4096)

/**
 * The words of a lower-cased text: two or more word characters (sklearn's default token), stop
 * words and numbers left out. Fills wordHashes (and wordStarts/ends when `positions`) and returns
 * how many; no string is built. With `from`, appends after the first `from` words (returns the new total).
 */
function scan(lower: string, ends?: number[], from = 0): number {
  const n = lower.length
  let count = from
  let i = 0
  while (i < n) {
    let c = lower.charCodeAt(i)
    let k = charClass[c]! || classify(c)
    if (k === 2) {
      i++
      continue
    }
    const start = i
    let h = FNV_BASIS
    let digits = 3 // stays 3 while every character is a digit or `_`
    for (;;) {
      digits &= k
      h = Math.imul(h ^ c, 0x01000193)
      if (++i === n) break
      c = lower.charCodeAt(i)
      k = charClass[c]! || classify(c)
      if (k === 2) break
    }
    // h stays an int32 (a Uint32Array stores it as its unsigned value)
    const length = i - start
    if (length < 2 || digits === 3 || (length <= LONGEST_STOP_WORD && isStopWord(h))) continue
    if (count === wordHashes.length) growWords(count * 2)
    wordHashes[count] = h
    wordStarts[count++] = start
    ends?.push(i)
  }
  return count
}

function growWords(size: number): void {
  const grown = new Uint32Array(size)
  grown.set(wordHashes)
  wordHashes = grown
  const starts = new Int32Array(size)
  starts.set(wordStarts)
  wordStarts = starts
}

/** Words of two or more letters or digits, lower-cased; stop words and numbers out. */
export function tokens(text: string): string[] {
  const lower = text.toLowerCase()
  const ends: number[] = []
  const n = scan(lower, ends)
  return Array.from({ length: n }, (_, i) => lower.slice(wordStarts[i], ends[i]))
}

/** The unigrams of a text, then its bigrams (adjacent words once stop words are out). */
export function terms(text: string): string[] {
  const words = tokens(text)
  const out = words.slice()
  for (let i = 1; i < words.length; i++) out.push(`${words[i - 1]} ${words[i]}`)
  return out
}

/** A term's id: termHash of a word, bigramHash of its two words' for a bigram. */
export function termId(term: string): number {
  const space = term.indexOf(' ')
  return space < 0 ? termHash(term) : bigramHash(termHash(term.slice(0, space)), termHash(term.slice(space + 1)))
}

/**
 * The organisation text a paper's vector reads, for a paper not read back from SQLite: what
 * `trim(coalesce(org_handle, '') || ' ' || coalesce(org_name, ''))` gives (SQLite's trim drops spaces only).
 */
export function orgText(handle: string | null, name: string | null): string {
  return `${handle ?? ''} ${name ?? ''}`.replace(/^ +| +$/g, '')
}

/** The text a paper's vector is built from. */
export function paperText(p: { title: string; abstract: string; org?: string | null }): string {
  // the title twice: it says what the paper is about more densely than any sentence of the abstract
  return `${p.title}\n${p.title}\n${p.abstract}\n${p.org ?? ''}`
}

/** Raw counts: term ids ascending, each with how often it occurs (capped at 255). */
export interface TermCounts {
  hashes: Uint32Array
  counts: Uint8Array
}

// Scratch space of the counting, reused from paper to paper (an import counts thousands in a row,
// and allocating per paper made the collector a third of the cost): an open-addressing table of
// the paper's terms (each slot holds the term's index among the distinct terms), its slots marked
// with the call's stamp so it never needs clearing; the distinct terms and their counts.
let slotKeys = new Uint32Array(4096)
let slotStamp = new Int32Array(4096)
let slotIndex = new Int32Array(4096)
let distinctTerms = new Uint32Array(2048)
let distinctCounts = new Uint8Array(2048)
let termsScratch = new Uint32Array(2048)
let countsScratch = new Uint8Array(2048)
let stamp = 0
const bucketStarts = new Int32Array((1 << 16) + 1)

/**
 * Sorts distinctTerms[0..n) ascending, carrying distinctCounts along: one counting pass on the top
 * bits (about as many buckets as terms, so each holds one or two), then an insertion sort that only
 * orders terms within a bucket. Twice as fast as four byte-wide radix passes for a paper's few
 * hundred terms, and no comparisons of boxed numbers above 2^31.
 */
function sortTerms(n: number): void {
  if (termsScratch.length < distinctTerms.length) {
    termsScratch = new Uint32Array(distinctTerms.length)
    countsScratch = new Uint8Array(distinctTerms.length)
  }
  let bits = 8
  while (bits < 16 && 1 << bits < n) bits++
  const shift = 32 - bits
  const buckets = bucketStarts.subarray(0, (1 << bits) + 1)
  buckets.fill(0)
  for (let i = 0; i < n; i++) buckets[(distinctTerms[i]! >>> shift) + 1]!++
  for (let b = 1; b < buckets.length; b++) buckets[b]! += buckets[b - 1]!
  for (let i = 0; i < n; i++) {
    const at = buckets[distinctTerms[i]! >>> shift]!++
    termsScratch[at] = distinctTerms[i]!
    countsScratch[at] = distinctCounts[i]!
  }
  for (let i = 1; i < n; i++) {
    const term = termsScratch[i]!
    const count = countsScratch[i]!
    let j = i - 1
    for (; j >= 0 && termsScratch[j]! > term; j--) {
      termsScratch[j + 1] = termsScratch[j]!
      countsScratch[j + 1] = countsScratch[j]!
    }
    termsScratch[j + 1] = term
    countsScratch[j + 1] = count
  }
  // the sorted arrays become distinctTerms and distinctCounts (the old ones, the next call's scratch)
  const terms = distinctTerms
  distinctTerms = termsScratch
  termsScratch = terms
  const counts = distinctCounts
  distinctCounts = countsScratch
  countsScratch = counts
}

/**
 * Counts the unigrams and bigrams of the n words in wordHashes: leaves the distinct term ids,
 * ascending, in distinctTerms and their counts (capped at 255) in distinctCounts; returns how many.
 */
function countWords(n: number): number {
  const total = n ? 2 * n - 1 : 0
  let bits = 10
  while (1 << bits < total * 2) bits++
  const size = 1 << bits
  if (slotKeys.length < size) {
    slotKeys = new Uint32Array(size)
    slotStamp = new Int32Array(size)
    slotIndex = new Int32Array(size)
  }
  if (distinctTerms.length < total) {
    distinctTerms = new Uint32Array(total)
    distinctCounts = new Uint8Array(total)
  }
  if (++stamp === 0x7fffffff) {
    slotStamp.fill(0)
    stamp = 1
  }
  const mask = size - 1
  const shift = 32 - bits
  let distinct = 0
  for (let t = 0; t < total; t++) {
    const h = t < n ? wordHashes[t]! : bigramHash(wordHashes[t - n]!, wordHashes[t - n + 1]!)
    let s = Math.imul(h, 0x9e3779b1) >>> shift
    while (slotStamp[s] === stamp && slotKeys[s] !== h) s = (s + 1) & mask
    if (slotStamp[s] === stamp) {
      const d = slotIndex[s]!
      if (distinctCounts[d]! < 255) distinctCounts[d]!++
    } else {
      slotStamp[s] = stamp
      slotKeys[s] = h
      slotIndex[s] = distinct
      distinctCounts[distinct] = 1
      distinctTerms[distinct++] = h
    }
  }
  sortTerms(distinct)
  return distinct
}

function copyCounts(distinct: number): TermCounts {
  return { hashes: distinctTerms.slice(0, distinct), counts: distinctCounts.slice(0, distinct) }
}

/** The counts of terms(text), keyed by termId, computed without building the terms. */
export function countTerms(text: string): TermCounts {
  return copyCounts(countWords(scan(text.toLowerCase())))
}

/** The words of paperText(p) in wordHashes, without building that text (its fields scanned one by one). */
function scanPaper(p: { title: string; abstract: string; org?: string | null }): number {
  // the fields are joined by line breaks, which no word spans: their words simply follow each other
  const title = scan(p.title.toLowerCase())
  if (wordHashes.length < 2 * title) growWords(2 * title)
  wordHashes.copyWithin(title, 0, title) // the title a second time
  let n = scan(p.abstract.toLowerCase(), undefined, 2 * title)
  if (p.org) n = scan(p.org.toLowerCase(), undefined, n)
  return n
}

/** countTerms(paperText(p)), without building the text. */
export function paperCounts(p: { title: string; abstract: string; org?: string | null }): TermCounts {
  return copyCounts(countWords(scanPaper(p)))
}

let packed = Buffer.alloc(8192)

/**
 * packCounts(paperCounts(p)), written into a buffer reused by the next call: for a caller that
 * hands it straight to SQLite (which copies it), so an import of thousands of papers allocates
 * nothing per paper.
 */
export function packPaperCounts(p: { title: string; abstract: string; org?: string | null }): Buffer {
  if (!LITTLE_ENDIAN) throw new Error('term vectors need a little-endian machine')
  const distinct = countWords(scanPaper(p))
  if (packed.length < distinct * 5) packed = Buffer.alloc(distinct * 10)
  packed.set(new Uint8Array(distinctTerms.buffer, 0, distinct * 4), 0)
  packed.set(distinctCounts.subarray(0, distinct), distinct * 4)
  return packed.subarray(0, distinct * 5)
}

/** Which terms of a text have these hashes (to name a vector's heaviest terms). */
export function nameTerms(text: string): Map<number, string> {
  const names = new Map<number, string>()
  for (const t of terms(text)) names.set(termId(t), t)
  return names
}

/**
 * Packs counts for SQLite: the hashes as little-endian 32-bit words, then one count byte per hash
 * (5 bytes a term). Typed arrays use the machine's byte order; every platform Margin ships on is
 * little-endian, and the check below keeps a big-endian one from writing rows others misread.
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

export function packCounts({ hashes, counts }: TermCounts): Buffer {
  if (!LITTLE_ENDIAN) throw new Error('term vectors need a little-endian machine')
  const buf = Buffer.allocUnsafe(hashes.length * 5)
  buf.set(new Uint8Array(hashes.buffer, hashes.byteOffset, hashes.length * 4), 0)
  buf.set(counts, hashes.length * 4)
  return buf
}

export function unpackCounts(buf: Uint8Array): TermCounts {
  if (!LITTLE_ENDIAN) throw new Error('term vectors need a little-endian machine')
  const n = Math.floor(buf.length / 5)
  // a view on the blob when it is aligned (SQLite's blobs come in buffers of their own): no copy
  if (buf.byteOffset % 4 === 0) return { hashes: new Uint32Array(buf.buffer, buf.byteOffset, n), counts: buf.subarray(n * 4, n * 5) }
  const hashes = new Uint32Array(n)
  new Uint8Array(hashes.buffer).set(buf.subarray(0, n * 4))
  return { hashes, counts: buf.slice(n * 4, n * 5) }
}
