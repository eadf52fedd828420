/**
 * `margin export` and `margin key` as a user runs them: the built bin, a real library file, the
 * shared dumps. `npm test` builds first; run `npm run build` before `vitest` alone.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from '@retorquere/bibtex-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireBuiltCli, runMargin } from '../helpers/cli'
import { DUMP_FILES } from '../helpers/fixtures'
import { API_FILES } from '../helpers/library'

let dir: string
let library: string

const margin = (...args: string[]) => runMargin(library, ...args)

beforeAll(() => {
  requireBuiltCli()
  dir = mkdtempSync(join(tmpdir(), 'margin-export-cli-'))
  library = join(dir, 'lib.sqlite')
  expect(margin('import', ...DUMP_FILES, ...API_FILES).code).toBe(0)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('margin export', () => {
  it('bibtex prints the whole library to stdout, and writes --out files', () => {
    const r = margin('export', 'bibtex')
    expect(r.code).toBe(0)
    const bib = parse(r.out, { english: false })
    expect(bib.errors).toEqual([])
    expect(bib.entries).toHaveLength(157)
    const out = join(dir, 'refs.bib')
    const w = margin('export', 'bibtex', '--out', out)
    expect(w.code).toBe(0)
    expect(w.err).toContain('exported 157 papers')
    expect(readFileSync(out, 'utf8')).toBe(r.out)
  })

  it('narrows to --starred and --query, and adds notes with --with-notes', () => {
    const neuro = JSON.parse(margin('list', '--json').out).papers.find((p: { title: string }) => p.title.startsWith('Neuroformer:'))
    expect(margin('mark', String(neuro.id), '--star').code).toBe(0)
    expect(margin('note', String(neuro.id), '--set', 'Cite for 100% of the spike data.').code).toBe(0)
    const starred = margin('export', 'bibtex', '--starred', '--with-notes')
    expect(starred.code).toBe(0)
    expect(starred.out.match(/^@misc\{/gm)).toHaveLength(1)
    expect(starred.out).toContain('@misc{neuroformer2023,')
    expect(starred.out).toContain('  note = {Cite for 100\\% of the spike data.}')
    expect(margin('export', 'bibtex', '--starred').out).not.toContain('note =')
    const query = margin('export', 'bibtex', '--query', 'neuroformer')
    expect(query.out).toContain('@misc{neuroformer2023,')
    expect(margin('export', 'bibtex', '--query', 'year:abc').code).toBe(64) // a malformed search: usage
    // --id, repeated: those papers, in that order
    const two = margin('export', 'bibtex', '--id', String(neuro.id), '--id', '1')
    expect(two.out.match(/^@misc\{[^,]+/gm)).toEqual(['@misc{neuroformer2023', `@misc{${margin('key', '1').out.trim()}`])
  })

  it('csl prints CSL-JSON; markdown writes one file per paper', () => {
    const csl = JSON.parse(margin('export', 'csl', '--starred').out)
    expect(csl.map((i: { id: string }) => i.id)).toEqual(['neuroformer2023'])
    const md = join(dir, 'vault')
    const r = margin('export', 'markdown', '--dir', md, '--notes-only', '--json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out).written).toEqual(['neuroformer2023.md'])
    // beside the note, the manifest of what Margin wrote there
    expect(readdirSync(md).sort()).toEqual(['.margin-export.json', 'neuroformer2023.md'])
    expect(margin('export', 'markdown', '--dir', md, '--notes-only').out).toMatch(/^0 written, 0 updated, 1 unchanged/)
  })

  it('key prints and edits a citation key, refusing duplicates with a sentence', () => {
    const ids = JSON.parse(margin('list', '--json').out).papers.map((p: { id: number }) => p.id)
    const other = margin('key', String(ids[1])).out.trim()
    expect(margin('key', String(ids[0]), '--set', 'mykey2026').out.trim()).toBe('mykey2026')
    const dup = margin('key', String(ids[0]), '--set', other)
    expect(dup.code).toBe(65) // keyTaken: bad data
    expect(dup.err).toMatch(/^margin: The citation key ".*" is already used by "/)
    expect(margin('key', String(ids[0]), '--set', 'bad key').err).toMatch(/^margin: A citation key can hold only/)
    expect(margin('key', '999999').code).toBe(66) // no such paper
  })
})
