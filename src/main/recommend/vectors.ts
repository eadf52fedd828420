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

/** Whether a UTF-16 code unit is part of a word: ASCII letters, digits, `_`, and any Unicode letter or number. */
const wordChar = new Uint8Array(65536) // 0: not known yet, 1: word, 2: not
for (let c = 0; c < 128; c++) wordChar[c] = /[a-z0-9_]/i.test(String.fromCharCode(c)) ? 1 : 2
function isWordChar(c: number): boolean {
  let k = wordChar[c]!
  // lone surrogates (astral letters are rare in abstracts) are not word characters
  if (k === 0) wordChar[c] = k = c < 0xd800 || c > 0xdfff ? (/[\p{L}\p{N}]/u.test(String.fromCharCode(c)) ? 1 : 2) : 2
  return k === 1
}

/** FNV-1a, 32 bits: a word's id. Collisions at a library's scale (~10^6 terms) touch a few rare terms. */
export function termHash(term: string): number {
  let h = FNV_BASIS
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193)
  return h >>> 0
}

const STOP_HASHES = new Set([...STOP_WORDS].map(termHash))

/** A bigram's id, from its words' ids (so a bigram costs no string and no second pass over its text). */
export function bigramHash(first: number, second: number): number {
  return (Math.imul(first ^ (second >>> 7), 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) >>> 0
}

let wordHashes = new Uint32Array(4096)
let wordStarts = new Int32Array(4096)

/**
 * The words of a lower-cased text: two or more word characters (sklearn's default token), stop
 * words and numbers left out. Fills wordHashes (and wordStarts/ends when `positions`) and returns
 * how many; no string is built.
 */
function scan(lower: string, ends?: number[]): number {
  const n = lower.length
  let count = 0
  let i = 0
  while (i < n) {
    if (!isWordChar(lower.charCodeAt(i))) {
      i++
      continue
    }
    const start = i
    let h = FNV_BASIS
    let number = true
    for (; i < n; i++) {
      const c = lower.charCodeAt(i)
      if (!isWordChar(c)) break
      if (number && !((c >= 48 && c <= 57) || c === 95)) number = false
      h = Math.imul(h ^ c, 0x01000193)
    }
    h >>>= 0
    if (i - start < 2 || number || STOP_HASHES.has(h)) continue
    if (count === wordHashes.length) {
      const grown = new Uint32Array(count * 2)
      grown.set(wordHashes)
      wordHashes = grown
      const starts = new Int32Array(count * 2)
      starts.set(wordStarts)
      wordStarts = starts
    }
    wordHashes[count] = h
    wordStarts[count++] = start
    ends?.push(i)
  }
  return count
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

/** The counts of terms(text), keyed by termId, computed without building the terms. */
export function countTerms(text: string): TermCounts {
  const n = scan(text.toLowerCase())
  const all = new Uint32Array(n ? 2 * n - 1 : 0)
  all.set(wordHashes.subarray(0, n))
  for (let w = 1; w < n; w++) all[n + w - 1] = bigramHash(wordHashes[w - 1]!, wordHashes[w]!)
  all.sort()
  let distinct = 0
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) distinct++
  const hashes = new Uint32Array(distinct)
  const counts = new Uint8Array(distinct)
  let k = -1
  for (let i = 0; i < all.length; i++) {
    if (i === 0 || all[i] !== all[i - 1]) hashes[++k] = all[i]!
    if (counts[k]! < 255) counts[k]!++
  }
  return { hashes, counts }
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
