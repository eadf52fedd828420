/**
 * Writing a file (src/main/library/writeDay.ts) asks the library once which of its papers'
 * citation-key bases are free (CitationKeyAllocator.prefetch). What the file itself writes
 * meanwhile must count as if each key had been looked up alone; and entries of one file that name
 * the same paper, or a paper of an earlier one, are that paper.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { baseCitationKey, freeKey } from '../../src/main/library/citationKeys'
import { Library } from '../../src/main/library/library'
import { entry, makeDump, utf8 } from '../helpers/fixtures'
import { API_DIR } from '../helpers/library'

const META = 'xo XO Lab\n·\nJan 5, 2024'

function importDump(lib: Library, name: string, header: string, entries: string[]) {
  return lib.importDump({ path: name, bytes: utf8(makeDump(header, entries)) })
}

const papers = (lib: Library) =>
  lib.db.prepare('SELECT id, title, abstract, citation_key AS key FROM papers ORDER BY id').all() as { id: number; title: string; abstract: string; key: string }[]

describe('writing a file', () => {
  it('a paper listed twice in one file is one paper: the second listing merges into the first', () => {
    const lib = new Library(':memory:')
    const result = importDump(lib, 'twice.txt', 'Apr 20', [
      entry('Listed Twice on One Page', 'Short.', META),
      entry('Another Paper', 'Its abstract.', META),
      entry('Listed  twice on one page', 'A longer abstract, from the second listing.', META),
    ])
    expect(result).toMatchObject({ status: 'imported', added: 2 })
    expect(papers(lib).map((p) => [p.title, p.abstract])).toEqual([
      ['Listed Twice on One Page', 'A longer abstract, from the second listing.'],
      ['Another Paper', 'Its abstract.'],
    ])
    expect(lib.db.prepare('SELECT count(*) FROM appearances').pluck().get()).toBe(2)
    // searchable by the text it ends with
    expect(lib.db.prepare("SELECT count(*) FROM search_fts WHERE search_fts MATCH 'longer'").pluck().get()).toBe(1)
    lib.close()
  })

  it("a key given earlier in the file is a later paper's plain key: that paper gets the next free one", () => {
    const lib = new Library(':memory:')
    // Graph, Graph → xo2024graph, xo2024grapha; Grapha's plain key xo2024grapha was free when the file began
    importDump(lib, 'keys.txt', 'Apr 20', [
      entry('Graph Networks', 'One.', META),
      entry('Graph Transformers', 'Two.', META),
      entry('Grapha: a Language', 'Three.', META),
      entry('Graph Kernels', 'Four.', META),
    ])
    expect(papers(lib).map((p) => p.key)).toEqual(['xo2024graph', 'xo2024grapha', 'xo2024graphaa', 'xo2024graphb'])
    // the keys the first-free rule gives for papers to come agree with the counters
    importDump(lib, 'more.txt', 'Apr 21', [entry('Grapha Again', 'Five.', META), entry('Graph Again', 'Six.', META)])
    expect(papers(lib).slice(4).map((p) => p.key)).toEqual(['xo2024graphab', 'xo2024graphc'])
    importDump(lib, 'last.txt', 'Apr 22', [entry('Grapha Once More', 'Seven.', META), entry('Kernels Alone', 'Eight.', META)])
    expect(papers(lib).slice(6).map((p) => p.key)).toEqual(['xo2024graphac', 'xo2024kernels'])
    // counters only for bases given more than their plain key (a base without one starts there)
    expect(lib.db.prepare('SELECT base, next FROM citation_key_next ORDER BY base').raw().all()).toEqual([
      ['xo2024graph', 4],
      ['xo2024grapha', 4],
    ])
    importDump(lib, 'kernels.txt', 'Apr 23', [entry('Kernels Again', 'Nine.', META)])
    expect(papers(lib).at(-1)!.key).toBe('xo2024kernelsa')
    const base = baseCitationKey({ title: 'Graph Once More', orgHandle: 'xo', publishedAt: '2024-01-05', firstSeen: '2025-04-21' })
    expect(freeKey(lib.db, base)).toBe('xo2024graphd')
    lib.close()
  })

  it('a known paper met while new ones are inserted at once is found, and the key it was offered goes to the next new paper of its base', () => {
    const lib = new Library(':memory:')
    importDump(lib, 'first.txt', 'Apr 20', [entry('Graph Networks', 'One.', META)])
    // new, known, new, known, new: the file's papers are inserted at once, and Graph Networks' insert does nothing
    const next = importDump(lib, 'next.txt', 'Apr 21', [
      entry('Kernels First', 'Two.', META),
      entry('Graph Networks', 'One, with a longer abstract.', META),
      entry('Graph Transformers', 'Three.', META),
      entry('Graph Networks', 'One.', META),
      entry('Graph Kernels', 'Four.', META),
    ])
    expect(next).toMatchObject({ status: 'imported', added: 3, merged: 1 })
    expect(papers(lib).map((p) => [p.title, p.key, p.abstract])).toEqual([
      ['Graph Networks', 'xo2024graph', 'One, with a longer abstract.'],
      ['Kernels First', 'xo2024kernels', 'Two.'],
      ['Graph Transformers', 'xo2024grapha', 'Three.'],
      ['Graph Kernels', 'xo2024graphb', 'Four.'],
    ])
    // the same keys, the same counters as papers looked up one by one would get
    expect(lib.db.prepare('SELECT base, next FROM citation_key_next ORDER BY base').raw().all()).toEqual([['xo2024graph', 3]])
    lib.close()
  })

  it('titles with surrogates (an emoji; a lone one, which JSON escapes) are found again', () => {
    const lib = new Library(':memory:')
    importDump(lib, 'a.txt', 'Apr 20', [entry('Rockets 🚀 to Mars', 'Short.', META), entry('𝔐athematical Fonts', 'Fonts.', META)])
    const again = importDump(lib, 'b.txt', 'Apr 21', [entry('Rockets 🚀 to Mars', 'A longer abstract about rockets.', META)])
    expect(again).toMatchObject({ status: 'imported', added: 0, merged: 1 })
    expect(papers(lib).map((p) => p.abstract)).toEqual(['A longer abstract about rockets.', 'Fonts.'])
    // a real API day whose first paper's title holds a lone surrogate (valid JSON: "\ud800"), fetched twice
    const day = JSON.parse(readFileSync(join(API_DIR, 'api_daily_papers_2024-05-27.json'), 'utf8')) as { title: string; paper: { title: string; upvotes: number } }[]
    day[0]!.title = day[0]!.paper.title = 'A Lone \ud800 Surrogate'
    const first = lib.importDump({ path: 'day.json', bytes: utf8(JSON.stringify(day)) })
    day[0]!.paper.upvotes += 5 // fetched again later that day
    const second = lib.importDump({ path: 'day-later.json', bytes: utf8(JSON.stringify(day)) })
    expect(first).toMatchObject({ status: 'imported', added: day.length })
    expect(second).toMatchObject({ status: 'updated', added: 0, updated: 1 })
    expect(papers(lib)).toHaveLength(2 + day.length)
    lib.close()
  })
})
