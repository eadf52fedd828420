/** CSL-JSON and Markdown notes export (issue 5), and export scopes. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { exportMarkdownNotes, exportText, scopeIds } from '../../src/main/export'
import { cslName } from '../../src/main/export/csl'
import type { Library } from '../../src/main/library/library'
import { fullLibrary } from '../helpers/library'

/** The CSL-JSON item shape (CSL 1.0.2 schema), as far as the export uses it. */
const CslDate = z.object({ 'date-parts': z.array(z.array(z.number().int()).min(1).max(3)).length(1) }).strict()
const CslName = z.union([
  z.object({ family: z.string().min(1), given: z.string().min(1) }).strict(),
  z.object({ literal: z.string().min(1) }).strict(),
])
const CslItem = z
  .object({
    id: z.string().min(1),
    'citation-key': z.string().min(1),
    type: z.literal('article'),
    title: z.string().min(1),
    abstract: z.string().optional(),
    author: z.array(CslName).min(1).optional(),
    issued: CslDate,
    URL: z.string().url().optional(),
    DOI: z.string().regex(/^10\.48550\/arXiv\.\d{4}\.\d{4,5}$/).optional(),
    number: z.string().optional(),
    publisher: z.string().optional(),
    genre: z.string().optional(),
    note: z.string().optional(),
  })
  .strict()

let lib: Library
let dir: string
beforeEach(() => {
  lib = fullLibrary()
  dir = mkdtempSync(join(tmpdir(), 'margin-export-'))
})
afterEach(() => {
  lib.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('CSL-JSON', () => {
  it('is a valid item per paper, keyed by the citation key, with no invented author', () => {
    const out = exportText(lib, 'csl', { kind: 'all' })
    const items = z.array(CslItem).parse(JSON.parse(out.text))
    expect(items).toHaveLength(105 + 52)
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length)
    const papers = new Map(lib.listPapers().map((p) => [p.citationKey, p]))
    for (const item of items) {
      const p = papers.get(item.id)!
      expect(item.title).toBe(p.title)
      expect(item.abstract).toBe(p.abstract || undefined)
      expect(item.issued['date-parts'][0]![0]).toBe(Number((p.publishedAt ?? p.firstSeen).slice(0, 4)))
      if (p.authors) expect(item.author).toHaveLength(p.authors.length)
      else {
        expect(item.author).toBeUndefined()
        if (p.authorsCount) expect(item.note).toContain(`${p.authorsCount} author`)
        if (p.org) expect(item.note).toContain(p.org.name)
      }
      if (p.arxivId) expect(item.URL).toBe(`https://arxiv.org/abs/${p.arxivId}`)
    }
    const neuro = items.find((i) => i.id === 'neuroformer2023')!
    expect(neuro.issued).toEqual({ 'date-parts': [[2023, 10, 31]] })
  })

  it('splits names into given and family, and keeps one-word names whole', () => {
    expect(cslName('Huy V. Vo')).toEqual({ given: 'Huy V.', family: 'Vo' })
    expect(cslName('Xingyu')).toEqual({ literal: 'Xingyu' })
  })

  it('carries the note only when asked', () => {
    const id = lib.viewIds()[0]!
    lib.setNote(id, 'Read this twice.')
    const key = lib.citationKey(id)
    const without = JSON.parse(exportText(lib, 'csl', { kind: 'selection', ids: [id] }).text)
    const withNotes = JSON.parse(exportText(lib, 'csl', { kind: 'selection', ids: [id] }, { withNotes: true }).text)
    expect(without[0].id).toBe(key)
    expect(without[0].note ?? '').not.toContain('Read this twice.')
    expect(withNotes[0].note).toContain('Read this twice.')
  })
})

describe('scopes', () => {
  it('cover a selection, the starred papers, a feed view, a search, and the whole library', () => {
    const all = lib.viewIds()
    lib.setStarred(all.slice(0, 3), true)
    lib.setRead(all.slice(0, 10), true)
    expect(scopeIds(lib, { kind: 'all' })).toEqual(all)
    expect(scopeIds(lib, { kind: 'selection', ids: [all[7]!, all[2]!, all[7]!] })).toEqual([all[7], all[2]])
    expect(scopeIds(lib, { kind: 'starred' })).toEqual(all.slice(0, 3))
    expect(scopeIds(lib, { kind: 'view', filter: 'unread' })).toEqual(all.slice(10))
    const neuro = scopeIds(lib, { kind: 'view', query: 'neuroformer' })
    expect(neuro.map((id) => lib.citationKey(id))).toContain('neuroformer2023')
    expect(neuro.length).toBeLessThan(all.length)
    const bib = exportText(lib, 'bibtex', { kind: 'view', query: 'neuroformer' })
    expect(bib.count).toBe(neuro.length)
    expect(bib.text).toContain('@misc{neuroformer2023,')
  })

  it('refuse a malformed search with a sentence', () => {
    expect(() => scopeIds(lib, { kind: 'view', query: 'year:abc' })).toThrow(/has a problem/)
  })
})

describe('Markdown notes', () => {
  const frontMatter = (text: string) => /^---\n([\s\S]*?)\n---\n/.exec(text)![1]!

  it('writes one file per paper, named by citation key, with YAML front matter and the note', () => {
    const id = lib.db.prepare("SELECT id FROM papers WHERE citation_key = 'neuroformer2023'").pluck().get() as number
    lib.setNote(id, 'Key idea: **autoregressive** spikes.\n\n- check $x^2$')
    const r = exportMarkdownNotes(lib, { kind: 'view', filter: 'notes' }, dir)
    expect(r.written).toEqual(['neuroformer2023.md'])
    const text = readFileSync(join(dir, 'neuroformer2023.md'), 'utf8')
    const fm = frontMatter(text)
    expect(fm).toContain('title: "Neuroformer: Multimodal and Multitask Generative Pretraining for Brain Data"')
    expect(fm).toContain('citation_key: "neuroformer2023"')
    expect(fm).toContain(`margin_id: ${id}`)
    expect(fm).toContain('published: 2023-10-31')
    expect(fm).toContain('first_seen: 2026-04-13')
    expect(fm).toMatch(/authors_count: 5/)
    expect(text).toContain('Key idea: **autoregressive** spikes.\n\n- check $x^2$\n')
    // every front matter value is a plain scalar or a JSON (= YAML double-quoted) string
    for (const line of fm.split('\n')) expect(line).toMatch(/^([a-z_]+: ("([^"\\]|\\.)*"|[\w:.-]+|null)|[a-z_]+:| {2}- "([^"\\]|\\.)*")$/)
  })

  it('is idempotent, updates changed notes in place, and writes an edited key\'s new file leaving the old one', () => {
    const ids = lib.viewIds().slice(0, 4)
    ids.forEach((id, i) => lib.setNote(id, `Note ${i} with "quotes", a: colon and # hash`))
    const first = exportMarkdownNotes(lib, { kind: 'selection', ids }, dir)
    expect(first.written).toHaveLength(4)
    const snapshot = () => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]))
    const before = snapshot()
    const again = exportMarkdownNotes(lib, { kind: 'selection', ids }, dir)
    expect(again).toMatchObject({ written: [], updated: [], renamed: [], kept: [], skipped: [] })
    expect(again.unchanged).toHaveLength(4)
    expect(snapshot()).toEqual(before)

    lib.setNote(ids[0]!, 'Changed.')
    const oldName = `${lib.citationKey(ids[1]!)}.md`
    lib.setCitationKey(ids[1]!, 'renamed2026')
    writeFileSync(join(dir, 'unrelated.md'), '# my own file\n')
    const third = exportMarkdownNotes(lib, { kind: 'selection', ids }, dir)
    expect(third.updated).toEqual([`${lib.citationKey(ids[0]!)}.md`])
    expect(third.written).toEqual(['renamed2026.md'])
    expect(third.renamed).toEqual([{ from: oldName, to: 'renamed2026.md' }])
    // the old file is the user's now: left as it was, never deleted
    expect(readFileSync(join(dir, oldName), 'utf8')).toBe(before[oldName])
    const notes = () => readdirSync(dir).filter((f) => f.endsWith('.md'))
    expect(notes()).toHaveLength(6)
    expect(readFileSync(join(dir, 'unrelated.md'), 'utf8')).toBe('# my own file\n')

    // two papers swap keys: each file follows its paper, none is lost
    const [a, b] = [ids[2]!, ids[3]!]
    const [ka, kb] = [lib.citationKey(a)!, lib.citationKey(b)!]
    lib.setCitationKey(a, 'swap-tmp')
    lib.setCitationKey(b, ka)
    lib.setCitationKey(a, kb)
    const fourth = exportMarkdownNotes(lib, { kind: 'selection', ids }, dir)
    expect(fourth.renamed).toEqual(
      expect.arrayContaining([
        { from: `${ka}.md`, to: `${kb}.md` },
        { from: `${kb}.md`, to: `${ka}.md` },
      ]),
    )
    expect(fourth.updated.sort()).toEqual([`${ka}.md`, `${kb}.md`].sort())
    expect(notes()).toHaveLength(6)
    expect(readFileSync(join(dir, `${kb}.md`), 'utf8')).toContain(`margin_id: ${a}\n`)
    expect(readFileSync(join(dir, `${ka}.md`), 'utf8')).toContain(`margin_id: ${b}\n`)
  })

  it('gives keys that map to the same file name distinct files', () => {
    const [a, b] = lib.viewIds()
    lib.setCitationKey(a!, 'smith:2023')
    lib.setCitationKey(b!, 'smith-2023')
    const r = exportMarkdownNotes(lib, { kind: 'selection', ids: [a!, b!] }, dir)
    expect(r.written).toEqual(['smith-2023.md', `smith-2023-${b}.md`])
  })
})

describe('exporting a whole library', () => {
  it('BibTeX and CSL-JSON carry every paper and the warnings; an empty scope gives an empty export', () => {
    const lib = fullLibrary()
    // a character pdfLaTeX cannot take, so there is a warning to carry over
    lib.setNote(lib.viewIds('all', 'date')[3]!, 'Compare with ⛄ results')
    for (const format of ['bibtex', 'csl'] as const) expect(exportText(lib, format, { kind: 'all' }).count).toBe(lib.counts().total)
    expect(exportText(lib, 'bibtex', { kind: 'all' }, { withNotes: true }).warnings.length).toBeGreaterThan(0)
    const none = { kind: 'view', filter: 'all', sort: 'date', query: 'qwxzvk' } as const
    expect(exportText(lib, 'bibtex', none).count).toBe(0)
    expect(exportText(lib, 'csl', none).count).toBe(0)
    lib.close()
  })
})
