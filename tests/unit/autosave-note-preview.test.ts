/**
 * The note preview's plan (src/renderer/src/lib/note-blocks.ts): cutting a note into blocks renders
 * exactly what the whole note renders, and a note over the limits is shown as its text.
 */
import { createElement, Fragment } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import ReactMarkdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import { describe, expect, it } from 'vitest'
import { PREVIEW_LIMITS, countFormulas, planPreview, splitBlocks } from '../../src/renderer/src/lib/note-blocks'

const render = (source: string) => renderToStaticMarkup(createElement(ReactMarkdown, { remarkPlugins: [remarkGfm, remarkMath], skipHtml: true }, source))
const renderBlocks = (blocks: string[]) => renderToStaticMarkup(createElement(Fragment, null, ...blocks.map((b) => createElement(ReactMarkdown, { key: b, remarkPlugins: [remarkGfm, remarkMath], skipHtml: true }, b))))

const NOTE = [
  '# Reading notes',
  '',
  'Key idea: **dynamic** affinities, cost $O(n^2)$ per step.',
  '',
  '- a tight list',
  '- of two items',
  '',
  '1. a loose list',
  '',
  '   with a second paragraph',
  '',
  '2. and a second item',
  '',
  '```python',
  'def f(x):',
  '',
  '    return x  # a blank line inside the fence',
  '```',
  '',
  '$$',
  '\\int_0^1 f(x)\\,dx',
  '',
  '= 1',
  '$$',
  '',
  '> a quote',
  '> on two lines',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  '    indented code',
  '',
  '    after a blank line',
  '',
  'The end.',
].join('\n')

describe('splitBlocks', () => {
  it('cuts at blank lines but keeps fences, $$ math, loose lists and indented code whole', () => {
    const blocks = splitBlocks(NOTE)
    expect(blocks.slice(0, 2)).toEqual(['# Reading notes\n', 'Key idea: **dynamic** affinities, cost $O(n^2)$ per step.\n'])
    expect(blocks.at(-1)).toBe('The end.')
    expect(blocks.find((b) => b.startsWith('```'))).toBe('```python\ndef f(x):\n\n    return x  # a blank line inside the fence\n```\n')
    expect(blocks.find((b) => b.startsWith('$$'))).toContain('= 1\n$$')
    expect(blocks.find((b) => b.includes('1. a loose list'))).toContain('2. and a second item')
    expect(blocks.find((b) => b.includes('    indented code'))).toContain('after a blank line')
  })

  it('renders exactly what the whole note renders', () => {
    // (the whole note has a line break between its top-level elements; the blocks do not)
    const flat = (html: string) => html.replace(/>\n</g, '><')
    expect(flat(renderBlocks(splitBlocks(NOTE)))).toBe(flat(render(NOTE)))
  })

  it('does not cut a note with link definitions or footnotes (other blocks refer to them)', () => {
    const note = 'See [the paper][p] and a note[^1].\n\n[p]: https://example.org\n\n[^1]: the footnote'
    expect(splitBlocks(note)).toEqual([note])
  })
})

describe('planPreview', () => {
  it('typesets a note under the limits, block by block', () => {
    const plan = planPreview(NOTE)
    expect(plan.kind).toBe('markdown')
  })

  it('shows a note over 100 KB as its text, in chunks that add up to it, with the reason', () => {
    const big = 'A line of a long note with $x^2$ in it.\n'.repeat(3000)
    expect(big.length).toBeGreaterThan(PREVIEW_LIMITS.noteChars)
    const plan = planPreview(big)
    expect(plan.kind).toBe('source')
    if (plan.kind !== 'source') return
    expect(plan.reason).toBe('This note is too long to typeset (120 KB; the preview typesets notes up to 100 KB), so here is its text.')
    expect(plan.chunks.join('')).toBe(big)
    expect(plan.chunks.length).toBeGreaterThan(1)
    // chunks end at line breaks
    for (const c of plan.chunks) expect(c.endsWith('\n')).toBe(true)
  })

  it('shows a note with too many formulas as its text', () => {
    const many = Array.from({ length: 1200 }, (_, i) => `$x_{${i}}$`).join(' ')
    expect(many.length).toBeLessThan(PREVIEW_LIMITS.noteChars)
    expect(countFormulas(many)).toBe(1200)
    const plan = planPreview(many)
    expect(plan.kind === 'source' && plan.reason).toBe('This note has too many formulas to typeset (1,200; the preview typesets up to 1,000), so here is its text.')
  })
})
