/**
 * Each paper's identity in BibTeX, on the archive's hardest real names and titles
 * (tests/fixtures/hf-api/archive/hardest-names.json): letters pdfLaTeX's default fonts cannot set,
 * stacked accents, group authors, arXiv's DOI, and titles that are LaTeX source.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Entry, parse } from '@retorquere/bibtex-parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { bibtexEntry, isGroupAuthor, toBibtex } from '../../src/main/export/bibtex'
import { type Dropped, escapeText, escapeTitle, titleText } from '../../src/main/export/latex'
import { Library } from '../../src/main/library/library'
import type { Paper } from '../../src/shared/contract/shapes/library'
import { API_DIR } from '../helpers/library'

export const HARDEST = join(API_DIR, 'archive', 'hardest-names.json')

let papers: Paper[]
const byArxiv = (id: string) => papers.find((p) => p.arxivId === id)!
const nfc = (s: string) => s.normalize('NFC')

beforeAll(() => {
  const lib = new Library(':memory:')
  const r = lib.importDump({ path: HARDEST, bytes: readFileSync(HARDEST) })
  expect(r.status).toBe('imported')
  papers = lib.listPapers()
  expect(papers).toHaveLength(19)
})

function names(e: Entry): string[] {
  return (e.fields.author ?? []).map((a) => nfc(a.name ?? [a.firstName, a.prefix, a.lastName, a.suffix].filter((x) => x).join(' ')))
}

describe('letters the default (OT1) fonts cannot set', () => {
  it('are written without that mark, and reported: an ogonek, a crossed D', () => {
    const dropped: Dropped = { chars: new Set() }
    expect(escapeText('Aleksander Mądry', {}, dropped)).toBe('Aleksander Madry')
    expect(escapeText('Jędrzej S. Bojanowski', {}, dropped)).toBe('Jedrzej S. Bojanowski')
    expect(escapeText('Tran Đuc Huy', {}, dropped)).toBe('Tran Duc Huy')
    expect([...dropped.simplified!]).toEqual([
      ['ą', 'a'],
      ['ę', 'e'],
      ['Đ', 'D'],
    ])
    expect(dropped.chars.size).toBe(0)
  })

  it('keep every accent OT1 has (Turkish, Czech, Polish ł)', () => {
    expect(escapeText('İclal Çetin, Yağız, Şaziye Betül Özateş, Łukasz, Dvořák, Shuhan Song§')).toBe(
      '{\\.I}clal {\\c C}etin, Ya{\\u g}{\\i}z, {\\c S}aziye Bet{\\"u}l {\\"O}zate{\\c s}, {\\L}ukasz, Dvo{\\v r}{\\\'a}k, Shuhan Song{\\S}',
    )
  })

  it('Vietnamese letters keep the marks a letter LaTeX knows has (constructed names: the archive has none)', () => {
    // Biber would hand ị or ệ to LaTeX as UTF-8, which LaTeX does not know: ễ → ê, ị → i, ư → u, ờ → ò
    const dropped: Dropped = { chars: new Set() }
    expect(escapeText('Nguyễn Thị Hường', {}, dropped)).toBe('Nguy{\\^e}n Thi Hu{\\`o}ng')
    expect([...dropped.simplified!]).toEqual([
      ['ễ', 'ê'],
      ['ị', 'i'],
      ['ư', 'u'],
      ['ờ', 'ò'],
    ])
    expect(escapeText('Lê Văn Thiện')).toBe('L{\\^e} V{\\u a}n Thi{\\^e}n')
    // the same with decomposed input (NFD)
    expect(escapeText('Nguyễn Thị Hường'.normalize('NFD'))).toBe('Nguy{\\^e}n Thi Hu{\\`o}ng')
    // letters LaTeX knows stay whole, Romanian comma below and Sanskrit dot below included
    expect(escapeText('ș ǎ ḍ')).toBe('{\\textcommabelow s} {\\v a} {\\d d}')
  })

  it('stay as they are with keepUnicode (Biber, XeLaTeX)', () => {
    const dropped: Dropped = { chars: new Set() }
    expect(escapeText('Aleksander Mądry', { keepUnicode: true }, dropped)).toBe('Aleksander M{\\k a}dry')
    // stacked accents nested: unicode2latex's `{\\~\\^e}` does not compile
    expect(escapeText('Nguyễn Thị Hường', { keepUnicode: true })).toBe('Nguy{\\~{\\^{e}}}n Th{\\d i} Hường')
    expect(dropped.simplified?.size ?? 0).toBe(0)
  })

  it('are named in the export warnings, beside what was left out', () => {
    const out = toBibtex([byArxiv('2410.07095'), byArxiv('2607.18529')])
    expect(out.warnings).toEqual([
      `${byArxiv('2410.07095').citationKey}: wrote "ą" as "a": pdfLaTeX's default (OT1) fonts cannot set them (export with keepUnicode for Biber/XeLaTeX)`,
      `${byArxiv('2607.18529').citationKey}: left out "台" (U+53F0), "灣" (U+7063), "大" (U+5927), "學" (U+5B78): no LaTeX for pdfLaTeX (export with keepUnicode for Biber/XeLaTeX)`,
    ])
    expect(out.text).toContain('Aleksander Madry')
  })
})

describe('group authors', () => {
  it('are told from people by their form', () => {
    for (const n of ['Xiaomi LLM-Core Team', 'SAM 3D Team', 'Team GLM', 'The IntFold Team', 'LG AI Research', 'Lanser Contributors', 'DeepSeek-AI', 'Ling-Team', 'Mind Lab', 'Guide Labs Team', 'NVIDIA'])
      expect(isGroupAuthor(n), n).toBe(true)
    for (const n of ['Aleksander Mądry', 'Huy V. Vo', 'Qingyao Ai', 'Teamo Smith', 'Jane Labson', 'Tran Đuc Huy']) expect(isGroupAuthor(n), n).toBe(false)
  })

  it('are braced whole, people are not', () => {
    expect(bibtexEntry(byArxiv('2505.07608'))).toMatch(/author = \{\{Xiaomi LLM-Core Team\} and /)
    expect(bibtexEntry(byArxiv('2511.16624'))).toMatch(/[{ ]\{SAM 3D Team\}/)
    expect(bibtexEntry(byArxiv('2406.11931'))).toMatch(/author = \{\{DeepSeek-AI\} and /)
    expect(bibtexEntry(byArxiv('2406.12793'))).toMatch(/author = \{\{Team GLM\} and /)
    expect(bibtexEntry(byArxiv('2408.03541'))).toMatch(/author = \{\{LG AI Research\} and /)
    expect(bibtexEntry(byArxiv('2410.07095'))).toMatch(/ and Aleksander Madry( and|\})/)
  })
})

describe('arXiv identity', () => {
  it('doi, eprint, archivePrefix and url for every paper with an arXiv id', () => {
    for (const p of papers) {
      const e = bibtexEntry(p)
      expect(e).toContain(`  doi = {10.48550/arXiv.${p.arxivId}}`)
      expect(e).toContain(`  eprint = {${p.arxivId}}`)
      expect(e).toContain('  archivePrefix = {arXiv}')
      expect(e).toContain(`  url = {https://arxiv.org/abs/${p.arxivId}}`)
    }
  })

  it('no doi without an arXiv id', () => {
    expect(bibtexEntry({ ...byArxiv('2410.07095'), arxivId: null })).not.toContain('doi =')
  })
})

describe('titles that are LaTeX source', () => {
  it('mean what arXiv shows: an escaped character is that character, a control space a space', () => {
    expect(titleText('\\$OneMillion-Bench: How Far')).toBe('$OneMillion-Bench: How Far')
    expect(titleText('Prefill \\& Decode')).toBe('Prefill & Decode')
    expect(titleText('Network\\ for Time')).toBe('Network for Time')
    expect(titleText('100\\% \\#1 a\\_b \\{x\\}')).toBe('100% #1 a_b {x}')
    // an unknown command's meaning is unknown: kept as written
    expect(titleText('a \\Backslash')).toBe('a \\Backslash')
  })

  it('are written without a stray backslash', () => {
    expect(escapeTitle(byArxiv('2603.07980').title)).toBe('{{\\$OneMillion-Bench:}} {How} {Far} are {Language} {Agents} from {Human} {Experts?}')
    for (const id of ['2603.07980', '2508.15881', '2604.17388']) expect(bibtexEntry(byArxiv(id))).toMatch(/^ {2}title = \{(?:[^\\\n]|\\[$&%#_])*\},$/m)
    expect(escapeTitle(byArxiv('2508.15881').title)).toContain('{Prefill} \\& {Decode}')
    expect(escapeTitle(byArxiv('2604.17388').title)).toContain('{Network} for {Time}')
  })
})

describe('the whole file, read back by @retorquere/bibtex-parser', () => {
  it('parses without errors and gives back every name (as written for OT1) and every title as it reads', () => {
    const out = toBibtex(papers)
    expect(out.text).toMatch(/^[\n -~]*$/)
    const bib = parse(out.text, { english: false })
    expect(bib.errors).toEqual([])
    expect(bib.entries).toHaveLength(19)
    for (const p of papers) {
      const e = bib.entries.find((x) => x.key === p.citationKey)!
      const plain = (s: string) => nfc(s.replace(/ą/g, 'a').replace(/ę/g, 'e').replace(/Đ/g, 'D'))
      expect(names(e)).toEqual(p.authors!.map(plain))
      // `--` is TeX's en dash, in arXiv's title as in the .bib
      expect(nfc(String(e.fields.title))).toBe(nfc(titleText(p.title).replace(/--/g, '–')))
      expect(e.fields.doi).toBe(`10.48550/arXiv.${p.arxivId}`)
    }
  })
})
