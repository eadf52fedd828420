/**
 * Where to highlight a search's terms in a text. The terms are index terms (case-folded, accents
 * removed, as src/main/library/searchIndex/text.ts makes them) and each marks every word that starts with it:
 * "net" marks "Networks" but not the "net" inside "Magnetoencephalography" or "Internet".
 */

const WORD_CHAR = /[\p{L}\p{N}]/u
const MARKS = /\p{M}+/gu

/** The text folded as the index folds it, and for each folded character the source index it came from. */
function foldWithMap(text: string): { folded: string; from: number[] } {
  let folded = ''
  const from: number[] = []
  let i = 0
  for (const ch of text) {
    // eslint-disable-next-line no-control-regex
    const f = /^[\x00-\x7f]$/.test(ch) ? ch.toLowerCase() : ch.normalize('NFKD').replace(MARKS, '').toLowerCase()
    for (let k = 0; k < f.length; k++) from.push(i)
    folded += f
    i += ch.length
  }
  from.push(text.length)
  return { folded, from }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Half-open [start, end) ranges of `text` to mark, in order, not overlapping. */
export function highlightRanges(text: string, terms: readonly string[] | undefined): [number, number][] {
  const clean = [...new Set((terms ?? []).map((t) => t.trim().toLowerCase()).filter((t) => t.length > 1))]
  if (clean.length === 0 || text === '') return []
  // longest first, so a completed word is preferred to the prefix typed so far
  clean.sort((a, b) => b.length - a.length)
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${clean.map(escapeRe).join('|')})[\\p{L}\\p{N}]*`, 'gu')
  const { folded, from } = foldWithMap(text)
  const ranges: [number, number][] = []
  for (const m of folded.matchAll(re)) {
    // a match must start where a source character starts ("½" folds to "1⁄2": not a word "2")
    if (m.index > 0 && from[m.index - 1] === from[m.index]) continue
    const start = from[m.index]!
    let end = from[m.index + m[0].length]!
    // …and end after one: a match inside a single source character ("⒑" is "10.") marks it whole
    if (end <= start) end = start + (text.codePointAt(start)! > 0xffff ? 2 : 1)
    // a folded character may stand for several source ones (a letter and its accent): take them all
    while (end < text.length && !WORD_CHAR.test(text[end]!) && /\p{M}/u.test(text[end]!)) end++
    ranges.push([start, end])
  }
  return ranges
}
