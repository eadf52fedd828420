/**
 * A paper's citation-key base, the key before deduplication (./citationKeys.ts): lower-case ASCII
 * from the organisation handle, the year and the first significant title word. Apart from the rest
 * of the keys so the parsing thread can work bases out ahead: a letter that only its LaTeX macro's
 * name spells in ASCII (ß → ss, ø → o, α → alpha) needs unicode2latex, ~85 ms of that thread's
 * start, so there such a base is left unknown (null) and worked out by the import's thread.
 */

/**
 * Words skipped when looking for the first significant title word (compared lower-case). Only new
 * keys use it: keys are stored when a paper arrives, so adding a word never changes a key.
 */
export const STOP_WORDS = new Set([
  'a', 'an', 'the', 'on', 'of', 'towards', 'toward', 'to', 'for', 'in', 'into', 'onto', 'and', 'or', 'nor', 'but',
  'with', 'within', 'without', 'from', 'by', 'via', 'at', 'as', 'about', 'over', 'under', 'beyond', 'through',
  'between', 'among', 'against', 'across', 'upon', 'is', 'are', 'be', 'do', 'does', 'can', 'we', 'our', 'its',
  'it', 'this', 'that', 'these', 'those', 'vs', 'versus', 'not',
  // questions and auxiliaries open many titles ("How Far Can…", "What Matters in…", "When Do…")
  'how', 'what', 'why', 'when', 'where', 'which', 'who', 'whom', 'whose', 'whether', 'was', 'were', 'been', 'being',
  'has', 'have', 'had', 'did', 'done', 'should', 'could', 'would', 'will', 'shall', 'may', 'might', 'must', 'if',
  'than', 'so', 'you', 'your', 'i', 'my', 'they', 'their', 'them', 'he', 'she', 'his', 'her', 'us',
])

export const MAX_KEY_LENGTH = 64

export interface KeySource {
  title: string
  orgHandle: string | null
  publishedAt: string | null
  firstSeen: string
}

/** The ASCII name of a letter without an ASCII decomposition ('' when it has none), or null when it cannot be told. */
export type NameLetter = (ch: string) => string | null

/**
 * One character as ASCII letters/digits: accents are stripped (ü → u), letters without a
 * decomposition are named by `name`, and anything else (punctuation, symbols) gives ''.
 */
function asciiOf(ch: string, name: NameLetter): string | null {
  if (/^[A-Za-z0-9]$/.test(ch)) return ch
  if (!/^[\p{L}\p{N}]$/u.test(ch)) return ''
  const stripped = ch.normalize('NFKD').replace(/\p{M}/gu, '')
  if (/^[A-Za-z0-9]+$/.test(stripped)) return stripped
  return name(ch)
}

/** ASCII transliteration of a word, keeping letters and digits only (null: a letter `name` could not tell). */
export function asciiWordWith(word: string, name: NameLetter): string | null {
  // nearly every word is printable ASCII already: its letters and digits, without a lookup per character
  if (/^[ -~]*$/.test(word)) return word.replace(/[^A-Za-z0-9]+/g, '')
  let out = ''
  for (const ch of word.normalize('NFC')) {
    const ascii = asciiOf(ch, name)
    if (ascii === null) return null
    out += ascii
  }
  return out
}

/** The first title word that is not a stop word, as lower-case ASCII ('' when there is none; null: unknown). */
export function firstSignificantWordWith(title: string, name: NameLetter): string | null {
  for (const raw of title.split(/[\s\u2010-\u2015/]+/u)) {
    const word = asciiWordWith(raw, name)?.toLowerCase()
    if (word === undefined) return null
    if (word && !STOP_WORDS.has(word)) return word
  }
  return ''
}

/** The key before deduplication (null: a letter `name` could not tell). */
export function keyBaseWith(p: KeySource, name: NameLetter): string | null {
  const year = (p.publishedAt ?? p.firstSeen).slice(0, 4)
  const word = firstSignificantWordWith(p.title, name)
  const org = p.orgHandle ? asciiWordWith(p.orgHandle, name)?.toLowerCase() : ''
  if (word === null || org === undefined) return null
  return (org ? `${org}${year}${word || 'paper'}` : `${word || 'paper'}${year}`).slice(0, MAX_KEY_LENGTH - 3)
}
