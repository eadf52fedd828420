/**
 * A dump is a day: the same page saved again with other bytes is already imported; a later, fuller
 * save or fetch of the day adds what is new and raises the day's upvotes, never a second dump; a
 * truncated copy adds nothing. On the real fixtures (tests/fixtures/daily-dumps and hf-api), with
 * the variants a user's disk really holds made here.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Library } from '../../src/main/library/library'
import { DUMP_FILES, dumpText, utf8 } from '../helpers/fixtures'
import { API_DIR } from '../helpers/library'

const API_FILE = join(API_DIR, 'api_daily_papers_2025-10-03.json')
const apiText = () => readFileSync(API_FILE, 'utf8')
type ApiEntry = { title: string; paper: { title: string; upvotes: number } }

const utf16le = (s: string) => Uint8Array.from([0xff, 0xfe, ...Buffer.from(s, 'utf16le')])
const bomUtf8 = (s: string) => Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from(s, 'utf8')])

/** The text dump of Apr 20 and the variants of it a re-save produces. */
function textVariants(): [string, Uint8Array][] {
  const text = dumpText(0)
  return [
    ['crlf.txt', utf8(text.replace(/\n/g, '\r\n'))],
    ['utf16.txt', utf16le(text)],
    ['bom.txt', bomUtf8(text)],
    ['trailing.txt', utf8(text.replace(/\n/g, '   \n') + '\n\n\n')],
    ['utf16-crlf.txt', utf16le(text.replace(/\n/g, '\r\n'))],
  ]
}

/** The dump cut off in the middle of an abstract (a save interrupted, a copy of part of the page). */
function truncated(text: string): string {
  const abstract = text.indexOf('\n\n', text.indexOf('Brain Diffusion for Visual Exploration')) + 2
  return text.slice(0, text.indexOf(' ', abstract + 300))
}

function dayRows(lib: Library) {
  return lib.db.prepare('SELECT dump_date AS day, entries FROM dumps ORDER BY dump_date').all() as { day: string; entries: number }[]
}

function dayVotes(lib: Library, day: string): Map<string, number | null> {
  const rows = lib.db
    .prepare(
      `SELECT p.title, a.upvotes FROM appearances a JOIN dumps d ON d.id = a.dump_id JOIN papers p ON p.id = a.paper_id
       WHERE d.dump_date = ?`,
    )
    .all(day) as { title: string; upvotes: number | null }[]
  return new Map(rows.map((r) => [r.title, r.upvotes]))
}

/** Every paper has one appearance per day it was seen on. */
function appearancesPerPaperDay(lib: Library): number {
  return lib.db
    .prepare('SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM appearances GROUP BY dump_id, paper_id)')
    .pluck()
    .get() as number
}

describe('a text dump saved again', () => {
  it('is already imported whatever its bytes: CRLF, UTF-16 LE with BOM, UTF-8 BOM, trailing spaces', () => {
    const lib = new Library(':memory:')
    const first = lib.importDump({ path: DUMP_FILES[0]!, bytes: readFileSync(DUMP_FILES[0]!) })
    expect(first).toMatchObject({ status: 'imported', dumpDate: '2026-04-20', papers: 44, added: 44 })
    const files = textVariants()
    const results = lib.importDumps(files.map(([path, bytes]) => ({ path, bytes })))
    expect(results.map((r) => [r.path, r.status, r.dumpDate, r.papers, r.added, r.merged, r.updated])).toEqual(
      files.map(([path]) => [path, 'already-imported', '2026-04-20', 44, 0, 0, 0]),
    )
    expect(dayRows(lib)).toEqual([{ day: '2026-04-20', entries: 44 }])
    expect(lib.counts()).toMatchObject({ total: 44, dumps: 1 })
    expect(appearancesPerPaperDay(lib)).toBe(1)
    // nothing was written: the files are not even remembered
    expect(lib.db.prepare('SELECT count(*) FROM dump_files').pluck().get()).toBe(1)
    const paper = lib.listPapers({ limit: 1 })[0]!
    expect(paper.appearances.map((a) => a.dumpDate)).toEqual(['2026-04-20'])
    lib.close()
  })

  it('a truncated copy adds nothing; imported first, the full page later adds the rest to the same day', () => {
    const full = dumpText(0)
    const cut = truncated(full)
    const lib = new Library(':memory:')
    lib.importDump({ path: 'full.txt', bytes: utf8(full) })
    const abstracts = lib.listPapers().map((p) => [p.title, p.abstract])
    expect(lib.importDump({ path: 'cut.txt', bytes: utf8(cut) })).toMatchObject({ status: 'already-imported', added: 0 })
    expect(lib.listPapers().map((p) => [p.title, p.abstract])).toEqual(abstracts)

    const later = new Library(':memory:')
    const partial = later.importDump({ path: 'cut.txt', bytes: utf8(cut) })
    expect(partial.status).toBe('imported')
    expect(partial.papers).toBeLessThan(44)
    const rest = later.importDump({ path: 'full.txt', bytes: utf8(full) })
    // the papers the cut copy missed are new; the one it cut mid-abstract gets its whole abstract
    expect(rest).toMatchObject({ status: 'updated', dumpDate: '2026-04-20', added: 44 - partial.papers, merged: 0, updated: 1 })
    expect(dayRows(later)).toEqual([{ day: '2026-04-20', entries: 44 }])
    expect(later.listPapers().map((p) => [p.title, p.abstract]).sort()).toEqual([...abstracts].sort())
    expect(appearancesPerPaperDay(later)).toBe(1)
    later.close()
    lib.close()
  })

  it('a later save with upvotes raises them for that day; an older copy imported after it never lowers them', () => {
    const text = dumpText(0)
    const withVotes = (n: number) => text.replace('\nFeb 21, 2024\n', `\nFeb 21, 2024 ${n}\n`)
    const lib = new Library(':memory:')
    lib.importDump({ path: 'morning.txt', bytes: utf8(withVotes(12)) })
    const title = 'Learning dynamic representations of the functional connectome in neurobiological networks'
    expect(dayVotes(lib, '2026-04-20').get(title)).toBe(12)
    expect(lib.importDump({ path: 'evening.txt', bytes: utf8(withVotes(31)) })).toMatchObject({ status: 'updated', added: 0, merged: 0, updated: 1 })
    expect(lib.importDump({ path: 'noon.txt', bytes: utf8(withVotes(20)) })).toMatchObject({ status: 'already-imported' })
    expect(dayVotes(lib, '2026-04-20').get(title)).toBe(31)
    expect(lib.listPapers().find((p) => p.title === title)).toMatchObject({ upvotes: 31, appearances: [{ dumpDate: '2026-04-20', upvotes: 31 }] })
    expect(dayRows(lib)).toEqual([{ day: '2026-04-20', entries: 44 }])
    lib.close()
  })
})

describe('an API day fetched again', () => {
  it('re-serialised is already imported; a later fetch with new upvotes updates the day, not a second dump', () => {
    const lib = new Library(':memory:')
    const first = lib.importDump({ path: API_FILE, bytes: readFileSync(API_FILE) })
    expect(first).toMatchObject({ status: 'imported', dumpDate: '2025-10-03', papers: 39, added: 39 })
    const list = JSON.parse(apiText()) as ApiEntry[]
    const before = dayVotes(lib, '2025-10-03')

    for (const [path, text] of [
      ['pretty.json', JSON.stringify(list, null, 4)],
      ['minified.json', JSON.stringify(list)],
      ['crlf.json', apiText().replace(/\n/g, '\r\n')],
      ['wrapped.json', JSON.stringify({ date: '2025-10-03', data: list })],
    ] as const) {
      expect(lib.importDump({ path, bytes: utf8(text) })).toMatchObject({ path, status: 'already-imported', dumpDate: '2025-10-03', added: 0 })
    }
    expect(lib.importDump({ path: 'utf16.json', bytes: utf16le(apiText()) }).status).toBe('already-imported')

    // the evening's fetch: the first three papers gained upvotes
    const later = list.map((e, i) => (i < 3 ? { ...e, paper: { ...e.paper, upvotes: e.paper.upvotes + 7 } } : e))
    const update = lib.importDump({ path: 'evening.json', bytes: utf8(JSON.stringify(later)) })
    expect(update).toMatchObject({ status: 'updated', dumpDate: '2025-10-03', papers: 39, added: 0, merged: 0, updated: 3 })
    const after = dayVotes(lib, '2025-10-03')
    for (const [i, e] of list.entries()) {
      expect(after.get(e.paper.title.replace(/\s+/g, ' ').trim()) ?? after.get(e.title)).toBe(e.paper.upvotes + (i < 3 ? 7 : 0))
    }
    expect(after.size).toBe(before.size)
    // the morning's file again (its exact bytes, then re-serialised): nothing lowers the evening's counts
    expect(lib.importDump({ path: API_FILE, bytes: readFileSync(API_FILE) }).status).toBe('already-imported')
    expect(lib.importDump({ path: 'morning-again.json', bytes: utf8(JSON.stringify(list, null, 1)) }).status).toBe('already-imported')
    expect(dayVotes(lib, '2025-10-03')).toEqual(after)
    expect(dayRows(lib)).toEqual([{ day: '2025-10-03', entries: 39 }])
    expect(lib.counts()).toMatchObject({ total: 39, dumps: 1 })
    // per-file history: the two files that changed the day
    expect(lib.db.prepare('SELECT file_name FROM dump_files ORDER BY imported_at, file_name').pluck().all()).toEqual([API_FILE, 'evening.json'])
    lib.close()
  })

  it('a text dump of the same day joins the API day: one dump, its new paper added, the others merged', () => {
    const list = JSON.parse(apiText()) as ApiEntry[]
    const lib = new Library(':memory:')
    lib.importDump({ path: API_FILE, bytes: readFileSync(API_FILE) })
    const blocks = [
      ...list.slice(0, 2).map((e) => `${e.paper.title}\n\n${(e.paper as unknown as { summary: string }).summary}\n\n  • 9 authors\n·\nOct 2`),
      'A Paper Only the Saved Page Listed\n\nIts abstract, long enough to be an abstract of a paper in a dump.\n\n  • 2 authors\n·\nOct 2',
    ]
    const page = ['new', 'Get trending papers in your email inbox!', 'Subscribe', 'Daily Papers', 'byAK and the research community', 'Oct 3', ...blocks].join('\n\n')
    const r = lib.importDump({ path: 'page.txt', bytes: utf8(page), modifiedAt: new Date('2025-10-03T20:00:00Z') })
    expect(r).toMatchObject({ status: 'updated', dumpDate: '2025-10-03', papers: 3, added: 1, merged: 0 })
    expect(dayRows(lib)).toEqual([{ day: '2025-10-03', entries: 40 }])
    expect(appearancesPerPaperDay(lib)).toBe(1)
    lib.close()
  })
})

describe('the boundary API files of December 2024 – March 2025', () => {
  it('land on their own days in the library, one dump each, and again are already imported', () => {
    const lib = new Library(':memory:')
    // (2024-12-25 and 2025-01-10 are the archive's malformed files: hf-api.test.ts covers their messages)
    const names = [ '2025-02-03.json', '2025-02-04.json', '2025-02-05.json', '2025-03-13.json']
    const inputs = names.map((n) => ({ path: join(API_DIR, 'archive', n), bytes: readFileSync(join(API_DIR, 'archive', n)) }))
    const results = lib.importDumps(inputs)
    expect(results.map((r) => [r.status, r.dumpDate])).toEqual(names.map((n) => ['imported', n.slice(0, 10)]))
    expect(dayRows(lib).map((d) => d.day)).toEqual(names.map((n) => n.slice(0, 10)))
    const again = lib.importDumps(inputs.map((i) => ({ ...i, bytes: utf8(JSON.stringify(JSON.parse(Buffer.from(i.bytes).toString('utf8')))) })))
    expect(again.map((r) => [r.status, r.dumpDate])).toEqual(names.map((n) => ['already-imported', n.slice(0, 10)]))
    expect(lib.counts().dumps).toBe(4)
    lib.close()
  })
})
