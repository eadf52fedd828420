import { describe, expect, it } from 'vitest'
import { abstractToSegments, decodeTextCommands, splitLinks, splitMath, toPlainText } from '../../src/renderer/src/lib/latex'
import { dumpText } from '../helpers/fixtures'

describe('abstract LaTeX made readable', () => {
  it('turns {\\it viz} into italics, as in the shared dump', () => {
    const abstract = dumpText(0).split('\n').find((l) => l.includes('{\\it viz}'))!
    const segments = abstractToSegments(abstract)
    expect(segments).toContainEqual({ kind: 'text', text: 'viz', style: 'italic' })
    expect(toPlainText(abstract)).toContain('sensitive periods, viz the transition period')
    expect(toPlainText(abstract)).not.toMatch(/[{}\\]/)
  })

  it('decodes escapes and accents to letters', () => {
    expect(decodeTextCommands('a 50\\% gain \\& more')).toBe('a 50% gain & more')
    expect(decodeTextCommands('na\\"ively')).toBe('naïvely')
    expect(decodeTextCommands('na\\"{i}ve, caf\\\'e, {\\"o}, \\"{\\i}, Erd\\H{o}s, \\c{c}a, Stra\\ss e')).toBe(
      'naïve, café, ö, ï, Erdős, ça, Straße',
    )
    expect(decodeTextCommands("``quoted'' text --- yes, pages 3--5, Fig.~2")).toBe('“quoted” text — yes, pages 3–5, Fig.\u00A02')
  })

  it('finds inline and display math, but not prices', () => {
    expect(splitMath('error $O(n^2)$ drops')).toEqual([
      { kind: 'text', text: 'error ' },
      { kind: 'math', tex: 'O(n^2)', display: false },
      { kind: 'text', text: ' drops' },
    ])
    expect(splitMath('costs $5 and $10 today')).toEqual([{ kind: 'text', text: 'costs $5 and $10 today' }])
    expect(splitMath('$$\\sum_i x_i$$ and \\(a+b\\)').filter((s) => s.kind === 'math')).toEqual([
      { kind: 'math', tex: '\\sum_i x_i', display: true },
      { kind: 'math', tex: 'a+b', display: false },
    ])
    expect(abstractToSegments('we pay \\$5 for $k$-NN')).toEqual([
      { kind: 'text', text: 'we pay $5 for ' },
      { kind: 'math', tex: 'k', display: false },
      { kind: 'text', text: '-NN' },
    ])
  })

  it('links URLs without their trailing punctuation', () => {
    const segments = splitLinks('Code is available at https://github.com/dyballa/dynamic-connectomes.')
    expect(segments).toEqual([
      { kind: 'text', text: 'Code is available at ' },
      { kind: 'link', url: 'https://github.com/dyballa/dynamic-connectomes', text: 'https://github.com/dyballa/dynamic-connectomes' },
      { kind: 'text', text: '.' },
    ])
    expect(splitLinks('(see https://en.wikipedia.org/wiki/Foo_(bar)).')[1]).toMatchObject({ url: 'https://en.wikipedia.org/wiki/Foo_(bar)' })
    expect(splitLinks('at https://host/~user/x_y$z, ok')[1]).toMatchObject({ url: 'https://host/~user/x_y$z' })
  })

  it('never yields markup: HTML in the source stays text', () => {
    const segments = abstractToSegments('<img src=x onerror=alert(1)> and <b>bold</b>')
    expect(segments).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)> and <b>bold</b>' }])
  })
})
