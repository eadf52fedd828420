/**
 * BibTeX export (issue 5): escaping rules, entry contents, and a round trip of the whole shared
 * library (dumps + API responses + hostile papers the test adds) through @retorquere/bibtex-parser,
 * the parser behind Better BibTeX, with every field compared to what was exported.
 */
import { type Entry, parse } from '@retorquere/bibtex-parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { bibtexEntry, type ExportPaper, toBibtex, urlsIn } from '../../src/main/export/bibtex'
import { balanced, escapeAbstract, escapeText, escapeTitle } from '../../src/main/export/latex'
import type { Library } from '../../src/main/library/library'
import type { Paper } from '../../src/shared/contract/shapes/library'
import { entry, fullLibrary, HOSTILE_TITLES, importEntries } from '../helpers/library'

const nfc = (s: string) => s.normalize('NFC')
const squash = (s: string) => s.replace(/\s+/g, ' ').trim()

/** How a BibTeX reader sees a value that already was LaTeX: the constructs the shared data uses. */
function latexReading(text: string): string {
  return nfc(
    squash(text)
      .replace(/\{\\(?:it|em) ([^{}]*)\}/g, '<i>$1</i>')
      .replace(/\\textsc\{([^{}]*)\}/g, '<span style="font-variant:small-caps;">$1</span>')
      .replace(/\\"([A-Za-z])/g, '$1\u0308')
      .replace(/\\%/g, '%')
      .replace(/``/g, '“')
      .replace(/''/g, '”')
      .replace(/---/g, '—')
      .replace(/--/g, '–')
      .replace(/(\S)~(\S)/g, '$1\u00a0$2')
      .replace(/[{}]/g, ''),
  )
}

/** What the parser gives back, with its non-breaking spaces and NFD accents evened out. */
const read = (value: unknown) => nfc(String(value ?? ''))

function names(e: Entry): string[] {
  return (e.fields.author ?? []).map((a) =>
    nfc(a.name ?? [a.firstName, a.prefix, a.lastName, a.suffix].filter((x) => x).join(' ')),
  )
}

const HOSTILE_ABSTRACT =
  'Hostile: 100% of What_You #Need & ~More^ with a stray } and a stray { and \\unknown commands, a lone $ sign, ' +
  'a back\\slash, Ωmega, naïve Müller, 中文 and 😀, code at https://github.com/a_b/c%20d#readme.'

let lib: Library
let papers: Paper[]
let hostileIds: number[]

beforeAll(() => {
  lib = fullLibrary()
  const r = importEntries(
    lib,
    'Apr 24',
    HOSTILE_TITLES.map((t, i) => entry(t, HOSTILE_ABSTRACT, i % 2 ? `  • ${i + 1} authors\n·\nMay ${i + 1}, 2025` : `hostile-org Hostile & Co_ #1\n·\nMay ${i + 1}, 2025`)),
  )
  expect(r.added).toBe(HOSTILE_TITLES.length)
  hostileIds = lib.viewIds().filter((id) => HOSTILE_TITLES.includes(lib.getPaper(id)!.title))
  expect(hostileIds).toHaveLength(HOSTILE_TITLES.length)
  lib.setNote(hostileIds[0]!, 'My note: 100% of What_You #Need & ~More^ {unbalanced, Ω, 中文 😀\n\nSecond paragraph with `code`.')
  lib.setNote(lib.viewIds()[5]!, 'A plain note.')
  papers = lib.listPapers()
})

describe('escaping', () => {
  it('escapes every special character in plain text', () => {
    expect(escapeText('100% of What_You #Need & ~More^ $5 {x} \\y')).toBe(
      '100\\% of What\\_You \\#Need \\& {\\textasciitilde}More{\\textasciicircum} \\$5 {\\textbraceleft}x{\\textbraceright} {\\textbackslash}y',
    )
  })

  it('converts non-ASCII with unicode2latex, and drops what pdfLaTeX cannot set (emoji, CJK) unless asked to keep it', () => {
    expect(escapeText('Müller Straße Øre α Ω')).toBe('M{\\"u}ller Stra{\\ss}e {\\O}re {$\\alpha$} {\\textohm}')
    const dropped = { chars: new Set<string>() }
    expect(escapeText('RocketLM 🚀 中文 ok', {}, dropped)).toBe('RocketLM ok')
    expect([...dropped.chars]).toEqual(['🚀', '中', '文'])
    expect(escapeText('RocketLM 🚀 中文', { keepUnicode: true })).toBe('RocketLM 🚀 中文')
    // decomposed accents (NFD) keep their base letter
    expect(escapeText('Mu\u0308ller na\u0131\u0308ve')).toBe(escapeText('Müller naı̈ve'))
    expect(escapeText('Mu\u0308ller')).toBe('M{\\"u}ller')
  })

  it('brace-protects capitalised words and acronyms in titles, so styles keep their case', () => {
    expect(escapeTitle('BrainSCUBA: Fine-Grained captions of LLMs')).toBe('{BrainSCUBA:} {Fine-Grained} captions of {LLMs}')
    // a group that starts with a command is a BibTeX "special character" whose letters get lowercased:
    // those words get a second pair of braces
    expect(escapeTitle('#Need Über')).toBe('{{\\#Need}} {{\\"U}ber}')
  })

  it('keeps LaTeX that is already valid in abstracts', () => {
    expect(escapeAbstract('periods, {\\it viz} the transition')).toBe('periods, {\\it viz} the transition')
    expect(escapeAbstract('up to 15\\% while')).toBe('up to 15\\% while')
    expect(escapeAbstract('a model na\\"ively trained')).toBe('a model na\\"ively trained')
    expect(escapeAbstract('as a {\\em fMRI conditioned 3D object generation} problem')).toBe(
      'as a {\\em fMRI conditioned 3D object generation} problem',
    )
    expect(escapeAbstract('language neurons~(including')).toBe('language neurons~(including')
    expect(escapeAbstract('store $O(d_k)$ items, $\\alpha \\leq \\frac{1}{2}$')).toBe('store {$O(d_k)$} items, {$\\alpha \\leq \\frac{1}{2}$}')
    expect(escapeAbstract('we term \\textsc{AIEV-Instruct} here')).toBe('we term \\textsc{AIEV-Instruct} here')
  })

  it('escapes what is not valid LaTeX in abstracts', () => {
    expect(escapeAbstract('100% & 50% #1 a_b ~73,000 0^circ')).toBe(
      '100\\% \\& 50\\% \\#1 a\\_b {\\textasciitilde}73,000 0{\\textasciicircum}circ',
    )
    expect(escapeAbstract('costs $5 or $10')).toBe('costs \\$5 or \\$10')
    expect(escapeAbstract('$\\mathbb{R}$ needs amssymb')).toBe('\\${\\textbackslash}mathbb{R}\\$ needs amssymb')
    expect(escapeAbstract('\\unknown{x} and a\\\\b')).toBe('{\\textbackslash}unknown{x} and a{\\textbackslash}{\\textbackslash}b')
  })

  it('never lets an unbalanced brace through', () => {
    for (const s of ['{', '}', '}{', 'a { b', 'a } b', '{{a}', '{a}}', '\\{ only', 'x \\} y', '$x{$ y}', '{\\it a', '\\"{', '$}$']) {
      const out = escapeAbstract(s)
      expect(balanced(out), `${s} → ${out}`).toBe(true)
      expect(balanced(escapeTitle(s))).toBe(true)
    }
    expect(escapeAbstract('a } b { c')).toBe('a {\\textbraceright} b {\\textbraceleft} c')
  })

  it('finds the URLs of an abstract without trailing punctuation', () => {
    expect(
      urlsIn('Code is available at https://github.com/dyballa/dynamic-connectomes. Project (https://x.io/p_(1)), see http://a.b/c;'),
    ).toEqual(['https://github.com/dyballa/dynamic-connectomes', 'https://x.io/p_(1)', 'http://a.b/c'])
  })
})

describe('entries', () => {
  const base: ExportPaper = {
    title: 'Neuroformer: Multimodal and Multitask Generative Pretraining for Brain Data',
    abstract: 'Code is available at https://github.com/x/y_z.',
    authorsCount: 5,
    org: null,
    publishedAt: '2023-10-31',
    firstSeen: '2026-04-13',
    note: 'my note',
    arxivId: null,
    authors: null,
    citationKey: 'neuroformer2023',
  }

  it('never invent an author: the count goes to howpublished, and key lets plain/alpha sort and label', () => {
    const e = bibtexEntry(base)
    expect(e).toMatch(/^@misc\{neuroformer2023,\n/)
    expect(e).not.toMatch(/author =/)
    expect(e).toContain('  key = {Neuroformer}')
    expect(e).toContain('  howpublished = {5 authors. https://github.com/x/y\\_z}')
    expect(e).toContain('  url = {https://github.com/x/y_z}')
    expect(e).toContain('  year = {2023}')
    expect(e).toContain('  month = oct')
    expect(e).not.toContain('note =')
    expect(bibtexEntry(base, { withNotes: true })).toContain('  note = {my note}')
  })

  it('use the organisation when there is one, and arXiv data and names when known', () => {
    expect(bibtexEntry({ ...base, org: { handle: 'openbmb', name: 'OpenBMB' } })).toContain('  organization = {OpenBMB}')
    expect(bibtexEntry({ ...base, org: { handle: 'openbmb', name: 'OpenBMB' } })).toContain('  key = {OpenBMB}')
    const e = bibtexEntry({ ...base, arxivId: '2405.15738', authors: ['Chunjiang Ge', 'Ahmet Üstün', 'Smith, Jr., John'], primaryClass: 'cs.CV' })
    expect(e).toContain('  author = {Chunjiang Ge and Ahmet {\\"U}st{\\"u}n and {Smith, Jr., John}}')
    expect(e).not.toContain('key =')
    expect(e).toContain('  eprint = {2405.15738}')
    expect(e).toContain('  archivePrefix = {arXiv}')
    expect(e).toContain('  primaryClass = {cs.CV}')
    expect(e).toContain('  url = {https://arxiv.org/abs/2405.15738}')
  })
})

describe('round trip of the whole library through @retorquere/bibtex-parser', () => {
  // parsing ~170 entries takes the parser a few seconds: once per mode
  const memo = new Map<boolean, { out: ReturnType<typeof toBibtex>; bib: ReturnType<typeof parse>; byKey: Map<string, Entry> }>()
  function roundTrip(keepUnicode: boolean) {
    if (!memo.has(keepUnicode)) {
      const out = toBibtex(papers, { withNotes: true, keepUnicode })
      const bib = parse(out.text, { english: false })
      memo.set(keepUnicode, { out, bib, byKey: new Map(bib.entries.map((e) => [e.key, e])) })
    }
    return memo.get(keepUnicode)!
  }

  it('parses cleanly: no errors, one entry per paper, keys as stored', () => {
    const { out, bib } = roundTrip(false)
    expect(bib.errors).toEqual([])
    expect(bib.entries).toHaveLength(papers.length)
    expect(out.count).toBe(105 + 52 + HOSTILE_TITLES.length)
    expect(bib.entries.map((e) => e.key)).toEqual(papers.map((p) => p.citationKey))
    expect(bib.entries.every((e) => e.type === 'misc')).toBe(true)
  })

  it('gives back every field of the real papers', () => {
    const { byKey } = roundTrip(false)
    for (const p of papers.filter((x) => !hostileIds.includes(x.id))) {
      const e = byKey.get(p.citationKey!)!
      const where = `${p.citationKey}`
      expect(read(e.fields.title), where).toBe(latexReading(p.title))
      expect(read(e.fields.abstract), where).toBe(latexReading(p.abstract))
      expect(e.fields.year, where).toBe((p.publishedAt ?? p.firstSeen).slice(0, 4))
      if (p.publishedAt) expect(Number(e.fields.month), where).toBe(Number(p.publishedAt.slice(5, 7)))
      else expect(e.fields.month, where).toBeUndefined()
      if (p.authors) {
        expect(names(e), where).toEqual(p.authors.map(nfc))
        expect(e.fields.eprint, where).toBe(p.arxivId)
        expect(e.fields.archiveprefix, where).toBe('arXiv')
        expect(e.fields.url, where).toBe(`https://arxiv.org/abs/${p.arxivId}`)
        expect(e.fields.key, where).toBeUndefined()
      } else {
        expect(e.fields.author, where).toBeUndefined()
        expect(e.fields.key, where).toBeTruthy()
        if (p.authorsCount) expect(e.fields.howpublished, where).toContain(`${p.authorsCount} author`)
        const urls = urlsIn(p.abstract)
        if (urls[0]) expect(e.fields.url, where).toBe(urls[0])
        for (const u of urls) expect(e.fields.howpublished, where).toContain(u)
      }
      if (p.org) expect(read(e.fields.organization), where).toBe(p.org.name)
      if (p.note) expect(read(e.fields.note), where).toBe(squash(p.note))
      else expect(e.fields.note, where).toBeUndefined()
    }
  })

  it('gives back hostile titles, abstracts, organisations and notes; only emoji and CJK are left out, and reported', () => {
    const { out, byKey } = roundTrip(false)
    const drop = (s: string) => squash(s.replace(/[\p{Extended_Pictographic}\p{Script=Han}]/gu, ''))
    for (const id of hostileIds) {
      const p = papers.find((x) => x.id === id)!
      const e = byKey.get(p.citationKey!)!
      expect(read(e.fields.title)).toBe(drop(p.title))
      expect(read(e.fields.abstract)).toBe(drop(p.abstract))
      if (p.org) expect(read(e.fields.organization)).toBe('Hostile & Co_ #1')
    }
    const noted = byKey.get(papers.find((x) => x.id === hostileIds[0])!.citationKey!)!
    expect(read(noted.fields.note)).toBe(drop('My note: 100% of What_You #Need & ~More^ {unbalanced, Ω, 中文 😀 Second paragraph with `code`.'))
    expect(out.warnings.length).toBe(HOSTILE_TITLES.length)
    expect(out.warnings.join('\n')).toMatch(/"😀" \(U\+1F600\)/)
    expect(out.warnings.join('\n')).toMatch(/"中" \(U\+4E2D\)/)
  })

  it('keeps emoji and CJK intact with keepUnicode (for Biber / XeLaTeX)', () => {
    const { out, bib, byKey } = roundTrip(true)
    expect(bib.errors).toEqual([])
    expect(out.warnings).toEqual([])
    for (const id of hostileIds) {
      const p = papers.find((x) => x.id === id)!
      const e = byKey.get(p.citationKey!)!
      expect(read(e.fields.title)).toBe(nfc(p.title))
      expect(read(e.fields.abstract)).toBe(nfc(p.abstract))
    }
  })

  it('writes only ASCII by default, with balanced braces in every field', () => {
    const { out, bib } = roundTrip(false)
    expect(out.text).toMatch(/^[\n -~]*$/)
    const raw = parse(out.text, { raw: true })
    for (const e of raw.entries) for (const v of Object.values(e.fields)) if (typeof v === 'string') expect(balanced(v)).toBe(true)
    expect(bib.entries.length).toBe(raw.entries.length)
  })
})
