/**
 * `margin list --sort for-you` and `margin similar` on the built CLI and a real library: without
 * stars it says how to start (stderr, exit 0); with starred papers it prints unread papers best first
 * with `score` and `reason` in --json; similar lists five papers; an unknown id exits 66.
 * `npm test` builds first; run `npm run build` before `vitest` alone.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireBuiltCli, runMargin } from '../helpers/cli'
import { DUMP_FILES } from '../helpers/fixtures'
import { API_FILES } from '../helpers/library'

let dir: string
let library: string
const margin = (...args: string[]) => runMargin(library, ...args)

interface ListedPaper {
  id: number
  title: string
  read: boolean
  starred: boolean
  score: number
  reason: { terms: string[]; like: { id: number; title: string } | null }
}

beforeAll(() => {
  requireBuiltCli()
  dir = mkdtempSync(join(tmpdir(), 'margin-recommend-cli-'))
  library = join(dir, 'lib.sqlite')
  expect(margin('import', ...DUMP_FILES, ...API_FILES).code).toBe(0)
}, 60_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('margin list --sort for-you', () => {
  it('says how to start without stars or notes, then ranks the unread by the starred papers', () => {
    const empty = margin('list', '--sort', 'for-you', '--json')
    expect(empty.code).toBe(0)
    expect(empty.err).toContain('Star a few papers or write a note')
    expect(JSON.parse(empty.out)).toMatchObject({ sort: 'for-you', positives: 0, papers: [] })

    const all = JSON.parse(margin('list', '--json').out).papers as { id: number; title: string }[]
    const spiking = all.filter((p) => /spiking/i.test(p.title)).map((p) => String(p.id))
    expect(spiking.length).toBeGreaterThanOrEqual(3)
    const [held, ...liked] = spiking
    expect(margin('mark', ...liked, '--star', '--read').code).toBe(0)

    const r = margin('list', '--sort', 'for-you', '--unread', '--limit', '10', '--json')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.out) as { positives: number; hint: null; papers: ListedPaper[] }
    expect(out.positives).toBe(liked.length)
    expect(out.hint).toBeNull()
    expect(out.papers).toHaveLength(10)
    expect(out.papers.every((p) => !p.read)).toBe(true)
    expect(out.papers.map((p) => p.score)).toEqual([...out.papers.map((p) => p.score)].sort((a, b) => b - a))
    expect(out.papers.map((p) => String(p.id))).toContain(held)
    const top = out.papers[0]!
    expect(top.reason.terms.length).toBeGreaterThan(0)
    expect(liked).toContain(String(top.reason.like!.id))

    // the text form: one line per paper and a line of why under it
    const text = margin('list', '--sort', 'for-you', '--limit', '2')
    expect(text.code).toBe(0)
    const lines = text.out.trimEnd().split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[1]).toMatch(/^\s+why: .+ · like: /)
  })

  it('refuses an unknown order', () => {
    const r = margin('list', '--sort', 'best')
    expect(r.code).toBe(64)
    expect(r.err).toMatch(/best/)
  })
})

describe('margin similar', () => {
  it('lists the five nearest papers, as text and as JSON; an unknown paper exits 66', () => {
    const all = JSON.parse(margin('list', '--json').out).papers as { id: number; title: string }[]
    const paper = all.find((p) => /spiking/i.test(p.title))!
    const r = margin('similar', String(paper.id), '--json')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.out) as { id: number; title: string; similar: { id: number; title: string; score: number }[] }
    expect(out.id).toBe(paper.id)
    expect(out.similar).toHaveLength(5)
    expect(out.similar.map((s) => s.id)).not.toContain(paper.id)
    expect(out.similar[0]!.score).toBeGreaterThan(0)
    const text = margin('similar', String(paper.id), '--limit', '3')
    expect(text.out.trimEnd().split('\n')).toHaveLength(3)
    const missing = margin('similar', '999999')
    expect(missing.code).toBe(66)
    expect(missing.err).toContain('no paper with id 999999')
  })
})
