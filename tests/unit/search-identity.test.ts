/**
 * Each paper's identity in search: author names and arXiv ids are indexed (plain words find a paper
 * by its authors, below papers with the word in their title), `author:` filters on the names with
 * accents ignored, `arxiv:` and a bare id find their paper, a text-dump paper learns its id and
 * authors when an API day names it, and typos inside hyphenated words are corrected. Real Daily
 * Papers API files (tests/fixtures/hf-api, see its README) on top of the shared text dumps.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Library } from '../../src/main/library/library'
import { Library as LibraryClass } from '../../src/main/library/library'
import { bibtexEntry } from '../../src/main/export/bibtex'
import { cslItem } from '../../src/main/export/csl'
import { markdownNote } from '../../src/main/export/markdown'
import { searchPapers } from '../../src/main/search'
import { API_DIR, dumpLibrary, entry } from '../helpers/library'
import { makeDump, utf8 } from '../helpers/fixtures'

const ARCHIVE = join(API_DIR, 'archive')
const importApi = (lib: Library, file: string) => {
  const r = lib.importDump({ path: file, bytes: readFileSync(join(ARCHIVE, file)) })
  if (r.status !== 'imported') throw new Error(`${file}: ${r.error}`)
  return r
}

let lib: Library
const idOfArxiv = (id: string) => lib.db.prepare('SELECT id FROM papers WHERE arxiv_id = ?').pluck().get(id) as number
const ids = (q: string) => searchPapers(lib, q, { limit: 1000 }).results.map((r) => r.id)

beforeAll(() => {
  lib = dumpLibrary()
  for (const f of ['2024-05-28.json', '2025-02-18.json', '2025-06-05.json', 'hardest-names.json']) importApi(lib, f)
  // a text-dump paper whose title holds an author's name: it must rank above the paper Bordes wrote
  const r = lib.importDump({
    path: 'bordes-title.txt',
    bytes: utf8(makeDump('Jun 3', [entry('Bordes and Borders: Mapping Frontier Regions', 'We map frontier regions of land.', '  • 3 authors\n·\nJun 2, 2024')])),
    modifiedAt: new Date('2024-06-03T12:00:00Z'),
  })
  expect(r.status).toBe('imported')
  lib.learnVocabulary()
})
afterAll(() => lib.close())

describe('author names are searchable', () => {
  it('`Bordes` finds the paper Florian Bordes wrote, below a paper with Bordes in its title', () => {
    const vlm = idOfArxiv('2405.17247')
    const titled = lib.db.prepare("SELECT id FROM papers WHERE title LIKE 'Bordes and Borders%'").pluck().get() as number
    const found = ids('Bordes')
    expect(found).toContain(vlm)
    expect(found.indexOf(titled)).toBeLessThan(found.indexOf(vlm))
    // with the CLI's trailing space too (a whole word, not a prefix being typed)
    expect(ids('bordes ')).toContain(vlm)
  })

  it('`author:bordes` lists only papers with that author, not the one with Bordes in its title', () => {
    expect(ids('author:bordes')).toEqual([idOfArxiv('2405.17247')])
    expect(ids('author:"Florian Bordes"')).toEqual([idOfArxiv('2405.17247')])
    // with words, the filter joins the FTS expression
    expect(ids('vision author:bordes')).toEqual([idOfArxiv('2405.17247')])
    expect(ids('vision -author:bordes')).not.toContain(idOfArxiv('2405.17247'))
    expect(ids('author:nobodyatall')).toEqual([])
  })

  it('is diacritics-insensitive: `author:madry` finds Aleksander Mądry, `author:chrabaszcz` Maciej Chrabąszcz', () => {
    expect(ids('author:madry')).toEqual([idOfArxiv('2410.07095')])
    expect(ids('author:Mądry')).toEqual([idOfArxiv('2410.07095')])
    expect(ids('author:"aleksander madry"')).toEqual([idOfArxiv('2410.07095')])
    expect(ids('author:chrabaszcz')).toEqual([idOfArxiv('2605.18549')])
    expect(ids('madry')).toContain(idOfArxiv('2410.07095'))
  })

  it('a group author is a name too (the Xiaomi team wrote MiMo and MiMo-VL)', () => {
    const mimoVl = lib.db.prepare("SELECT id FROM papers WHERE title LIKE 'MiMo-VL%'").pluck().get() as number
    expect(ids('author:"Xiaomi LLM-Core Team"').sort()).toEqual([idOfArxiv('2505.07608'), mimoVl].sort())
  })

  it('reports an empty author: as an error', () => {
    const r = searchPapers(lib, 'author:""')
    expect(r.errors[0]?.message).toMatch(/author: needs a name/)
  })
})

describe('arXiv ids are searchable', () => {
  it('a bare id, `arxiv:<id>`, `arXiv:<id>` and a versioned id each find the paper', () => {
    const vlm = idOfArxiv('2405.17247')
    expect(vlm).toBeGreaterThan(0)
    expect(ids('2405.17247')[0]).toBe(vlm)
    expect(ids('arxiv:2405.17247')).toEqual([vlm])
    expect(ids('arXiv:2405.17247')).toEqual([vlm])
    expect(ids('arxiv:2405.17247v3')).toEqual([vlm])
    expect(ids('arxiv:2405.99999')).toEqual([])
  })

  it('refuses something that is not an arXiv id', () => {
    expect(searchPapers(lib, 'arxiv:banana').errors[0]?.message).toMatch(/arxiv: takes an arXiv id/)
  })
})

describe('typos inside hyphenated words are corrected', () => {
  it('`SWE-Lancr` finds SWE-Lancer and says what it searched', () => {
    const lancer = idOfArxiv('2502.12115')
    const r = searchPapers(lib, 'SWE-Lancr ')
    expect(r.results[0]?.id).toBe(lancer)
    expect(r.corrections).toEqual([{ word: 'SWE-Lancr', terms: ['swe lancer'] }])
    expect(r.results[0]?.highlights).toEqual(expect.arrayContaining(['swe', 'lancer']))
  })

  it('`Rectifed-Sparse` finds Rectified Sparse Attention', () => {
    expect(ids('Rectifed-Sparse ')[0]).toBe(idOfArxiv('2506.04108'))
  })

  it('a hyphenated word spelt right is searched as it is', () => {
    const r = searchPapers(lib, 'SWE-Lancer ')
    expect(r.results[0]?.id).toBe(idOfArxiv('2502.12115'))
    expect(r.corrections).toEqual([])
  })
})

describe('an API day fills the arXiv id and authors into a paper first seen in a text dump', () => {
  it('matched by normalised title; searchable by author and id at once, without relearning', () => {
    const l = new LibraryClass(':memory:')
    try {
      // the page's text, with other spacing and case than the API's title
      const text = l.importDump({
        path: '2024-05-28.txt',
        bytes: utf8(makeDump('May 28', [entry('An  introduction to Vision-Language  Modeling', 'Following the recent popularity of LLMs.', '  • 41 authors\n·\nMay 27\n96')])),
        modifiedAt: new Date('2024-05-28T20:00:00Z'),
      })
      expect(text.status).toBe('imported')
      const before = l.listPapers()
      expect(before).toHaveLength(1)
      expect(before[0]!.arxivId).toBeNull()
      expect(before[0]!.authors).toBeNull()
      expect(searchPapers(l, 'bordes ').results).toEqual([])
      expect(searchPapers(l, 'arxiv:2405.17247').results).toEqual([])
      const key = before[0]!.citationKey

      // the same day: the API file updates the day's dump (one dump per day) and adds its other papers
      const api = l.importDump({ path: '2024-05-28.json', bytes: readFileSync(join(ARCHIVE, '2024-05-28.json')) })
      expect(api.status).toBe('updated')
      expect(api.added).toBeGreaterThan(0)
      const after = l.getPaper(before[0]!.id)!
      expect(after.arxivId).toBe('2405.17247')
      expect(after.authors?.[0]).toBe('Florian Bordes')
      expect(after.authors).toHaveLength(41)
      expect(after.title).toBe(before[0]!.title)
      expect(after.citationKey).toBe(key) // a stored key never changes
      expect(searchPapers(l, 'author:bordes').results.map((r) => r.id)).toEqual([after.id])
      expect(searchPapers(l, 'arxiv:2405.17247').results.map((r) => r.id)).toEqual([after.id])
      expect(searchPapers(l, 'Bordes ').results.map((r) => r.id)).toEqual([after.id])
      // and its exports cite it by its id and authors now
      const bib = bibtexEntry(after)
      expect(bib).toContain('  eprint = {2405.17247}')
      expect(bib).toContain('  doi = {10.48550/arXiv.2405.17247}')
      expect(bib).toContain('  url = {https://arxiv.org/abs/2405.17247}')
      expect(bib).toContain('  author = {Florian Bordes and Richard Yuanzhe Pang and')
      expect(cslItem(after)).toMatchObject({ DOI: '10.48550/arXiv.2405.17247', URL: 'https://arxiv.org/abs/2405.17247' })
      expect(markdownNote(after)).toContain('arxiv: "2405.17247"')
    } finally {
      l.close()
    }
  })
})
