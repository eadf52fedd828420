/**
 * Plans the preview of a Markdown note so that rendering it never freezes the window: the note is
 * cut into top-level blocks (each rendered and memoised on its own, so React can pause between them
 * and an edit re-renders only the blocks it touched), and a note too large to typeset is shown as
 * its text, in chunks, with a sentence saying why.
 */

export const PREVIEW_LIMITS = {
  /** Characters of a note above which it is shown as text. */
  noteChars: 100_000,
  /** Formulas in a note above which it is shown as text. */
  formulas: 1_000,
  /** Characters of one formula above which that formula is shown as its source. */
  formulaChars: 2_000,
}

/** Size of the plain-text chunks of a note too large to preview. */
const SOURCE_CHUNK = 16_384

export type PreviewPlan =
  | { kind: 'markdown'; blocks: string[] }
  | { kind: 'source'; reason: string; chunks: string[] }

const FENCE = /^ {0,3}(`{3,}|~{3,})/
const MATH_FENCE = /^ {0,3}\$\$/
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/
/** Link reference definitions and footnotes are used by other blocks: such notes are not cut. */
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m

/** Counts `$…$` and `$$…$$` formulas (an estimate: a lone dollar sign may pair with a later one). */
export function countFormulas(text: string): number {
  return text.match(/\$\$[\s\S]*?\$\$|\$[^$\n]+\$/g)?.length ?? 0
}

/**
 * Cuts Markdown into top-level blocks at blank lines, keeping together what a blank line does not
 * end: fenced code, `$$` math, the items of a loose list, and indented lines that continue a list
 * item or an indented block.
 */
export function splitBlocks(text: string): string[] {
  if (DEFINITION.test(text)) return [text]
  const lines = text.split('\n')
  const blocks: string[] = []
  let current: string[] = []
  let fence: string | null = null
  let inMath = false
  let sawBlank = false
  const close = () => {
    if (current.some((l) => l.trim() !== '')) blocks.push(current.join('\n'))
    current = []
  }
  for (const line of lines) {
    if (fence !== null) {
      current.push(line)
      if (line.trimStart().startsWith(fence)) fence = null
      continue
    }
    if (inMath) {
      current.push(line)
      if (line.includes('$$')) inMath = false
      continue
    }
    if (line.trim() === '') {
      sawBlank = true
      current.push(line)
      continue
    }
    // After a blank line, a line that is not indented starts a new block, unless it is the next
    // item of a (loose) list.
    if (sawBlank && !/^[ \t]/.test(line) && !(LIST_ITEM.test(line) && LIST_ITEM.test(current.find((l) => l.trim() !== '') ?? ''))) close()
    sawBlank = false
    current.push(line)
    const f = FENCE.exec(line)
    if (f) fence = f[1]!
    else if (MATH_FENCE.test(line) && !line.trim().slice(2).includes('$$')) inMath = true
  }
  close()
  return blocks
}

function chunks(text: string): string[] {
  const out: string[] = []
  for (let at = 0; at < text.length; ) {
    // end a chunk at a line break where one is near, so no line is split between two elements
    let end = Math.min(text.length, at + SOURCE_CHUNK)
    if (end < text.length) {
      const nl = text.lastIndexOf('\n', end)
      if (nl > at) end = nl + 1
    }
    out.push(text.slice(at, end))
    at = end
  }
  return out
}

const kb = (chars: number) => `${Math.round(chars / 1000).toLocaleString('en')} KB`

export function planPreview(text: string): PreviewPlan {
  if (text.length > PREVIEW_LIMITS.noteChars) {
    return {
      kind: 'source',
      reason: `This note is too long to typeset (${kb(text.length)}; the preview typesets notes up to ${kb(PREVIEW_LIMITS.noteChars)}), so here is its text.`,
      chunks: chunks(text),
    }
  }
  const formulas = countFormulas(text)
  if (formulas > PREVIEW_LIMITS.formulas) {
    return {
      kind: 'source',
      reason: `This note has too many formulas to typeset (${formulas.toLocaleString('en')}; the preview typesets up to ${PREVIEW_LIMITS.formulas.toLocaleString('en')}), so here is its text.`,
      chunks: chunks(text),
    }
  }
  return { kind: 'markdown', blocks: splitBlocks(text) }
}
