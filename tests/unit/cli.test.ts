/**
 * The `margin` command as a user runs it: the built bin, a real library file, real dumps.
 * `npm test` builds first; run `npm run build` before `vitest` alone.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MARGIN_BIN, requireBuiltCli, runMargin } from '../helpers/cli'
import { DUMP_FILES } from '../helpers/fixtures'

let dir: string
let library: string

const margin = (...args: string[]) => runMargin(library, ...args)

beforeAll(() => {
  requireBuiltCli()
  dir = mkdtempSync(join(tmpdir(), 'margin-cli-'))
  library = join(dir, 'lib.sqlite')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('margin import', () => {
  it('imports the three shared dumps: 149 entries, 105 papers', () => {
    const r = margin('import', '--json', ...DUMP_FILES)
    expect(r.code).toBe(0)
    const json = JSON.parse(r.out)
    expect(json.totalPapers).toBe(105)
    expect(json.files.map((f: { status: string; papers: number; dumpDate: string }) => [f.status, f.papers, f.dumpDate])).toEqual([
      ['imported', 44, '2026-04-20'],
      ['imported', 50, '2026-04-16'],
      ['imported', 55, '2026-04-13'],
    ])
    expect(Object.keys(json.files[0]).sort()).toEqual(
      ['added', 'dumpDate', 'error', 'merged', 'path', 'papers', 'status', 'updated', 'warnings'].sort(),
    )
  })

  it('says when a file is already imported, and fails only the bad files (exit 66: one is missing)', () => {
    const bad = join(dir, 'notes.txt')
    writeFileSync(bad, 'Just some prose.\n\nNothing to see here.\n')
    const r = margin('import', DUMP_FILES[0]!, bad, join(dir, 'missing.txt'))
    expect(r.code).toBe(66)
    expect(r.out).toContain('already imported, nothing changed')
    expect(r.out).toMatch(/notes\.txt: failed: Not a Daily Papers dump/)
    expect(r.out).toMatch(/missing\.txt: failed: no such file/)
    expect(r.out).toContain('Library: 105 papers.')
  })
})

describe('margin list, mark and note', () => {
  it('lists papers as JSON in the documented shape', () => {
    const r = margin('list', '--limit', '2', '--json')
    expect(r.code).toBe(0)
    const { papers } = JSON.parse(r.out)
    expect(papers).toHaveLength(2)
    expect(Object.keys(papers[0]).sort()).toEqual(
      ['abstract', 'arxivId', 'authors', 'authorsCount', 'dumps', 'id', 'org', 'publishedAt', 'read', 'starred', 'title', 'upvotes', 'url'].sort(),
    )
    expect(papers[0].dumps).toEqual(['2026-04-20'])
    // text-dump papers: no id or names yet, and a Hugging Face Papers search for the title
    expect(papers[0]).toMatchObject({ arxivId: null, authors: null })
    expect(papers[0].url).toBe(`https://huggingface.co/papers?q=${encodeURIComponent(papers[0].title)}`)
  })

  it('marks papers read and starred, and filters on it', () => {
    const ids = JSON.parse(margin('list', '--limit', '3', '--json').out).papers.map((p: { id: number }) => p.id)
    expect(margin('mark', String(ids[0]), String(ids[1]), '--read').code).toBe(0)
    expect(margin('mark', String(ids[1]), '--star').code).toBe(0)
    const unread = JSON.parse(margin('list', '--unread', '--json').out).papers
    expect(unread).toHaveLength(103)
    expect(unread.map((p: { id: number }) => p.id)).not.toContain(ids[0])
    const starred = JSON.parse(margin('list', '--starred', '--json').out).papers
    expect(starred.map((p: { id: number; read: boolean }) => [p.id, p.read])).toEqual([[ids[1], true]])
    expect(JSON.parse(margin('list', '--starred', '--unread', '--json').out).papers).toEqual([])
    expect(margin('mark', String(ids[0]), '--unread').code).toBe(0)
    expect(JSON.parse(margin('list', '--unread', '--json').out).papers).toHaveLength(104)
  })

  it('sets and prints a note', () => {
    expect(margin('note', '1', '--set', '**Key idea**: $x^2$').code).toBe(0)
    expect(margin('note', '1').out).toBe('**Key idea**: $x^2$\n')
  })

  it('rejects bad arguments with a sentence, not a stack trace', () => {
    const cases = [
      margin('mark', '7'),
      margin('mark', 'abc', '--read'),
      margin('mark', '99999', '--read'),
      margin('list', '--limit', '-3'),
      margin('mark', '1', '--read', '--unread'),
    ]
    for (const r of cases) {
      expect(r.code).not.toBe(0)
      expect(r.err).not.toMatch(/\n\s+at /) // no stack
    }
    expect(cases[0]!.err).toContain('say what to mark')
    expect(cases[1]!.err).toContain('"abc" is not a paper id')
    expect(cases[2]!.err).toContain('no paper with id 99999')
  })

  it('uses MARGIN_LIBRARY when no --library is given', () => {
    const out = execFileSync(process.execPath, [MARGIN_BIN, 'list', '--limit', '1', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, MARGIN_LIBRARY: library },
    })
    expect(JSON.parse(out).papers).toHaveLength(1)
  })
})
