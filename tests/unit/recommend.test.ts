/**
 * For you and Similar papers below the app: the term counting and tf-idf weighting on a corpus
 * small enough to work out by hand, the Pegasos SVM on separable toy data, the stored vectors
 * (written by the import, incremental equal to a full rebuild, caught up for a library from before
 * them), and the recommender on the real fixtures.
 */
import Database from 'better-sqlite3'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Library } from '../../src/main/library/library'
import { catchUpVectors, vectorsSince } from '../../src/main/library/vectorStore'
import { Corpus, denseRow } from '../../src/main/recommend/matrix'
import { score, train } from '../../src/main/recommend/model'
import { cosine, nearest, rankRows, scoreAll } from '../../src/main/recommend/rank'
import { NO_POSITIVES, Recommender } from '../../src/main/recommend/recommender'
import { TermTable } from '../../src/main/recommend/termTable'
import { countTerms, nameTerms, packCounts, packPaperCounts, paperCounts, paperText, STOP_WORDS, termId, terms, tokens, unpackCounts } from '../../src/main/recommend/vectors'
import { DUMP_FILES, dumpBytes, dumpText, entry, makeDump, utf8 } from '../helpers/fixtures'
import { API_FILES, dumpLibrary, fullLibrary } from '../helpers/library'

const ALL = { maxTerms: 20_000, minDf: 1, maxDfRatio: 1 }

function corpusOf(texts: string[]): Corpus {
  const c = new Corpus()
  texts.forEach((t, i) => c.set(i + 1, countTerms(t)))
  return c
}

/** Row `id` as term → weight. */
function weights(c: Corpus, id: number, text: string, options = ALL): Map<string, number> {
  const m = c.matrix(options)
  const r = m.row.get(id)!
  const names = nameTerms(text)
  const out = new Map<string, number>()
  for (let k = m.rowStart[r]!; k < m.rowStart[r + 1]!; k++) out.set(names.get(m.terms[m.cols[k]!]!)!, m.vals[k]!)
  return out
}

describe('terms', () => {
  it('lower-cases words of two or more characters and drops stop words and numbers', () => {
    expect(tokens('The Spiking neurons of a 2024 Mouse-Cortex, in V1 (x)')).toEqual(['spiking', 'neurons', 'mouse', 'cortex', 'v1'])
    expect(tokens('Café naïve 深度学习')).toEqual(['café', 'naïve', '深度学习'])
  })

  it('drops exactly the stop words (checked by hash): every one of them, and no word of the real dumps beside them', () => {
    const stop = [...STOP_WORDS].filter((w) => w.length >= 2)
    expect(tokens(stop.join(' '))).toEqual([])
    const words = new Set(DUMP_FILES.flatMap((_, i) => dumpText(i).toLowerCase().split(/[^\p{L}\p{N}_]+/u)))
    const kept = [...words].filter((w) => w.length >= 2 && !/^[\d_]+$/.test(w) && !STOP_WORDS.has(w))
    expect(kept.length).toBeGreaterThan(3000)
    expect(tokens(kept.join(' '))).toEqual(kept)
  })

  it('adds the bigrams of adjacent words once stop words are out', () => {
    expect(terms('spiking neural networks of the brain')).toEqual([
      'spiking',
      'neural',
      'networks',
      'brain',
      'spiking neural',
      'neural networks',
      'networks brain',
    ])
  })

  it('counts terms by id without building them, and packs the counts for SQLite losslessly', () => {
    const text = 'Spiking networks. Spiking networks spike; networks of spiking neurons.'
    const counts = countTerms(text)
    const expected = new Map<number, number>()
    for (const t of terms(text)) expected.set(termId(t), (expected.get(termId(t)) ?? 0) + 1)
    expect([...counts.hashes]).toEqual([...expected.keys()].sort((a, b) => a - b))
    expect([...counts.hashes].map((h, i) => [h, counts.counts[i]])).toEqual([...counts.hashes].map((h) => [h, expected.get(h)]))
    expect(counts.counts[[...counts.hashes].indexOf(termId('spiking networks'))]).toBe(2)
    const back = unpackCounts(packCounts(counts))
    expect([...back.hashes]).toEqual([...counts.hashes])
    expect([...back.counts]).toEqual([...counts.counts])
    expect(packCounts(counts).length).toBe(counts.hashes.length * 5)
  })

  it("counts a paper's fields as the text paperText joins, on every paper of the fixtures and on edge cases", () => {
    const lib = fullLibrary()
    const papers = lib.listPapers({ sort: 'date' }).map((p) => ({ title: p.title, abstract: p.abstract, org: p.org && `${p.org.handle} ${p.org.name}` }))
    lib.close()
    const long = Array.from({ length: 6000 }, (_, i) => `w${i % 700}x ${i % 3 ? 'spike' : 'Σ'}`).join(' ') // grows every scratch buffer; counts over 255
    const edge = [
      { title: '', abstract: '', org: null },
      { title: 'Only a title', abstract: '', org: undefined },
      { title: 'ΟΔΟΣ Σ', abstract: 'ΑΣ. İstanbul straße', org: 'Org Name' },
      { title: 'Spiking spiking', abstract: long, org: 'cislmu' },
    ]
    expect(papers.length).toBeGreaterThan(100)
    for (const p of [...papers, ...edge]) {
      const expected = countTerms(paperText(p))
      const got = paperCounts(p)
      expect([...got.hashes]).toEqual([...expected.hashes])
      expect([...got.counts]).toEqual([...expected.counts])
      expect(Buffer.from(packPaperCounts(p)).equals(packCounts(expected))).toBe(true)
    }
    expect(Math.max(...paperCounts(edge[3]!).counts)).toBe(255)
  })
})

describe('tf-idf', () => {
  // three documents; worked out by hand with smooth idf ln((1+N)/(1+df)) + 1 and tf 1 + ln(count)
  const docs = ['brain brain cortex', 'brain spikes', 'robots']
  const c = corpusOf(docs)

  it('weighs sublinear tf by smooth idf and l2-normalises each row', () => {
    const idf = (df: number) => Math.log(4 / (1 + df)) + 1
    const brain = (1 + Math.log(2)) * idf(2)
    const cortex = idf(1)
    const bigram1 = idf(1) // "brain brain"
    const bigram2 = idf(1) // "brain cortex"
    const norm = Math.hypot(brain, cortex, bigram1, bigram2)
    const w = weights(c, 1, docs[0]!)
    expect(w.get('brain')).toBeCloseTo(brain / norm, 6)
    expect(w.get('cortex')).toBeCloseTo(cortex / norm, 6)
    expect(w.get('brain brain')).toBeCloseTo(bigram1 / norm, 6)
    expect(w.get('brain cortex')).toBeCloseTo(bigram2 / norm, 6)
    expect(Math.hypot(...w.values())).toBeCloseTo(1, 6)
    expect(c.documentFrequency(termId('brain'))).toBe(2)
  })

  it('caps the vocabulary at the terms in most papers, and leaves out terms in too few or too many', () => {
    const capped = c.matrix({ maxTerms: 1, minDf: 1, maxDfRatio: 1 })
    expect([...capped.terms]).toEqual([termId('brain')])
    const rare = c.matrix({ maxTerms: 100, minDf: 2, maxDfRatio: 1 })
    expect([...rare.terms]).toEqual([termId('brain')])
    const common = c.matrix({ maxTerms: 100, minDf: 1, maxDfRatio: 0.5 })
    expect([...common.terms]).not.toContain(termId('brain'))
    // a row left with no term is all zeros, not NaN
    expect([...denseRow(rare, rare.row.get(3)!)].every((x) => x === 0)).toBe(true)
  })

  it('cosine: a row with itself is 1, rows sharing nothing are 0, and nearest finds the shared word', () => {
    const m = c.matrix(ALL)
    expect(cosine(m, 0, 0)).toBeCloseTo(1, 6)
    expect(cosine(m, 0, 2)).toBe(0)
    expect(nearest(m, 0, 5).map((s) => m.ids[s.row])).toEqual([2])
  })

  it('set and delete keep document frequencies as a rebuild would', () => {
    const d = corpusOf(docs)
    d.set(2, countTerms('cortex only'))
    d.set(4, countTerms('brain spikes'))
    d.delete(4)
    d.set(2, countTerms('brain spikes'))
    const a = c.matrix(ALL)
    const b = d.matrix(ALL)
    expect([...b.terms]).toEqual([...a.terms])
    expect([...b.vals]).toEqual([...a.vals])
  })
})

describe('Pegasos SVM', () => {
  it('separates separable toy data and ranks the positives first', () => {
    const texts = [
      ...['spiking neurons cortex', 'cortex spiking dynamics', 'neurons spiking brain', 'brain cortex neurons'],
      ...['robot grasping arm', 'arm robot control', 'language model tokens', 'tokens language reasoning', 'robot tokens arm'],
    ]
    const c = corpusOf(texts)
    const m = c.matrix(ALL)
    const model = train(m, [0, 1, 2], [4, 5, 6, 7, 8])
    for (const r of [0, 1, 2]) expect(score(model, m, r)).toBeGreaterThan(0)
    for (const r of [4, 5, 6, 7, 8]) expect(score(model, m, r)).toBeLessThan(0)
    // the held-out brain paper outranks every robot or language paper
    expect(rankRows(scoreAll(model, m), [4, 5, 3, 6, 7, 8]).rows[0]).toBe(3)
    // deterministic
    expect([...train(m, [0, 1, 2], [4, 5, 6, 7, 8]).weights]).toEqual([...model.weights])
  })
})

describe('typed arrays of the fast path', () => {
  it('the term table agrees with a Map through growth, removals to 0 and the largest id', () => {
    const table = new TermTable(4)
    const map = new Map<number, number>()
    let x = 12345
    for (let i = 0; i < 20_000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0
      const h = i % 7 === 0 ? 0xffffffff : x % 5000 === 0 ? 0 : x % 3000
      const by = i % 5 === 0 ? -1 : 1
      table.add(h, by)
      map.set(h, (map.get(h) ?? 0) + by)
    }
    for (const [h, v] of map) expect(table.get(h)).toBe(v)
    expect(table.get(123_456_789)).toBeUndefined()
    const seen = new Map<number, number>()
    table.forEach((v, h) => seen.set(h, v))
    // the largest id is stored under its neighbour (the table keeps 0xffffffff as its empty mark)
    expect(seen.size).toBe(map.size)
  })

  it('ranks by descending score, negatives and zero included, equal scores in the order given', () => {
    const scores = Float32Array.from([0.5, -2, 0, 3, -0.25, 0.5, -2, 1e-30, -1e-30])
    const ranked = rankRows(scores, [6, 0, 1, 2, 3, 4, 5, 7, 8])
    expect(Array.from(ranked.rows)).toEqual([3, 0, 5, 7, 2, 8, 4, 6, 1])
    expect(Array.from(ranked.scores)).toEqual(Array.from(ranked.rows, (r) => scores[r]!))
  })
})

describe('stored vectors', () => {
  it('the import writes one row per paper, and importing in parts stores what one import stores', () => {
    const whole = fullLibrary()
    const parts = new Library(':memory:')
    // another order and other batches: the dumps one by one, then the API files together
    for (let i = DUMP_FILES.length - 1; i >= 0; i--) parts.importDump({ path: DUMP_FILES[i]!, bytes: dumpBytes(i) })
    parts.importDumps(API_FILES.map((p) => ({ path: p, bytes: readFileSync(p) })))
    const byTitle = (lib: Library) => {
      const titles = new Map(lib.listPapers().map((p) => [p.id, p.title]))
      return new Map(vectorsSince(lib.db, 0).map((v) => [titles.get(v.id)!, [...v.counts.hashes, ...v.counts.counts].join()]))
    }
    const a = byTitle(whole)
    expect(a.size).toBe(whole.counts().total)
    expect(byTitle(parts)).toEqual(a)
    // and the recommender's matrix, loaded incrementally as the parts came, equals a fresh load
    const incremental = new Library(':memory:')
    const rec = new Recommender(incremental)
    DUMP_FILES.forEach((path, i) => {
      incremental.importDump({ path, bytes: dumpBytes(i) })
      rec.refresh()
    })
    for (const path of API_FILES) incremental.importDump({ path, bytes: readFileSync(path) })
    const fresh = new Recommender(incremental)
    expect(rec.matrix().vals).toEqual(fresh.matrix().vals)
    expect(rec.matrix().terms).toEqual(fresh.matrix().terms)
  })

  it('a paper whose abstract grows gets its row rewritten', () => {
    const lib = dumpLibrary()
    const before = new Map(vectorsSince(lib.db, 0).map((v) => [v.id, v]))
    const p = lib.listPapers()[0]!
    const longer = `${p.abstract} Moreover we add thalamocortical loops to the model.`
    lib.importDump({ path: 'longer.txt', bytes: new TextEncoder().encode(`Daily Papers\n\nApr 25\n\n${p.title}\n\n${longer}`) })
    const after = vectorsSince(lib.db, Math.max(...[...before.values()].map((v) => v.generation)))
    expect(after.map((v) => v.id)).toContain(p.id)
    expect([...after.find((v) => v.id === p.id)!.counts.hashes]).toContain(termId('thalamocortical'))
  })

  it('every stored vector is the count of the text its paper ends with, also when a later file of the same import grows it', () => {
    const lib = new Library(':memory:')
    const short = 'We model spiking cortex.'
    const grown = `${short} Moreover we add thalamocortical loops.`
    const files = [
      { path: 'a.txt', bytes: utf8(makeDump('Apr 24', [entry('Spiking Cortex Models', short, 'cislmu\n\n·\nApr 1, 2024'), entry('Other Paper', 'About robots.')])) },
      // another day (same import, same transaction): the paper again, with a longer abstract and an organisation
      { path: 'b.txt', bytes: utf8(makeDump('Apr 25', [entry('Spiking Cortex Models', grown, 'cislmu\n\n·\nApr 1, 2024')])) },
      ...DUMP_FILES.map((path, i) => ({ path, bytes: dumpBytes(i) })),
    ]
    lib.importDumps(files)
    const stored = new Map(vectorsSince(lib.db, 0).map((v) => [v.id, v.counts]))
    expect(stored.size).toBe(lib.counts().total)
    for (const p of lib.listPapers()) {
      const expected = countTerms(paperText({ title: p.title, abstract: p.abstract, org: p.org && `${p.org.handle} ${p.org.name}`.trim() }))
      expect([...stored.get(p.id)!.hashes], p.title).toEqual([...expected.hashes])
      expect([...stored.get(p.id)!.counts], p.title).toEqual([...expected.counts])
    }
    const spiking = lib.listPapers().find((p) => p.title === 'Spiking Cortex Models')!
    expect(spiking.abstract).toBe(grown)
    expect([...stored.get(spiking.id)!.hashes]).toContain(termId('thalamocortical'))
    lib.close()
  })

  it('a library from before the vectors gets them from the next writer, or in memory when read-only', () => {
    const lib = dumpLibrary()
    lib.db.exec('DELETE FROM paper_vectors')
    expect(catchUpVectors(lib.db, false)).toHaveLength(lib.counts().total)
    expect(vectorsSince(lib.db, 0)).toHaveLength(0)
    catchUpVectors(lib.db, true)
    expect(vectorsSince(lib.db, 0)).toHaveLength(lib.counts().total)
    // no table at all (a read-only library at an older schema): every paper computed in memory
    const bare = new Database(':memory:')
    bare.exec("CREATE TABLE papers (id INTEGER PRIMARY KEY, title TEXT, abstract TEXT, org_handle TEXT, org_name TEXT); INSERT INTO papers VALUES (1, 'Spiking cortex', 'neurons', NULL, NULL)")
    expect(catchUpVectors(bare, true).map((v) => v.id)).toEqual([1])
    expect(vectorsSince(bare, 0)).toEqual([])
  })
})

describe('Recommender on the fixtures', () => {
  it('without positives says how to start; with starred papers ranks the unread by them, with reasons', () => {
    const lib = fullLibrary()
    const rec = new Recommender(lib)
    expect(rec.forYou()).toEqual({ ids: [], scores: [], positives: 0, hint: NO_POSITIVES })
    const papers = lib.listPapers()
    const spiking = papers.filter((p) => /spiking/i.test(p.title))
    expect(spiking.length).toBeGreaterThanOrEqual(3)
    const [held, ...liked] = spiking
    lib.setStarred(liked.map((p) => p.id), true)
    lib.setRead(liked.map((p) => p.id), true)
    const ranked = rec.forYou()
    expect(ranked.positives).toBe(liked.length)
    expect(ranked.ids).toHaveLength(lib.counts().unread)
    expect(ranked.scores).toEqual([...ranked.scores].sort((a, b) => b - a))
    // the held-back spiking paper is in the top ten of 150-odd unread papers
    expect(ranked.ids.slice(0, 10)).toContain(held!.id)
    const reason = rec.reasons([held!.id]).get(held!.id)!
    expect(reason.terms.length).toBeGreaterThanOrEqual(2)
    expect(reason.terms.length).toBeLessThanOrEqual(3)
    for (const t of reason.terms) expect(`${held!.title} ${held!.abstract}`.toLowerCase()).toContain(t.split(' ')[0])
    expect(liked.map((p) => p.id)).toContain(reason.like!.id)
    // a note counts as a positive too
    lib.setNote(ranked.ids.at(-1)!, 'worth a look')
    expect(rec.forYou().positives).toBe(liked.length + 1)
    // similar: five, any state, not the paper itself, best first
    const similar = rec.similar(liked[0]!.id)
    expect(similar).toHaveLength(5)
    expect(similar.map((s) => s.id)).not.toContain(liked[0]!.id)
    expect(similar.map((s) => s.score)).toEqual([...similar.map((s) => s.score)].sort((a, b) => b - a))
    expect(rec.similar(999_999)).toEqual([])
  })
})
