/**
 * Was this paper's abstract cut short in the dump? The parser imports a last entry cut off
 * mid-abstract; such an entry has no metadata block (organisation or authors, date) and its abstract
 * stops without closing punctuation. The library keeps no flag for it, so both signs are required.
 */
export interface AbstractFacts {
  abstract: string
  org: unknown
  authorsCount: number | null
  publishedAt: string | null
}

const ENDS_A_SENTENCE = /[.!?…)\]}"'”’$:;]\s*$/

export function looksCutShort(p: AbstractFacts): boolean {
  const text = p.abstract.trim()
  if (text === '') return false
  return !ENDS_A_SENTENCE.test(text) && !p.org && !p.authorsCount && !p.publishedAt
}
