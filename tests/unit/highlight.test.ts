/** Highlighting search terms in titles and abstracts (src/renderer/src/lib/highlight.ts). */
import { describe, expect, it } from 'vitest'
import { highlightRanges } from '../../src/renderer/src/lib/highlight'

const marked = (text: string, terms: string[]) => highlightRanges(text, terms).map(([s, e]) => text.slice(s, e))

describe('highlightRanges', () => {
  it('marks whole words that start with a term, never the middle of a word', () => {
    const text = 'Magnetoencephalography networks on the Internet: Net gains'
    expect(marked(text, ['net'])).toEqual(['networks', 'Net'])
  })

  it('marks the completed word, not just the prefix typed so far', () => {
    expect(marked('Transformers for Transformed data', ['transf', 'transformer'])).toEqual(['Transformers', 'Transformed'])
  })

  it('ignores case and accents, in composed and decomposed text', () => {
    expect(marked('Une Étude of naïve models', ['etude', 'naive'])).toEqual(['Étude', 'naïve'])
    const decomposed = 'E\u0301tude'
    expect(highlightRanges(decomposed, ['etude'])).toEqual([[0, decomposed.length]])
  })

  it('treats terms as text, not as regular expressions', () => {
    // a "." in a term is a dot, not any character
    expect(marked('xay or x.y', ['x.y'])).toEqual(['x.y'])
  })

  it('marks nothing without terms or with one-letter terms', () => {
    expect(highlightRanges('a b c', [])).toEqual([])
    expect(highlightRanges('a b c', undefined)).toEqual([])
    expect(highlightRanges('a b c', ['a'])).toEqual([])
  })
})

describe('highlightRanges on characters that fold to several', () => {
  it('never starts a mark inside one source character, and never marks nothing', () => {
    expect(marked('½x and 2x', ['2x'])).toEqual(['2x'])
    expect(marked('⒑ items', ['10'])).toEqual(['⒑'])
    expect(marked('ﬁnding ﬁsh', ['finding'])).toEqual(['ﬁnding'])
  })
})
