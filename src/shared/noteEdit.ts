/**
 * A note's change as one edit (pure: the renderer computes it, the library applies it).
 */

/** `from`…`to` (UTF-16 offsets in the text before) replaced by `insert`. */
export interface NoteEdit {
  from: number
  to: number
  insert: string
}

/**
 * The one edit that turns `before` into `after`: their common start and end kept, the middle
 * replaced. Linear in the text's length, but compared 4 KB at a time: about a millisecond a megabyte.
 */
export function diffNotes(before: string, after: string): NoteEdit {
  const max = Math.min(before.length, after.length)
  // whole blocks first (a string comparison runs in native code), then character by character
  let start = 0
  while (start + BLOCK <= max && before.slice(start, start + BLOCK) === after.slice(start, start + BLOCK)) start += BLOCK
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++
  let end = 0
  const tail = (s: string, n: number) => s.slice(s.length - n - BLOCK, s.length - n)
  while (end + BLOCK <= max - start && tail(before, end) === tail(after, end)) end += BLOCK
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++
  // never cut a surrogate pair in two
  if (start > 0 && isHighSurrogate(after.charCodeAt(start - 1))) start--
  if (end > 0 && isLowSurrogate(after.charCodeAt(after.length - end))) end--
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) }
}

const BLOCK = 4096
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff
