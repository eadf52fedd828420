/** Search ranking and typo tolerance on the three shared dumps (105 papers), as a user types them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Library } from '../../src/main/library/library'
import { searchPapers } from '../../src/main/search'
import { dumpLibrary } from '../helpers/library'

let lib: Library
const titleOf = (id: number) => lib.getPaper(id)!.title
/** Titles of the results, best first. A trailing space: the query is complete, not being typed. */
const titles = (q: string, limit = 10) => searchPapers(lib, q, { limit }).results.map((r) => titleOf(r.id))
const first = (q: string) => titles(q, 1)[0]

beforeAll(() => {
  lib = dumpLibrary()
})
afterAll(() => lib.close())

describe('named queries put the named paper first', () => {
  it.each([
    ['neural representation benchmark', 'The Neural Representation Benchmark and its Evaluation on Brain and Machine'],
    ['transformer brain encoders', 'Transformer brain encoders explain human high-level visual responses'],
    ['functional connectome', 'Learning dynamic representations of the functional connectome in neurobiological networks'],
    ['swift fmri', 'SwiFT: Swin 4D fMRI Transformer'],
    ['deep learning spiking neural networks', 'Deep Learning in Spiking Neural Networks'],
    ['hippocampus memory model', 'Bio-inspired computational memory model of the Hippocampus: an approach to a neuromorphic spike-based Content-Addressable Memory'],
    ['mindbridge', 'MindBridge: A Cross-Subject Brain Decoding Framework'],
    ['sparse autoencoders attention', 'Interpreting Attention Layer Outputs with Sparse Autoencoders'],
  ])('%s', (q, title) => {
    expect(first(`${q} `)).toBe(title)
  })
})

describe('typos', () => {
  it('transfomer finds Transformer papers', () => {
    const top = titles('transfomer ', 5)
    expect(top).toHaveLength(5)
    for (const t of top) expect(t.toLowerCase()).toContain('transformer')
  })

  it('spikng neurons finds the spiking-neuron papers, the one with both in its title first', () => {
    const top = titles('spikng neurons ', 5)
    expect(top[0]).toBe('Learning heterogeneous delays in a layer of spiking neurons for fast motion detection')
    for (const t of top.slice(0, 4)) expect(t.toLowerCase()).toMatch(/spiking/)
  })

  it.each([
    ['hipocampus', 'Bio-inspired computational memory model of the Hippocampus'],
    ['conectome dynamic', 'Learning dynamic representations of the functional connectome'],
    ['magnetoencephalgraphy', 'MEG-GPT: A transformer-based foundation model for magnetoencephalography data'],
    ['astroycte spiking', 'Astrocyte-Enabled Advancements in Spiking Neural Networks'],
    ['homeostatic nueral networks', 'Need is All You Need: Homeostatic Neural Networks Adapt to Concept Shift'],
  ])('%s', (q, title) => {
    expect(first(`${q} `)).toContain(title)
  })

  it('reports what a misspelt word was searched as', () => {
    const r = searchPapers(lib, 'spikng neurons ')
    expect(r.corrections).toEqual([{ word: 'spikng', terms: ['spiking'] }])
    expect(r.results[0]!.highlights).toEqual(expect.arrayContaining(['spiking', 'neurons']))
  })

  it('does not correct words the library knows', () => {
    expect(searchPapers(lib, 'brain ').corrections).toEqual([])
  })
})

describe('ranking', () => {
  it('puts papers matching all the words before papers matching some', () => {
    const r = searchPapers(lib, 'spiking transformer ', { limit: 200 })
    const both = r.results.filter((h) => h.score >= 0.6)
    const texts = (id: number) => {
      const p = lib.getPaper(id)!
      return `${p.title} ${p.abstract}`.toLowerCase()
    }
    // every "all words" paper really has both, and none comes after a paper missing one
    let seenPartial = false
    for (const h of r.results) {
      const t = texts(h.id)
      const all = t.includes('spiking') && /transformer/.test(t)
      if (!all) seenPartial = true
      else expect(seenPartial).toBe(false)
    }
    expect(both.length).toBeGreaterThan(0)
    expect(r.results.length).toBeGreaterThan(both.length)
  })

  it('ranks a title match above an abstract-only match', () => {
    const r = searchPapers(lib, 'hippocampus ', { limit: 50 })
    const ids = r.results.map((h) => h.id)
    const inTitle = ids.filter((id) => /hippocampus/i.test(titleOf(id)))
    const abstractOnly = ids.filter((id) => !/hippocampus/i.test(titleOf(id)))
    expect(inTitle.length).toBeGreaterThan(0)
    expect(abstractOnly.length).toBeGreaterThan(0)
    expect(Math.max(...inTitle.map((id) => ids.indexOf(id)))).toBeLessThan(Math.min(...abstractOnly.map((id) => ids.indexOf(id))))
  })

  it('scores are between 0 and 1 and sorted, for two words and for many', () => {
    for (const q of ['visual cortex ', 'spiking neural networks with heterogeneous synaptic delays for event cameras and motion detection ']) {
      const scores = searchPapers(lib, q, { limit: 100 }).results.map((h) => h.score)
      expect(scores.length).toBeGreaterThan(5)
      for (const s of scores) expect(s).toBeGreaterThanOrEqual(0)
      for (const s of scores) expect(s).toBeLessThanOrEqual(1)
      expect([...scores].sort((a, b) => b - a), q).toEqual(scores)
    }
  })

  it('completes the word being typed', () => {
    expect(titles('hippoc', 1)[0]).toMatch(/Hippocampus/)
    expect(titles('magnetoenc', 1)[0]).toMatch(/magnetoencephalography/)
  })

  it('matches exact phrases only in order', () => {
    const r = titles('"spiking neurons" ', 50)
    expect(r).toContain('Learning heterogeneous delays in a layer of spiking neurons for fast motion detection')
    for (const id of searchPapers(lib, '"spiking neurons" ', { limit: 50 }).results.map((h) => h.id)) {
      const p = lib.getPaper(id)!
      expect(`${p.title} ${p.abstract}`.toLowerCase().replace(/[^a-z0-9]+/g, ' ')).toContain('spiking neurons')
    }
    // the words in the other order are not the phrase
    expect(searchPapers(lib, '"neurons spiking" ').results).toEqual([])
  })

  it('finds nothing for gibberish, without errors', () => {
    const r = searchPapers(lib, 'qwxzvbnm ')
    expect(r.results).toEqual([])
    expect(r.errors).toEqual([])
  })

  it('an empty query returns nothing', () => {
    expect(searchPapers(lib, '   ').results).toEqual([])
  })
})
