/**
 * Math that lost its `$` and `\` on the web page: "mathcal O_i", "sigmaleft(", "x_t", "n^2". Only
 * what cannot be English is typeset: a name only LaTeX uses (mathcal, varepsilon, …), two command
 * names glued together (sigmaleft), or a command name or single letter carrying a `_`/`^` group.
 * A lone "alpha" or "beta" stays a word.
 */
import type { Segment } from './latex'

const GREEK = 'alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi rho varrho sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega'
const OPERATORS = 'cdot times leq geq neq approx sim infty partial nabla sum prod int log exp min max arg argmin argmax ell mathcal mathbb mathbf mathrm left right frac sqrt hat tilde bar top in subset cup cap rightarrow leftarrow to mid'
const GREEK_SET = new Set(GREEK.split(' '))
const COMMANDS = [...GREEK.split(' '), ...OPERATORS.split(' ')].sort((a, b) => b.length - a.length)
/** Never English words: seen alone, still math. */
const ONLY_LATEX = new Set(['mathcal', 'mathbb', 'mathbf', 'mathrm', 'varepsilon', 'vartheta', 'varphi', 'varrho', 'varpi', 'cdot', 'leq', 'geq', 'neq', 'infty', 'nabla', 'argmin', 'argmax', 'rightarrow', 'leftarrow'])
const FONTS = new Set(['mathcal', 'mathbb', 'mathbf', 'mathrm'])
/** Sizing that needs a delimiter KaTeX may not find in a mangled abstract: dropped. */
const DROPPED = new Set(['left', 'right'])

/** Splits a glued run of command names ("sigmaleft") into its names, or null. */
function splitCommands(word: string): string[] | null {
  if (word === '') return []
  for (const c of COMMANDS) {
    if (word.startsWith(c)) {
      const rest = splitCommands(word.slice(c.length))
      if (rest) return [c, ...rest]
    }
  }
  return null
}

const GROUP = String.raw`(?:[_^](?:\{[^{}\s]{1,20}\}|[A-Za-z0-9]))`
// a run of letters (maybe a font with its letter after a space) followed by optional _/^ groups
const CANDIDATE = new RegExp(String.raw`(?<![A-Za-z0-9\\])([A-Za-z]+)(?:\s([A-Z])(?![a-z]))?(${GROUP}*)(?![A-Za-z0-9])`, 'g')

function toTex(names: string[], fontArg: string | undefined, groups: string): string {
  const parts = names.filter((n) => !DROPPED.has(n)).map((n) => `\\${n}`)
  let tex = parts.join(' ')
  if (fontArg) tex += `{${fontArg}}`
  return tex + groups
}

/** Finds bare math in plain text; the rest stays text. */
export function recoverBareMath(text: string): Segment[] {
  const out: Segment[] = []
  let last = 0
  for (const m of text.matchAll(CANDIDATE)) {
    const [whole, word, fontArg, groups = ''] = m
    let tex: string | null = null
    const names = splitCommands(word!)
    if (names && names.length > 0) {
      const font = FONTS.has(names.at(-1)!)
      // glued names must not be short English ("into" is in+to): at least 3 letters each, one Greek or LaTeX-only
      const glued = names.length > 1 && names.every((n) => n.length >= 3) && names.some((n) => ONLY_LATEX.has(n) || GREEK_SET.has(n))
      const unambiguous = glued || ONLY_LATEX.has(names[0]!) || (groups !== '' && names.length === 1)
      if (unambiguous && (!fontArg || font)) tex = toTex(names, fontArg, groups)
    } else if (word!.length === 1 && groups !== '' && !fontArg) {
      // a single letter with an index or power: x_t, O_i, n^2
      tex = word + groups
    }
    if (tex === null || tex.trim() === '') continue
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) })
    out.push({ kind: 'math', tex, display: false })
    last = m.index + whole.length
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) })
  return out
}
