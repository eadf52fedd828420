import { describe, expect, it } from 'vitest'
import { abstractToSegments } from '../../src/renderer/src/lib/latex'

const math = (source: string) => abstractToSegments(source).filter((s) => s.kind === 'math').map((s) => (s.kind === 'math' ? [s.tex, s.display] : null))

describe('math that lost its markers', () => {
  it('typesets LaTeX-only names, glued names and _/^ groups', () => {
    expect(math('the loss mathcal O_i is bounded')).toEqual([['\\mathcal{O}_i', false]])
    expect(math('we apply sigmaleft(Wx right) to it')).toEqual([['\\sigma', false]])
    expect(math('with x_t and n^2 steps, an epsilon_{t} bound')).toEqual([['x_t', false], ['n^2', false], ['\\epsilon_{t}', false]])
    expect(math('a varepsilon-greedy policy')).toEqual([['\\varepsilon', false]])
  })

  it('leaves English, identifiers, prices and marked math alone', () => {
    expect(math('the alpha version of beta testing went into production')).toEqual([])
    expect(math('the gpt_4o model and snake_case names')).toEqual([])
    expect(math('a cost of $5 and $10')).toEqual([])
    expect(math('marked $\\mathcal{O}(n)$ stays one piece')).toEqual([['\\mathcal{O}(n)', false]])
  })

  it('reads $$…$$ on one line as display math', () => {
    expect(math('so $$x^2 + y^2 = z^2$$ holds')).toEqual([['x^2 + y^2 = z^2', true]])
  })
})
