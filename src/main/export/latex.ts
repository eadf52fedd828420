/**
 * Text → BibTeX field values that BibTeX, LaTeX and Biber all accept.
 *
 * - Every special character (`& % $ # _ { } ~ ^ \`) is escaped; non-ASCII letters and symbols are
 *   converted to LaTeX by unicode2latex (retorquere's maintained mapping, the one Better BibTeX uses),
 *   in its BibTeX mode: `ü` → `{\"u}`, `α` → `{$\alpha$}`, `{` → `{\textbraceleft}`.
 * - Abstracts may already hold LaTeX (`{\it viz}`, `15\%`, `na\"ively`, `$O(n)$`, `neurons~(…)`): those
 *   constructs are kept when they are valid, and everything around them is escaped. Braces are kept
 *   only in matched pairs; a stray `{` or `}` is written as `{\textbraceleft}` / `{\textbraceright}`,
 *   so an unbalanced brace never reaches the file (BibTeX counts every brace, even `\{`).
 * - The .bib must compile in a bare `\documentclass{article}`, whose fonts are OT1, as well as with
 *   T1 fonts, with BibTeX and with biblatex/Biber. OT1 has no ogonek, crossed D, eng or thorn (`\k`,
 *   `\dj`, `\ng`, `\th` are "unavailable in encoding OT1"); and Biber decodes every accent to
 *   Unicode and hands it to LaTeX, whose UTF-8 input knows Latin-1 and Latin Extended-A but not
 *   Vietnamese letters (`ị`, `ệ`, `ư`). Such a letter is written with as many of its marks as a
 *   letter LaTeX knows has (`Mądry` → `Madry`, `Thiện` → `Thi{\^e}n`, `Hường` → `H{\`u}ng`…) and
 *   reported; with `keepUnicode` it is left alone.
 * - unicode2latex writes stacked accents as `{\~\^e}`, which LaTeX cannot read; they are nested
 *   (`{\~{\^e}}`).
 * - Characters no LaTeX mapping covers (emoji, CJK, other scripts pdfLaTeX cannot typeset without
 *   extra packages) are dropped by default and reported, or kept as UTF-8 with `keepUnicode`
 *   (fine for Biber and XeLaTeX/LuaLaTeX, not for pdfLaTeX).
 */
import { Transform } from 'unicode2latex'

const tx = new Transform('bibtex-creator')

export interface LatexOptions {
  /** Keep characters LaTeX has no mapping for as UTF-8 instead of dropping them. */
  keepUnicode?: boolean
}

/** Collects what a conversion dropped, for the export's warnings. */
export interface Dropped {
  chars: Set<string>
  /** Letters written without a mark pdfLaTeX's default fonts cannot set: `ą` → `a`. */
  simplified?: Map<string, string>
}

/** The same few runs (`%`, `_`, `é`, `α`) come back in every abstract: convert each once. */
const memo = new Map<string, string>()
function converted(run: string): string {
  let tex = memo.get(run)
  if (tex === undefined) {
    tex = tx.tolatex(run, { bracemath: true })
    if (run.length <= 8 && memo.size < 20_000) memo.set(run, tex)
  }
  return tex
}

/**
 * Commands that only T1 (or no) font encoding defines: a bare article (OT1) stops with "Command \k
 * unavailable in encoding OT1".
 */
const NOT_IN_OT1 = /\\(?:k|dj|DJ|ng|NG|th|TH|dh|DH|h|guillemot(?:left|right)|guilsingl(?:left|right)|quotedblbase|quotesinglbase)(?![A-Za-z])/

/**
 * The accented letters LaTeX's UTF-8 input knows (utf8enc.dfu): Biber decodes `{\d i}` to ị and
 * writes that into the .bbl, and a letter LaTeX does not know stops a biblatex document ("Unicode
 * character ị (U+1ECB) not set up for use with LaTeX"), whatever the font encoding. Latin-1,
 * Latin Extended-A but Ħ ħ ĸ Ŀ ŀ ŉ Ŧ ŧ ſ, the Latin Extended-B and -Additional letters it lists.
 */
const KNOWN_TO_LATEX =
  /^[\u00c0-\u00ff\u0100-\u0125\u0128-\u0137\u0139-\u013e\u0141-\u0148\u014a-\u0165\u0168-\u017e\u01cd-\u01d4\u01e2\u01e3\u01e6-\u01eb\u01f0\u01f4\u01f5\u0218-\u021b\u0232\u0233\u1e02\u1e03\u1e0d\u1e1e\u1e1f\u1e20\u1e21\u1e25\u1e30\u1e31\u1e37\u1e43\u1e45\u1e47\u1e5b\u1e63\u1e6d\u1e8e\u1e8f\u1e90\u1e91\u1ef2\u1ef3]$/u

/**
 * Letters with a stroke or of their own that do not decompose, and that OT1 has no glyph for; the
 * usual ASCII spelling of each (Vietnamese Đ is written D, Icelandic þ th).
 */
const PLAIN_LETTER: Record<string, string> = { Đ: 'D', đ: 'd', Ð: 'D', ð: 'd', Þ: 'Th', þ: 'th', Ŋ: 'N', ŋ: 'n' }

const ascii = (s: string) => /^[\x20-\x7e]*$/.test(s)

/** Whether pdfLaTeX sets a letter in OT1 and T1, from the .bib (BibTeX) and from Biber's .bbl. */
function settable(letter: string): boolean {
  if (ascii(letter)) return true
  if (!KNOWN_TO_LATEX.test(letter)) return false
  const tex = converted(letter)
  return ascii(tex) && !NOT_IN_OT1.test(tex)
}

/** The subsets of a few marks, most marks first (`ệ`: dot below and circumflex, then each alone). */
function subsets<T>(items: T[]): T[][] {
  if (items.length > 4) return [[]]
  const all: T[][] = [[]]
  for (const item of items) for (const s of [...all]) all.push([...s, item])
  return all.sort((a, b) => b.length - a.length)
}

/**
 * A Latin letter with its marks (`ą`, `ệ`, `ờ`) as pdfLaTeX can set it: with as many of its marks
 * as a letter LaTeX knows has (`ệ` → `ê`, `ą` → `a`), or null when it is no such letter (CJK, emoji,
 * Greek) or needs no change.
 */
function plainerLetter(cluster: string): string | null {
  const nfc = cluster.normalize('NFC')
  const [base = '', ...marks] = [...cluster.normalize('NFD')]
  const letter = ascii(base) ? base : PLAIN_LETTER[base.normalize('NFC')]
  if (!letter || !/^\p{L}+$/u.test(letter)) return null
  if ([...nfc].length === 1 && settable(nfc)) return null
  for (const kept of subsets(marks)) {
    const candidate = (letter + kept.join('')).normalize('NFC')
    if ([...candidate].length === 1 ? settable(candidate) : kept.length === 0) return candidate
  }
  return letter
}

/** Latin letters pdfLaTeX cannot set (see the file comment), made settable; each change recorded. */
function foldForPdfLatex(text: string, dropped?: Dropped): string {
  return text.replace(/\P{M}\p{M}+|\P{ASCII}/gu, (cluster) => {
    const plain = plainerLetter(cluster)
    if (plain === null || plain === cluster.normalize('NFC')) return cluster
    if (dropped) (dropped.simplified ??= new Map()).set(cluster.normalize('NFC'), plain)
    return plain
  })
}

/** `{\~\^e}` (unicode2latex's stacked accents) → `{\~{\^e}}`, which LaTeX can read. */
function nestAccents(tex: string): string {
  return tex.replace(/\{((?:\\(?:[`'^"~=.]|[uvHcdbkrt] ))+)(\\[ij]|[A-Za-z])\}/g, (whole, accents: string, base: string) => {
    const list = [...accents.matchAll(/\\([`'^"~=.]|[uvHcdbkrt] )/g)].map((m) => m[1]!.trim())
    if (list.length < 2) return whole
    return `{${list.reduceRight((inner, a) => `\\${a}{${inner}}`, base)}}`
  })
}

function toLatex(text: string, options: LatexOptions, dropped?: Dropped): string {
  // control characters would end up in the .bbl verbatim; tabs and newlines are just spaces
  let clean = text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
  if (!options.keepUnicode && /\P{ASCII}/u.test(clean)) clean = foldForPdfLatex(clean, dropped)
  // unicode2latex is thorough but slow on long texts; plain ASCII letters, digits and punctuation it
  // leaves alone, so only the runs that need it go through it (a base letter travels with the
  // combining marks that follow it)
  let out = nestAccents(clean.replace(/(?:[A-Za-z](?=\p{M}))?[^\x20-\x22\x27-\x3b\x3d\x3f-\x5b\x5d\x60-\x7a]+/gu, converted))
  if (!options.keepUnicode) {
    out = out.replace(/[^\p{ASCII}]+/gu, (run) => {
      for (const ch of run) if (!/^[\p{Cf}\p{Variation_Selector}]$/u.test(ch)) dropped?.chars.add(ch)
      return ''
    })
  }
  return out
}

/** Folds whitespace runs to one space and trims (BibTeX does the same to every field). */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Plain text (a title word, a name, a note): every special character escaped. */
export function escapeText(text: string, options: LatexOptions = {}, dropped?: Dropped): string {
  return squash(toLatex(text, options, dropped))
}

/**
 * What a title says. arXiv titles are LaTeX source and the API passes them on as such:
 * `\$OneMillion-Bench`, `Prefill \& Decode`, `Network\ for`. An escaped special character is that
 * character and a control space (or `\\`) is a space; any other backslash is left as it is, since its
 * meaning is unknown. For every format, so that no stray backslash reaches a citation.
 */
export function titleText(title: string): string {
  return squash(title.replace(/\\([$&%#_{}])/g, '$1').replace(/\\\\|\\(?=\s)/g, ' '))
}

/**
 * A title: escaped, and every word holding a capital letter wrapped in braces, so `plain`, `alpha`
 * and biblatex's sentence-casing keep `BrainSCUBA`, `LLMs` and `Multimodal` as written.
 */
export function escapeTitle(title: string, options: LatexOptions = {}, dropped?: Dropped): string {
  return squash(titleText(title))
    .split(' ')
    .map((word) => {
      const tex = toLatex(word, options, dropped)
      if (!/\p{Lu}/u.test(word) || tex === '') return tex
      // BibTeX treats a group that opens with a backslash as one "special character" and lowercases
      // the letters in it, so such a word needs a second pair of braces to stay protected
      return tex.startsWith('\\') ? `{{${tex}}}` : `{${tex}}`
    })
    .filter((w) => w !== '')
    .join(' ')
}

/** Text-mode commands kept when an abstract uses them (all defined by the LaTeX kernel). */
const TEXT_COMMANDS = new Set([
  'it', 'em', 'bf', 'sc', 'tt', 'rm', 'sf', 'sl', 'up', 'emph', 'textit', 'textbf', 'textsc', 'texttt', 'textrm',
  'textsf', 'textsl', 'textup', 'textmd', 'textnormal', 'underline', 'ldots', 'dots', 'LaTeX', 'TeX', 'ss', 'o',
  'O', 'ae', 'AE', 'oe', 'OE', 'aa', 'AA', 'l', 'L', 'i', 'j', 'textendash', 'textemdash', 'textquoteleft',
  'textquoteright', 'textquotedblleft', 'textquotedblright', 'textasciitilde', 'textasciicircum',
  'textbackslash', 'textbar', 'textless', 'textgreater', 'textbraceleft', 'textbraceright', 'S', 'P',
  'copyright', 'dag', 'ddag', 'pounds', 'textdagger', 'textdaggerdbl', 'textsection', 'textparagraph',
  'textregistered', 'texttrademark',
])

/** Math-mode commands kept inside `$…$` (kernel only: no amsmath/amssymb is assumed). */
const MATH_COMMANDS = new Set([
  ...'alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega'.split(
    ' ',
  ),
  ...'mathcal mathbf mathrm mathit mathsf mathtt frac sqrt log ln exp sin cos tan max min arg sup inf lim sum prod int times cdot cdots ldots dots leq geq le ge neq approx sim simeq equiv propto infty in notin subset subseteq cup cap to rightarrow leftarrow Rightarrow Leftarrow leftrightarrow mapsto pm mp ell partial nabla forall exists top bot circ ast star prime left right big Big langle rangle lfloor rfloor lceil rceil mid vert Vert hat tilde bar vec dot ddot overline underline text mbox quad qquad colon log2 det dim ker mod bmod pmod gg ll perp parallel'.split(
    ' ',
  ),
])

const ACCENT_SYMBOLS = `"'^\`~=.`

type Piece = { raw: string } | { text: string } | { brace: '{' | '}'; matched: boolean }

/** Whether `body` (between two `$`) is math we can keep as it is. */
function validMath(body: string): boolean {
  if (body.length === 0 || body.length > 300 || /^\s|\s$/.test(body)) return false
  if (!/^[\x20-\x7e]+$/.test(body) || /[%#&$]/.test(body)) return false
  let depth = 0
  for (const ch of body.replace(/\\[{}]/g, '')) {
    if (ch === '{') depth++
    else if (ch === '}' && --depth < 0) return false
  }
  if (depth !== 0) return false
  for (const m of body.matchAll(/\\([A-Za-z]+|.)/g)) {
    const name = m[1]!
    if (/^[A-Za-z]/.test(name) ? !MATH_COMMANDS.has(name) : !`,;:!{}|_ `.includes(name)) return false
  }
  return true
}

/**
 * An abstract: valid LaTeX already in it stays, everything else is escaped (see the file comment).
 */
export function escapeAbstract(text: string, options: LatexOptions = {}, dropped?: Dropped): string {
  const s = squash(text)
  const pieces: Piece[] = []
  const open: number[] = []
  const pushText = (t: string) => {
    const last = pieces.at(-1)
    if (last && 'text' in last) last.text += t
    else pieces.push({ text: t })
  }
  const special = /[\\{}$~]/g
  for (let i = 0; i < s.length; ) {
    // plain text up to the next character that may start LaTeX goes through in one piece
    special.lastIndex = i
    const next = special.exec(s)?.index ?? s.length
    if (next > i) {
      pushText(s.slice(i, next))
      i = next
      continue
    }
    const ch = s[i]!
    const rest = s.slice(i, i + 400)
    if (ch === '\\') {
      let m: RegExpExecArray | null
      if ((m = /^\\[%&$#_]/.exec(rest))) {
        pieces.push({ raw: m[0] })
      } else if ((m = /^\\[uvHcdbkrt]\{[A-Za-z]\}/.exec(rest))) {
        pieces.push({ raw: m[0] }) // \v{s}, \c{c}: accents written with a letter
      } else if (rest.startsWith('\\\\')) {
        m = null
        pushText('\\\\') // a line break in LaTeX, but nothing an abstract needs: kept as two backslashes
        i += 1
      } else if (rest.startsWith('\\{')) {
        pieces.push({ raw: '{\\textbraceleft}' })
        m = /^../.exec(rest)
      } else if (rest.startsWith('\\}')) {
        pieces.push({ raw: '{\\textbraceright}' })
        m = /^../.exec(rest)
      } else if (
        ACCENT_SYMBOLS.includes(rest[1] ?? '') &&
        (m = /^\\(.)(?:[A-Za-z]|\{[A-Za-z]\}|\{\\[ij]\}|\\[ij](?![A-Za-z]))/.exec(rest))
      ) {
        pieces.push({ raw: m[0] })
      } else if ((m = /^\\([A-Za-z]+)/.exec(rest)) && TEXT_COMMANDS.has(m[1]!)) {
        // a command word must not glue onto the text that follows: keep its terminating space, or add `{}`
        const next = s[i + m[0].length]
        pieces.push({ raw: next === ' ' || next === '{' || next === undefined ? m[0] : `${m[0]}{}` })
      } else {
        m = null
        pushText('\\')
      }
      i += m ? m[0].length : 1
      continue
    }
    if (ch === '{') {
      open.push(pieces.length)
      pieces.push({ brace: '{', matched: false })
    } else if (ch === '}') {
      const at = open.pop()
      if (at === undefined) pieces.push({ brace: '}', matched: false })
      else {
        ;(pieces[at] as { matched: boolean }).matched = true
        pieces.push({ brace: '}', matched: true })
      }
    } else if (ch === '$') {
      const end = s.indexOf('$', i + 1)
      if (end > i && validMath(s.slice(i + 1, end))) {
        pieces.push({ raw: `{${s.slice(i, end + 1)}}` })
        i = end + 1
        continue
      }
      pushText('$')
    } else if (ch === '~' && i > 0 && /\S/.test(s[i - 1]!) && /\S/.test(s[i + 1] ?? ' ') && s[i + 1] !== '~') {
      pieces.push({ raw: '~' }) // a tie between two words: valid LaTeX
    } else {
      pushText(ch)
    }
    i++
  }
  const out = pieces
    .map((p) => {
      if ('raw' in p) return p.raw
      if ('brace' in p) return p.matched ? p.brace : p.brace === '{' ? '{\\textbraceleft}' : '{\\textbraceright}'
      return toLatex(p.text, options, dropped)
    })
    .join('')
  const result = squash(out)
  // belt and braces: if anything above let an unbalanced brace through, fall back to escaping it all
  return balanced(result) ? result : escapeText(text, options, dropped)
}

/** Whether the braces of a field value balance (BibTeX counts every brace, escaped or not). */
export function balanced(value: string): boolean {
  let depth = 0
  for (const ch of value) {
    if (ch === '{') depth++
    else if (ch === '}' && --depth < 0) return false
  }
  return depth === 0
}

/** A URL in a verbatim field (`url`): only braces and whitespace would break it. */
export function verbatimUrl(url: string): string | null {
  return /^[^\s{}\\]+$/.test(url) && /^[\x21-\x7e]+$/.test(url) ? url : null
}
