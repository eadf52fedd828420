/**
 * A query word's alternatives: the word itself when the library has it, completions while it is
 * being typed, corrections when it is misspelt (looked up in the search index's vocabulary), and
 * the FTS expression that finds any of them.
 */
import type { TextTerm } from './query'
import { ftsString } from '../library/searchIndex/text'
import { MIN_CORRECTABLE } from '../library/searchIndex/vocabulary'
import type { SearchIndexStore } from '../library/searchIndex/searchIndexStore'

/** A known word this rare may itself be a typo found in some abstract: also try its corrections. */
const RARE = 2
/** Variants of a hyphenated word's phrase tried at most (the product of its parts' corrections). */
const MAX_VARIANTS = 6

export interface Group {
  term: TextTerm
  /** Index terms any of which satisfies this word; empty when nothing in the library matches it. */
  alternatives: string[]
  /** FTS expression, or null when the word matches nothing. */
  fts: string | null
  /** A hyphenated word with a misspelt part: the phrases searched for instead (each a list of terms). */
  variants?: string[][]
}

/**
 * A word's alternatives: itself if the library has it, completions while typing, corrections if
 * misspelt. `behind`: papers were written since the vocabulary last learned, so a word it does not
 * know is looked up in the FTS index itself, and completions come from there too.
 */
export function expand(index: SearchIndexStore, term: TextTerm, typing: boolean, behind: boolean): Group {
  if (term.compound) {
    const variants = compoundVariants(index, term.tokens, behind)
    if (variants) return { term, alternatives: [...new Set(variants.flat())], variants, fts: `(${variants.map((v) => ftsString(v.join(' '))).join(' OR ')})` }
  }
  if (term.kind === 'phrase') {
    // like a word, a phrase's last word is completed from 3 letters ("a* costs a scan of the index)
    const prefix = typing && term.open && term.tokens.at(-1)!.length >= 3 ? ' *' : ''
    return { term, alternatives: term.tokens, fts: ftsString(term.tokens.join(' ')) + prefix }
  }
  const word = term.tokens[0]!
  const docs = index.termDocs(word) || (behind ? index.indexDocs(word) : 0)
  const alternatives: string[] = docs > 0 ? [word] : []
  if (typing && word.length >= 3) {
    for (const c of index.completions(word, 8)) alternatives.push(c)
    if (behind) for (const c of index.indexCompletions(word, 8)) alternatives.push(c)
  }
  if (alternatives.length === 0 || (docs > 0 && docs <= RARE && word.length >= MIN_CORRECTABLE)) {
    for (const c of index.corrections(word, 3)) if (docs === 0 || c.docs >= 10 * docs) alternatives.push(c.term)
  }
  const unique = [...new Set(alternatives)]
  return { term, alternatives: unique, fts: unique.length ? `(${unique.map(ftsString).join(' OR ')})` : null }
}

/**
 * A hyphenated word ("SWE-Lancr") is a phrase of its parts; a part the library does not have (or has
 * very rarely) is corrected like a word, and the phrase is searched with each combination. Null
 * when every part is known as typed (search the phrase as it is).
 */
function compoundVariants(index: SearchIndexStore, tokens: readonly string[], behind: boolean): string[][] | null {
  let changed = false
  const options = tokens.map((tok) => {
    const docs = index.termDocs(tok) || (behind ? index.indexDocs(tok) : 0)
    if (tok.length < MIN_CORRECTABLE || (docs > RARE)) return [tok]
    const better = index.corrections(tok, 2).filter((c) => docs === 0 || c.docs >= 10 * docs).map((c) => c.term)
    if (better.length === 0) return [tok]
    changed = true
    return docs > 0 ? [tok, ...better] : better
  })
  if (!changed) return null
  let variants: string[][] = [[]]
  for (const opts of options) variants = variants.flatMap((v) => opts.map((o) => [...v, o])).slice(0, MAX_VARIANTS)
  return variants
}

/** The FTS expression excluding the query's negated words and phrases (null: none). */
export function notExpression(negative: readonly TextTerm[]): string | null {
  return negative.length ? negative.map((t) => ftsString(t.tokens.join(' '))).join(' OR ') : null
}
