/**
 * The exported .bib with the real tools (issue 5, "done when"): pdfLaTeX + BibTeX with the standard
 * `plain` and `alpha` styles must report no error and no warning, and Biber must read the file (as
 * a tool, with data-model validation, and in a biblatex document) without errors or warnings.
 * Every document is a bare `\documentclass{article}` (OT1 fonts, LaTeX's default UTF-8 input, no
 * package but biblatex) and the same with T1 fonts. The library holds the shared dumps and API
 * files, hostile papers, the archive's hardest real names and titles (hardest-names.json: Mądry,
 * Đuc, İclal, Xiaomi LLM-Core Team, \$OneMillion-Bench, 台灣大學…) and one constructed paper
 * with the names the archive lacks (Vietnamese stacked diacritics, CJK, emoji).
 *
 * Needs TeX Live: Debian/Ubuntu `texlive-latex-base texlive-bibtex-extra biber`. Each test is
 * skipped, with the reason, only when its binaries are not installed.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ExportPaper, toBibtex } from '../../src/main/export/bibtex'
import { API_DIR, entry, fullLibrary, HOSTILE_TITLES, importEntries } from '../helpers/library'

function has(bin: string): boolean {
  return spawnSync(bin, ['--version'], { encoding: 'utf8' }).status === 0
}
const TEX = has('pdflatex') && has('bibtex')
const BIBER = has('biber')
const kpse = (file: string) => spawnSync('kpsewhich', [file], { encoding: 'utf8' }).stdout?.trim() !== ''
/** biblatex also needs etoolbox (texlive-latex-recommended on Debian). */
const BIBLATEX = TEX && BIBER && kpse('biblatex.sty') && kpse('etoolbox.sty')
const NO_TEX = 'pdflatex/bibtex not installed (apt-get install texlive-latex-base texlive-bibtex-extra biber)'

let dir: string
let count = 0
/** Compiles take seconds each, longer on a busy machine: no speed is asserted here. */
const SLOW = 300_000

/** Names the archive has none of (it holds no author with Vietnamese letters, CJK or emoji): constructed. */
const CONSTRUCTED: ExportPaper = {
  title: 'Hường and Thiện: Vietnamese Names, 中文 and 🚀 in a Title',
  abstract: 'Written by Nguyễn Thị Hường, Lê Văn Thiện and Þór; a constructed paper.',
  authorsCount: 5,
  org: { handle: 'ntu', name: '台灣大學' },
  publishedAt: '2025-02-05',
  firstSeen: '2025-02-05',
  note: '',
  arxivId: null,
  authors: ['Nguyễn Thị Hường', 'Lê Văn Thiện', 'Clem 🤗', '台灣大學 Team', 'Þór Ŋgóma'],
  citationKey: 'constructed2025',
}

/** The documents: a bare article (OT1), and the same with T1 fonts. */
const ENCODINGS = [
  { name: 'OT1', preamble: '' },
  { name: 'T1', preamble: '\\usepackage[T1]{fontenc}\n' },
]

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, max_print_line: '1000' } })
  return { code: r.status, out: `${r.stdout}${r.stderr}` }
}

/** Problems in a pdfLaTeX log: errors ("! …") and every kind of warning. */
function latexProblems(log: string): string[] {
  return log.split('\n').filter((l) => /^!|Warning|Undefined control sequence|Missing character/.test(l))
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'margin-bibtex-'))
  const lib = fullLibrary()
  importEntries(
    lib,
    'Apr 24',
    HOSTILE_TITLES.map((t, i) =>
      entry(
        t,
        'Hostile: 100% of What_You #Need & ~More^, a stray } and {, \\unknown, $5, a\\\\b, Ωmega, naïve, 中文, 😀, {\\it viz}, 15\\%, $O(d_k)$, https://x.io/a_b%20c#d~e.',
        i % 2 ? `  • ${i + 1} authors\n·\nMay ${i + 1}, 2025` : `hostile Hostile & Co_ #1 ~^\n·\nMay ${i + 1}, 2025`,
      ),
    ),
  )
  const ids = lib.viewIds()
  lib.setNote(ids[0]!, 'Note with 100% & $ # _ { ~ ^ \\ and 中文 😀 Ω.')
  lib.setNote(ids[1]!, 'A plain note.\n\nWith two paragraphs.')
  // user-edited keys may use every character setCitationKey accepts
  lib.setCitationKey(ids[2]!, 'Antoniades:2023-neuro_former.v2+x/y')
  lib.setCitationKey(ids[3]!, '2023Smith')
  const hardest = join(API_DIR, 'archive', 'hardest-names.json')
  if (lib.importDump({ path: hardest, bytes: readFileSync(hardest) }).status !== 'imported') throw new Error('hardest-names.json did not import')
  const papers: ExportPaper[] = [...lib.listPapers(), CONSTRUCTED]
  count = papers.length
  writeFileSync(join(dir, 'lib.bib'), toBibtex(papers, { withNotes: true }).text)
  writeFileSync(join(dir, 'unicode.bib'), toBibtex(papers, { withNotes: true, keepUnicode: true }).text)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('pdfLaTeX + BibTeX', () => {
  for (const enc of ENCODINGS) {
    for (const style of ['plain', 'alpha']) {
      it.skipIf(!TEX)(`${style}, ${enc.name} fonts: no errors and no warnings, every entry in the bibliography`, { timeout: SLOW }, () => {
        const doc = `doc-${enc.name}-${style}`
        writeFileSync(
          join(dir, `${doc}.tex`),
          `\\documentclass{article}\n${enc.preamble}\\begin{document}\nSee \\cite{Antoniades:2023-neuro_former.v2+x/y} and \\cite{2023Smith,neuroformer2023}.\n\\nocite{*}\n\\bibliographystyle{${style}}\n\\bibliography{lib}\n\\end{document}\n`,
        )
        expect(run('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', doc]).code).toBe(0)
        const bibtex = run('bibtex', [doc])
        const blg = readFileSync(join(dir, `${doc}.blg`), 'utf8')
        expect(bibtex.code, blg).toBe(0)
        expect(blg).not.toMatch(/Warning--|error message|I was expecting|I'm skipping|Repeated entry|There w(as|ere) \d+ warning/)
        expect(blg).toMatch(/warning\$ -- 0/)
        const bbl = readFileSync(join(dir, `${doc}.bbl`), 'utf8')
        expect(bbl.match(/\\bibitem/g)).toHaveLength(count)
        // the hardest names reach the bibliography, written so that these fonts set them
        // (BibTeX breaks lines and ties names with ~ where it likes)
        const spaced = (text: string) => new RegExp(text.replace(/[\\^${}.]/g, '\\$&').replace(/ /g, '[\\s~]+'))
        for (const text of ['Aleksander Madry', 'Xiaomi LLM-Core Team', 'Tran Duc Huy', '{\\.I}clal', 'Nguy{\\^e}n', '\\$OneMillion-Bench'])
          expect(bbl).toMatch(spaced(text))
        run('pdflatex', ['-interaction=nonstopmode', doc])
        const last = run('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', doc])
        const log = readFileSync(join(dir, `${doc}.log`), 'utf8')
        expect(last.code, latexProblems(log).join('\n')).toBe(0)
        expect(latexProblems(log)).toEqual([])
      })
    }
  }
})

describe('Biber', () => {
  for (const file of ['lib.bib', 'unicode.bib']) {
    it.skipIf(!BIBER)(`reads ${file} with data-model validation, without errors or warnings`, { timeout: SLOW }, () => {
      const r = run('biber', ['--tool', '--validate-datamodel', '--output-file', `${file}.tool.bib`, file])
      const blg = readFileSync(join(dir, `${file}.blg`), 'utf8')
      expect(r.code, blg).toBe(0)
      expect(blg.split('\n').filter((l) => /WARN|ERROR/.test(l))).toEqual([])
      expect(readFileSync(join(dir, `${file}.tool.bib`), 'utf8').match(/^@misc\{/gim)).toHaveLength(count)
    })
  }

  if (!BIBLATEX) it.skip('biblatex document: biblatex.sty or etoolbox.sty missing (texlive-bibtex-extra, texlive-latex-recommended)', () => {})
  for (const enc of ENCODINGS) {
    it.skipIf(!BIBLATEX)(`and a biblatex document, ${enc.name} fonts, compiles with it without errors or warnings`, { timeout: SLOW }, () => {
      const doc = `bl-${enc.name}`
      writeFileSync(
        join(dir, `${doc}.tex`),
        `\\documentclass{article}\n${enc.preamble}\\usepackage[backend=biber,style=alphabetic]{biblatex}\n\\addbibresource{lib.bib}\n` +
          '\\begin{document}\nSee \\cite{Antoniades:2023-neuro_former.v2+x/y} and \\cite{2023Smith,neuroformer2023}.\n\\nocite{*}\n\\printbibliography\n\\end{document}\n',
      )
      run('pdflatex', ['-interaction=nonstopmode', doc])
      const biber = run('biber', [doc])
      const blg = readFileSync(join(dir, `${doc}.blg`), 'utf8')
      expect(biber.code, blg).toBe(0)
      expect(blg.split('\n').filter((l) => /WARN|ERROR/.test(l))).toEqual([])
      run('pdflatex', ['-interaction=nonstopmode', doc])
      const last = run('pdflatex', ['-interaction=nonstopmode', doc])
      const log = readFileSync(join(dir, `${doc}.log`), 'utf8')
      expect(last.code, latexProblems(log).join('\n')).toBe(0)
      expect(latexProblems(log)).toEqual([])
      expect(readFileSync(join(dir, `${doc}.bbl`), 'utf8').match(/\\entry\{/g)).toHaveLength(count)
    })
  }
})

if (!TEX) it.skip(`real BibTeX compile: ${NO_TEX}`, () => {})
