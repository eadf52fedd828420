/**
 * Makes the LaTeX that arXiv abstracts carry readable, without ever producing HTML: the text is
 * split into segments (plain, italic, bold, link, math) that the UI renders as React elements
 * (math through KaTeX). Pure and DOM-free so it is unit-tested on its own.
 *
 *   {\it viz} / \emph{x} / \textit{x}  → italic      {\bf x} / \textbf{x} → bold
 *   \%  \&  \_  \#  \$                 → the character
 *   na\"ively, \'{e}, {\"o}, \c{c}, \ss → naïvely, é, ö, ç, ß
 *   ``quoted''  ---  ~                 → “quoted”  —  no-break space
 *   $x^2$, \(x\), $$…$$, \[…\]         → math segments
 *   http(s)://…                        → link segments (trailing punctuation left out)
 */
import { recoverBareMath } from './bareMath'

export type Segment =
  | { kind: 'text'; text: string; style?: 'italic' | 'bold' | 'mono' }
  | { kind: 'math'; tex: string; display: boolean }
  | { kind: 'link'; url: string; text: string }

const COMBINING: Record<string, string> = {
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030C',
  H: '\u030B',
  c: '\u0327',
  k: '\u0328',
  r: '\u030A',
}

const LETTERS: Record<string, string> = {
  ss: 'ß',
  o: 'ø',
  O: 'Ø',
  aa: 'å',
  AA: 'Å',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
  j: 'ȷ',
}

/** Accents and escapes in plain text (outside math). */
export function decodeTextCommands(text: string): string {
  let s = text
  // \"{o}  {\"o}  \"o  \'\i  — letter accents (symbol accents may omit the brace; letter ones need one)
  s = s.replace(/\{\\(["'`^~=.])\s*\{?\\?([A-Za-z])\}?\}/g, (_m, acc: string, ch: string) => accent(acc, ch))
  s = s.replace(/\\(["'`^~=.])\s*\{\\?([A-Za-z])\}/g, (_m, acc: string, ch: string) => accent(acc, ch))
  s = s.replace(/\\(["'`^~=.])\\?([A-Za-z])/g, (_m, acc: string, ch: string) => accent(acc, ch))
  s = s.replace(/\{?\\([uvHckr])\{\\?([A-Za-z])\}\}?/g, (_m, acc: string, ch: string) => accent(acc, ch))
  s = s.replace(/\{\\(ss|aa|AA|ae|AE|oe|OE|o|O|l|L)\}/g, (_m, name: string) => LETTERS[name]!)
  s = s.replace(/\\(ss|aa|AA|ae|AE|oe|OE|o|O|l|L)(?![A-Za-z])\s?/g, (_m, name: string) => LETTERS[name]!)
  s = s.replace(/\\([%&_#$])/g, '$1')
  s = s.replace(/\\textasciitilde\{?\}?/g, '~')
  s = s.replace(/\\ldots\{?\}?|\\dots\{?\}?/g, '…')
  s = s.replace(/---/g, '—').replace(/(?<=\s)--(?=\s)/g, '–').replace(/(?<=\d)--(?=\d)/g, '–')
  s = s.replace(/``/g, '“').replace(/''/g, '”')
  s = s.replace(/(?<=\S)~(?=\S)/g, '\u00A0')
  s = s.replace(/\\(?:,|;|:| )/g, ' ')
  s = s.replace(/\\\\/g, ' ')
  return s.normalize('NFC')
}

function accent(acc: string, ch: string): string {
  const base = ch === 'i' ? 'i' : ch === 'j' ? 'j' : ch
  const mark = COMBINING[acc]
  return mark ? `${base}${mark}`.normalize('NFC') : ch
}

const URL_RE = /\bhttps?:\/\/[^\s<>"'`{}|\\^]+/g

/** Splits off URLs, keeping trailing punctuation (and unbalanced closing brackets) out of the link. */
export function splitLinks(text: string): Segment[] {
  const out: Segment[] = []
  let last = 0
  for (const m of text.matchAll(URL_RE)) {
    let url = m[0]
    while (/[.,;:!?)\]]$/.test(url)) {
      const ch = url.at(-1)!
      if (ch === ')' && count(url, '(') >= count(url, ')')) break
      if (ch === ']' && count(url, '[') >= count(url, ']')) break
      url = url.slice(0, -1)
    }
    const start = m.index
    if (start > last) out.push({ kind: 'text', text: text.slice(last, start) })
    out.push({ kind: 'link', url, text: url })
    last = start + url.length
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) })
  return out
}

const count = (s: string, ch: string) => s.split(ch).length - 1

/**
 * Finds math: $$…$$, \[…\], \(…\) and $…$ (pandoc's rule for single dollars: the opening $ is not
 * followed by a space, the closing one is not preceded by a space nor followed by a digit, so
 * "costs $5 and $10" stays text).
 */
export function splitMath(text: string): Segment[] {
  const out: Segment[] = []
  let buf = ''
  let i = 0
  const flush = () => {
    if (buf) out.push({ kind: 'text', text: buf })
    buf = ''
  }
  while (i < text.length) {
    const rest = text.slice(i)
    let m: RegExpMatchArray | null
    if (rest.startsWith('\\$')) {
      buf += '\\$'
      i += 2
      continue
    }
    if ((m = rest.match(/^\$\$([^$]+?)\$\$/)) || (m = rest.match(/^\\\[([\s\S]+?)\\\]/))) {
      flush()
      out.push({ kind: 'math', tex: m[1]!.trim(), display: true })
      i += m[0].length
      continue
    }
    if ((m = rest.match(/^\\\(([\s\S]+?)\\\)/))) {
      flush()
      out.push({ kind: 'math', tex: m[1]!.trim(), display: false })
      i += m[0].length
      continue
    }
    if ((m = rest.match(/^\$(?!\s)((?:\\\$|[^$\n]){1,300}?)(?<![\s\\])\$(?!\d)/))) {
      flush()
      out.push({ kind: 'math', tex: m[1]!, display: false })
      i += m[0].length
      continue
    }
    buf += text[i]
    i++
  }
  flush()
  return out
}

const STYLE_GROUP = /\{\\(it|em|sl|bf|tt)\s+([^{}]*)\}|\\(textit|emph|textsl|textbf|texttt|textrm|text|mathrm)\{([^{}]*)\}/g
const STYLE_OF: Record<string, 'italic' | 'bold' | 'mono' | undefined> = {
  it: 'italic',
  em: 'italic',
  sl: 'italic',
  textit: 'italic',
  emph: 'italic',
  textsl: 'italic',
  bf: 'bold',
  textbf: 'bold',
  tt: 'mono',
  texttt: 'mono',
}

function splitStyles(text: string): Segment[] {
  const out: Segment[] = []
  let last = 0
  for (const m of text.matchAll(STYLE_GROUP)) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) })
    const name = m[1] ?? m[3]!
    const inner = (m[2] ?? m[4]!).trim()
    const style = STYLE_OF[name]
    out.push(style ? { kind: 'text', text: inner, style } : { kind: 'text', text: inner })
    last = m.index + m[0].length
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) })
  return out
}

/** The full pipeline: links first (URLs may hold `~` or `$`), then math, then styles and accents. */
export function abstractToSegments(source: string): Segment[] {
  const out: Segment[] = []
  for (const part of splitLinks(source)) {
    if (part.kind !== 'text') {
      out.push(part)
      continue
    }
    for (const piece of splitMath(part.text)) {
      if (piece.kind !== 'text') {
        out.push(piece)
        continue
      }
      for (const styled of splitStyles(piece.text)) {
        if (styled.kind !== 'text') continue
        // math that lost its $ and \ on the web page (plain runs only: styled text is prose)
        for (const bare of styled.style ? [styled] : recoverBareMath(styled.text)) {
          if (bare.kind !== 'text') {
            out.push(bare)
            continue
          }
          const text = decodeTextCommands(bare.text).replace(/[{}]/g, '')
          if (text) out.push({ ...styled, text })
        }
      }
    }
  }
  return mergeText(out)
}

function mergeText(segments: Segment[]): Segment[] {
  const out: Segment[] = []
  for (const s of segments) {
    const prev = out.at(-1)
    if (s.kind === 'text' && prev?.kind === 'text' && prev.style === s.style) prev.text += s.text
    else out.push({ ...s })
  }
  return out
}

/** One line of readable text (for list rows and window titles): math keeps its source, without $. */
export function toPlainText(source: string): string {
  return abstractToSegments(source)
    .map((s) => (s.kind === 'math' ? s.tex : s.text))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
}
