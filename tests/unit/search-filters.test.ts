/** The query language: filters, exclusions, filter-only queries and errors, on the shared dumps. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Library } from '../../src/main/library/library'
import { addTags, parseQuery, searchPapers, smartFeed } from '../../src/main/search'
import { dumpLibrary } from '../helpers/library'

let lib: Library
const ids = (q: string) => searchPapers(lib, q, { limit: 1000 }).results.map((r) => r.id)
const sqlIds = (where: string) =>
  lib.db.prepare(`SELECT id FROM papers p WHERE ${where} ORDER BY id`).pluck().all() as number[]
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)
const idOf = (title: string) => lib.db.prepare('SELECT id FROM papers WHERE title LIKE ?').pluck().get(`${title}%`) as number

beforeAll(() => {
  lib = dumpLibrary()
  lib.setRead([1, 2, 3, 26, 60], true)
  lib.setStarred([2, 26, 92], true)
  lib.setNote(4, 'Compare with **V4** results')
  addTags(lib, 26, ['snn', 'to-cite'])
  addTags(lib, 60, ['snn'])
})
afterAll(() => lib.close())

describe('filter-only queries list everything that matches, newest first', () => {
  it('is:unread / is:read / is:starred / is:unstarred', () => {
    expect(sorted(ids('is:unread'))).toEqual(sqlIds('read = 0'))
    expect(sorted(ids('is:read'))).toEqual([1, 2, 3, 26, 60])
    expect(sorted(ids('is:starred'))).toEqual([2, 26, 92])
    expect(ids('is:unstarred')).toHaveLength(102)
    expect(searchPapers(lib, 'is:unread').total).toBe(100)
  })

  it('has:note and has:tags', () => {
    expect(ids('has:note')).toEqual([4])
    expect(sorted(ids('has:tags'))).toEqual([26, 60])
  })

  it('org: by handle or name, case-insensitive', () => {
    expect(ids('org:openbmb')).toEqual([103])
    expect(ids('org:OpenBMB')).toEqual([103])
    expect(ids('org:nobody')).toEqual([])
  })

  it('tag:', () => {
    expect(sorted(ids('tag:snn'))).toEqual([26, 60])
    expect(ids('tag:to-cite')).toEqual([26])
  })

  it('year: with =, >=, <=, >, <', () => {
    const y = "coalesce(published_at, first_seen)"
    expect(sorted(ids('year:2024'))).toEqual(sqlIds(`${y} LIKE '2024-%'`))
    expect(sorted(ids('year:>=2025'))).toEqual(sqlIds(`${y} >= '2025'`))
    expect(sorted(ids('year:>2025'))).toEqual(sqlIds(`${y} >= '2026'`))
    expect(sorted(ids('year:<2016'))).toEqual(sqlIds(`${y} < '2016'`))
    expect(sorted(ids('year:<=2016'))).toEqual(sqlIds(`${y} < '2017'`))
    expect(ids('year:2009')).toEqual([3])
  })

  it('dump: the papers of one day', () => {
    expect(ids('dump:2026-04-13')).toHaveLength(55)
    expect(ids('dump:2026-04-20')).toHaveLength(44)
    expect(ids('dump:2026-04-19')).toEqual([])
  })

  it('combine (AND) and come newest first', () => {
    expect(sorted(ids('is:unread dump:2026-04-13 year:>=2025'))).toEqual(
      sqlIds(
        "read = 0 AND coalesce(published_at, first_seen) >= '2025' AND id IN (SELECT paper_id FROM appearances WHERE dump_id = (SELECT id FROM dumps WHERE dump_date = '2026-04-13'))",
      ),
    )
    const all = lib.summaries(ids('is:unread'))
    const days = all.map((p) => p.firstSeen)
    expect([...days].sort().reverse()).toEqual(days)
  })

  it('a negated filter excludes', () => {
    expect(ids('-is:read')).toHaveLength(100)
    expect(ids('-org:openbmb')).not.toContain(103)
  })
})

describe('filters with words', () => {
  it('narrow the text results', () => {
    const all = ids('spiking ')
    const unread = ids('spiking is:unread ')
    expect(unread.length).toBeGreaterThan(0)
    expect(unread.length).toBeLessThan(all.length)
    for (const id of unread) expect(lib.getPaper(id)!.read).toBe(false)
    expect(ids('spiking is:starred ').sort()).toEqual([26, 92])
    expect(ids('foundation models org:openbmb ')).toEqual([103])
    expect(ids('foundation models -org:openbmb ')).not.toContain(103)
    expect(ids('foundation models -org:openbmb ').length).toBeGreaterThan(0)
  })

  it('-word excludes papers containing the word (in any field)', () => {
    const with_ = ids('spiking ')
    const without = ids('spiking -neuromorphic ')
    expect(without.length).toBeLessThan(with_.length)
    for (const id of without) {
      const p = lib.getPaper(id)!
      expect(`${p.title} ${p.abstract}`.toLowerCase()).not.toContain('neuromorphic')
    }
  })

  it('-"phrase" excludes a phrase; a word-only exclusion lists everything else', () => {
    expect(ids('-"spiking neurons"')).not.toContain(idOf('Learning heterogeneous delays'))
    expect(ids('-brain').length).toBeGreaterThan(0)
    expect(ids('-brain').length).toBeLessThan(105)
  })

  it('notes and tags are searched as text too', () => {
    expect(ids('V4 ')).toContain(4)
    expect(ids('snn ')).toEqual(expect.arrayContaining([26, 60]))
  })
})

describe('errors', () => {
  it('a query of filters only says so, and its whole list is the smart feed', () => {
    const r = searchPapers(lib, 'is:unread', { limit: 10 })
    expect(r.filtersOnly).toBe(true)
    expect(r.results).toHaveLength(10)
    expect(sorted(smartFeed(lib, 'is:unread').ids)).toEqual(sqlIds('read = 0'))
    expect(searchPapers(lib, 'is:unread spiking').filtersOnly).toBe(false)
    expect(searchPapers(lib, '-spiking').filtersOnly).toBe(true)
  })

  it('a phrase whose quote is not closed yet completes its last word while typing', () => {
    const typing = searchPapers(lib, '"spiking neur')
    expect(typing.results.length).toBeGreaterThan(0)
    expect(typing.terms).toEqual(['spiking', 'neur'])
    // open, the last word is completed: every paper with the closed phrase is found, and more
    expect(ids('"spiking neuron')).toEqual(expect.arrayContaining(ids('"spiking neuron" ')))
    expect(ids('"spiking neuron').length).toBeGreaterThan(ids('"spiking neuron" ').length)
    // as with words, one or two letters are not completed (a prefix that short would scan the index)
    expect(searchPapers(lib, '"spiking n').terms).toEqual(['spiking', 'n'])
    expect(searchPapers(lib, '"spiking n').results).toEqual([])
    // closed, the phrase is exact: "neur" alone is not a word of any paper
    expect(searchPapers(lib, '"spiking neur"').results).toEqual([])
    expect(searchPapers(lib, '"spiking neur" ').results).toEqual([])
  })

  it('searches the first 12 words of a pasted paragraph and says so', () => {
    const paragraph = 'spiking neural networks learn heterogeneous delays for fast motion detection in event cameras with few synaptic operations per inference step'
    const r = searchPapers(lib, paragraph)
    expect(r.errors).toEqual([{ start: paragraph.indexOf('cameras'), end: paragraph.length, message: 'Only the first 12 words are searched' }])
    expect(r.results.length).toBeGreaterThan(0)
    expect(parseQuery(paragraph).terms).toHaveLength(20) // the cap is the ranked search's, not the parser's
  })

  it('unknown filters are reported with their position and the rest still runs', () => {
    const q = 'spiking colour:red neurons'
    const r = searchPapers(lib, q)
    expect(r.errors).toEqual([{ start: 8, end: 18, message: expect.stringContaining('Unknown filter "colour:"') }])
    expect(q.slice(8, 18)).toBe('colour:red')
    expect(r.results.length).toBeGreaterThan(0)
  })

  it.each([
    ['is:maybe', 'is: takes'],
    ['year:20x4', 'year: takes'],
    ['year:>=', 'year: takes'],
    ['dump:2026-02-30', 'dump: takes a date'],
    ['has:pdf', 'has: takes'],
  ])('%s is refused', (q, message) => {
    const r = searchPapers(lib, q)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]!.message).toContain(message)
    expect(r.errors[0]).toMatchObject({ start: 0, end: q.length })
  })

  it('a URL or a word ending in a colon is text, not a filter', () => {
    expect(parseQuery('https://github.com/x').errors).toEqual([])
    expect(parseQuery('results: spiking').errors).toEqual([])
  })
})

describe('parseQuery', () => {
  it('splits words, phrases, exclusions and filters', () => {
    const p = parseQuery('spiking "neural networks" -vision org:"Hugging Face" year:>=2023 state-of-the-art')
    expect(p.terms.map((t) => [t.kind, t.text, t.negated])).toEqual([
      ['word', 'spiking', false],
      ['phrase', 'neural networks', false],
      ['word', 'vision', true],
      ['phrase', 'state-of-the-art', false],
    ])
    expect(p.terms[3]!.tokens).toEqual(['state', 'of', 'the', 'art'])
    expect(p.filters).toEqual([
      expect.objectContaining({ kind: 'org', value: 'Hugging Face', negated: false }),
      expect.objectContaining({ kind: 'year', op: '>=', value: 2023 }),
    ])
    expect(p.typing).toBe(false)
    expect(parseQuery('spik').typing).toBe(true)
    expect(parseQuery('spik ').typing).toBe(false)
  })

  it('folds case and accents', () => {
    expect(parseQuery('Élan NEURONS').terms.map((t) => t.tokens[0])).toEqual(['elan', 'neurons'])
  })
})
