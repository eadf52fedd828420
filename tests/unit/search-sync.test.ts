/** The search index follows the library: imports, re-imports, notes, tags, migration; saved searches. */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Library } from '../../src/main/library/library'
import { migrate } from '../../src/main/library/migrations'
import {
  addTags,
  deleteSavedSearch,
  listSavedSearches,
  matchingIds,
  rebuildIndex,
  removeTags,
  saveSearch,
  searchPapers,
  smartFeed,
} from '../../src/main/search'
import { MARGIN_BIN, requireBuiltCli } from '../helpers/cli'
import { DUMP_FILES, dumpBytes } from '../helpers/fixtures'
import { dumpLibrary, entry, importEntries } from '../helpers/library'

const ids = (lib: Library, q: string) => searchPapers(lib, q, { limit: 1000 }).results.map((r) => r.id)
const ftsRows = (lib: Library) => lib.db.prepare('SELECT count(*) FROM search_fts').pluck().get() as number
const dir = mkdtempSync(join(tmpdir(), 'margin-search-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the index follows the library', () => {
  it('indexes every imported paper once, and a re-import changes nothing', () => {
    const lib = dumpLibrary()
    expect(ftsRows(lib)).toBe(105)
    const before = ids(lib, 'brain ')
    expect(lib.importDump({ path: 'again', bytes: dumpBytes(0) }).status).toBe('already-imported')
    expect(ftsRows(lib)).toBe(105)
    expect(ids(lib, 'brain ')).toEqual(before)
    lib.close()
  })

  it('a paper seen again with a longer abstract is searchable by its new words, not twice', () => {
    const lib = dumpLibrary()
    const title = 'SwiFT: Swin 4D fMRI Transformer'
    const id = lib.db.prepare('SELECT id FROM papers WHERE title = ?').pluck().get(title) as number
    const longer = `${lib.getPaper(id)!.abstract} It also predicts zeitgeberlike rhythms.`
    expect(ids(lib, 'zeitgeberlike ')).toEqual([])
    importEntries(lib, 'Apr 21', [entry(title, longer, '  • 3 authors\n·\nOct 30, 2023')])
    expect(ids(lib, 'zeitgeberlike ')).toEqual([id])
    expect(ftsRows(lib)).toBe(105)
    // the vocabulary learnt the new word: a typo of it finds the paper
    expect(ids(lib, 'zeitgeberlik ')).toEqual([id])
    lib.close()
  })

  it('new papers are found right after their import, typos of their new words included', () => {
    const lib = dumpLibrary()
    const r = importEntries(lib, 'Apr 22', [
      entry('Quasiperiodic Dendritic Oscillators for Sequence Memory', 'We study quasiperiodic oscillators in dendrites.', '  • 2 authors\n·\nApr 21, 2026'),
    ])
    expect(r.added).toBe(1)
    const id = lib.db.prepare("SELECT id FROM papers WHERE title LIKE 'Quasiperiodic%'").pluck().get() as number
    expect(ids(lib, 'quasiperiodic ')[0]).toBe(id)
    expect(ids(lib, 'quasiperodic dendritic ')[0]).toBe(id)
    expect(ids(lib, `dump:${r.dumpDate}`)).toEqual([id])
    lib.close()
  })

  it('notes are searchable as soon as they are saved, and no longer once removed', () => {
    const lib = dumpLibrary()
    expect(ids(lib, 'xylophonic ')).toEqual([])
    lib.setNote(7, 'A **xylophonic** idea worth a second read')
    expect(ids(lib, 'xylophonic ')).toEqual([7])
    expect(ids(lib, 'xylophnic ')).toEqual([7]) // typo, via the vocabulary's catch-up
    expect(ids(lib, 'has:note')).toEqual([7])
    lib.setNote(7, 'changed my mind')
    expect(ids(lib, 'xylophonic ')).toEqual([])
    expect(ids(lib, 'mind ')).toContain(7)
    expect(ftsRows(lib)).toBe(105)
    lib.close()
  })

  it('tags are searchable as words and with tag:', () => {
    const lib = dumpLibrary()
    expect(addTags(lib, 5, ['Reading-Group', 'snn'])).toEqual(['reading-group', 'snn'])
    expect(ids(lib, 'tag:reading-group')).toEqual([5])
    expect(ids(lib, 'tag:snn')).toEqual([5])
    expect(ids(lib, 'snn ')).toContain(5)
    expect(removeTags(lib, 5, ['snn'])).toEqual(['reading-group'])
    expect(ids(lib, 'tag:snn')).toEqual([])
    expect(() => addTags(lib, 5, ['two words'])).toThrow(/one word/)
    lib.close()
  })

  it('rebuildIndex gives the same answers', () => {
    const lib = dumpLibrary()
    lib.setNote(9, 'hat detector')
    const queries = ['brain ', 'spikng neurons ', 'hat ', 'is:unread year:>=2025', '"visual cortex" ']
    const before = queries.map((q) => ids(lib, q))
    rebuildIndex(lib.db)
    expect(queries.map((q) => ids(lib, q))).toEqual(before)
    lib.close()
  })
})

describe('migration from version 1', () => {
  it('keeps every paper and makes them searchable', () => {
    const path = join(dir, 'v1.sqlite')
    // a library written by the version before search (schema 1)
    const old = new Database(path)
    migrate(old, 1)
    old.close()
    // fill it through a Library at schema 1: import with the search hook has nothing to write to yet,
    // so import into a current library and copy the rows back instead
    const cur = dumpLibrary()
    cur.setNote(3, 'semantic attractor note')
    const v1 = new Database(path)
    for (const table of ['dumps', 'papers', 'appearances']) {
      const cols = (v1.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name).join(', ')
      const rows = cur.db.prepare(`SELECT ${cols} FROM ${table}`).raw().all() as unknown[][]
      const ins = v1.prepare(`INSERT INTO ${table} (${cols}) VALUES (${cols.split(',').map(() => '?').join(', ')})`)
      v1.transaction(() => rows.forEach((r) => ins.run(...r)))()
    }
    expect(v1.pragma('user_version', { simple: true })).toBe(1)
    v1.close()
    cur.close()

    const lib = new Library(path)
    expect(lib.counts().total).toBe(105)
    expect(lib.getPaper(3)!.note).toBe('semantic attractor note')
    expect(ftsRows(lib)).toBe(105)
    expect(ids(lib, 'attractor note ')[0]).toBe(3)
    expect(ids(lib, 'spikng neurons ').length).toBeGreaterThan(0)
    lib.close()
  })
})

describe('saved searches', () => {
  it('are stored in the library with their counts, and follow new imports', () => {
    const path = join(dir, 'saved.sqlite')
    let lib = new Library(path)
    lib.importDump({ path: DUMP_FILES[0]!, bytes: dumpBytes(0) })
    const s = saveSearch(lib, 'Spiking', 'spikng is:unread')
    expect(s).toMatchObject({ name: 'Spiking', query: 'spikng is:unread' })
    expect(s.total).toBeGreaterThan(0)
    expect(s.unread).toBe(s.total)
    const before = s.total
    lib.close()

    lib = new Library(path)
    lib.importDump({ path: DUMP_FILES[2]!, bytes: dumpBytes(2) })
    const [after] = listSavedSearches(lib)
    expect(after!.total).toBeGreaterThan(before)
    const feed = matchingIds(lib, after!.query)
    expect(feed).toHaveLength(after!.total)
    lib.setRead(feed.slice(0, 2), true)
    expect(listSavedSearches(lib)[0]).toMatchObject({ total: after!.total - 2, unread: after!.total - 2 }) // is:unread
    saveSearch(lib, 'Spiking', 'spiking') // same name: replaces the query
    expect(listSavedSearches(lib)).toEqual([expect.objectContaining({ name: 'Spiking', query: 'spiking', unread: after!.total - 2, total: after!.total })])
    saveSearch(lib, 'all of 2009', 'year:2009')
    expect(listSavedSearches(lib).map((x) => x.name)).toEqual(['all of 2009', 'Spiking'])
    expect(deleteSavedSearch(lib, 'Spiking')).toBe(true)
    expect(deleteSavedSearch(lib, 'Spiking')).toBe(false)
    expect(() => saveSearch(lib, '  ', 'x')).toThrow()
    lib.close()
  })
})

describe('a saved search opened as a smart feed', () => {
  it('lists exactly the papers its counts count, including a last word saved half-typed', () => {
    const lib = dumpLibrary()
    for (const query of ['spiking neurons', 'spiking neur', 'transf', 'diffusion is:unread', 'is:unread']) {
      const saved = saveSearch(lib, query, query)
      const feed = smartFeed(lib, query)
      expect(feed.ids, query).toHaveLength(saved.total)
      expect(saved.total, query).toBeGreaterThan(0)
      const unread = lib.db.prepare('SELECT count(*) FROM papers WHERE read = 0 AND id IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify(feed.ids))
      expect(unread, query).toBe(saved.unread)
      // newest first, like the feed
      const days = feed.ids.map((id) => lib.getPaper(id)!.firstSeen)
      expect(days, query).toEqual([...days].sort().reverse())
    }
    // every paper of the feed has all the words; the box's ranking also lists papers with some of them
    const both = smartFeed(lib, 'spiking neurons')
    for (const id of both.ids) expect(lib.getPaper(id)!.title + lib.getPaper(id)!.abstract).toMatch(/spiking[\s\S]*neuron|neuron[\s\S]*spiking/i)
    expect(both.terms).toEqual(expect.arrayContaining(['spiking', 'neurons']))
    expect(searchPapers(lib, 'spiking neurons', { limit: 1000 }).results.length).toBeGreaterThan(both.ids.length)
    // the last word is completed only for saved searches (saved as typed), not for matchingIds (exports)
    expect(smartFeed(lib, 'spiking neur').ids.length).toBeGreaterThan(0)
    expect(matchingIds(lib, 'spiking neur')).toEqual([])
    expect(matchingIds(lib, 'spiking neurons')).toEqual(smartFeed(lib, 'spiking neurons ').ids)
    // and the ranked search's 12-word cap does not apply to them
    const long = 'spiking neurons spiking neurons spiking neurons spiking neurons spiking neurons spiking neurons spiking'
    expect(matchingIds(lib, long)).toEqual(matchingIds(lib, 'spiking neurons'))
    lib.close()
  })
})

describe('margin search (the built CLI)', () => {
  beforeAll(requireBuiltCli)
  const library = join(dir, 'cli.sqlite')
  const margin = (...args: string[]) => spawnSync(process.execPath, [MARGIN_BIN, '--library', library, ...args], { encoding: 'utf8' })

  it('prints {"results":[{"id","title","score","authors","arxivId","url"}]} best first, typos forgiven', () => {
    execFileSync(process.execPath, [MARGIN_BIN, '--library', library, 'import', ...DUMP_FILES])
    const r = margin('search', 'spikng', 'neurons', '--limit', '3', '--json')
    expect(r.status).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json.results).toHaveLength(3)
    expect(Object.keys(json.results[0]).sort()).toEqual(['arxivId', 'authors', 'id', 'score', 'title', 'url'])
    expect(json.results[0].title).toBe('Learning heterogeneous delays in a layer of spiking neurons for fast motion detection')
  })

  it('accepts -word, reports unknown filters on stderr, saves searches', () => {
    const r = margin('search', 'spiking', '-neuromorphic', 'colour:red', '--json')
    expect(r.status).toBe(64) // a malformed query is a usage error (sysexits), the rest still searched
    expect(JSON.parse(r.stdout).errors[0].message).toContain('Unknown filter')
    expect(r.stderr).toContain('Unknown filter "colour:"')
    expect(margin('search', 'brain', 'is:unread', '--save', 'Brains').status).toBe(0)
    const saved = JSON.parse(margin('search', '--saved', '--json').stdout).saved
    expect(saved).toEqual([expect.objectContaining({ name: 'Brains', query: 'brain is:unread' })])
    expect(margin('search', '--delete', 'nope').status).toBe(66) // no such saved search
  })
})
