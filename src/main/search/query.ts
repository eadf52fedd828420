/**
 * The search box's language:
 *
 *   words              fuzzy: every word is matched as typed, by prefix, and with typos corrected
 *   "exact phrase"     the words in this order, not corrected
 *   -word  -"phrase"   exclude papers with it
 *   is:unread  is:read  is:starred  is:unstarred  has:note  has:tags
 *   org:<handle or name>          org:openbmb  org:"Hugging Face"
 *   author:<name>                 author:bordes  author:"Aleksander Madry" (accents ignored)
 *   arxiv:<id>                    arxiv:2405.17247 (a version such as v2 is ignored)
 *   tag:<name>
 *   year:2024  year:>=2023  year:<2020  (also > and <=): the paper's publication year
 *   dump:2026-04-20                the paper appeared in that day's dump
 *   -<filter>                      negates a filter: -is:starred, -org:google
 *
 * Unknown filters and bad values are returned as errors with their position in the query, so the
 * box can underline them; the rest of the query still runs.
 */
import { normalizeArxivId } from '../../shared/paperLinks'
import { tokenize } from '../library/searchIndex/text'
import type { Filter, Span } from '../library/searchIndex/filters'

export type { Filter, Span }

export interface TextTerm extends Span {
  kind: 'word' | 'phrase'
  /** As typed (without quotes or the leading minus). */
  text: string
  /** Index terms: one for a plain word; a phrase, or a word like "GPT-4", has several. */
  tokens: string[]
  negated: boolean
  /** A phrase whose closing quote is not typed yet. */
  open?: boolean
  /** A word the tokenizer split (`SWE-Lancer`, `GPT-4`): a phrase whose words are still corrected. */
  compound?: boolean
}

export interface QueryError extends Span {
  message: string
}

export interface ParsedQuery {
  terms: TextTerm[]
  filters: Filter[]
  errors: QueryError[]
  /**
   * The query ends mid-word (no trailing space) or inside a phrase whose quote is not closed yet:
   * the last word is completed as a prefix.
   */
  typing: boolean
}

/** Words the ranked search takes at most (each costs index lookups and a fuse.js pattern); the rest are reported. */
export const MAX_WORDS = 12

export const FILTER_KEYS = ['is', 'has', 'org', 'author', 'arxiv', 'tag', 'year', 'dump'] as const

const PIECE = /(-?)(?:([A-Za-z]+):(?:"([^"]*)"?|(\S*))|"([^"]*)"?|(\S+))/gy

export function parseQuery(input: string, options: { maxWords?: number } = {}): ParsedQuery {
  const maxWords = options.maxWords ?? Infinity
  const terms: TextTerm[] = []
  const filters: Filter[] = []
  const errors: QueryError[] = []
  let i = 0
  while (i < input.length) {
    if (/\s/.test(input[i]!)) {
      i++
      continue
    }
    PIECE.lastIndex = i
    const m = PIECE.exec(input)
    if (!m) break
    const start = i
    const end = i + m[0].length
    i = end
    const negated = m[1] === '-'
    const [, , key, quotedValue, bareValue, phrase, word] = m
    if (key !== undefined) {
      const value = quotedValue ?? bareValue ?? ''
      if ((value === '' && quotedValue === undefined) || value.startsWith('//')) {
        if (value.startsWith('//')) {
          addText(terms, 'word', m[0].slice(negated ? 1 : 0), negated, start, end) // a URL, not a filter
          continue
        }
        // "word:" with nothing after it: a plain word ("results:" in a pasted sentence)
        addText(terms, 'word', key, negated, start, end)
        continue
      }
      const f = parseFilter(key.toLowerCase(), value, negated, start, end)
      if ('message' in f) errors.push(f)
      else filters.push(f)
    } else if (phrase !== undefined) {
      addText(terms, 'phrase', phrase, negated, start, end, !m[0].endsWith('"') || m[0].length - (negated ? 1 : 0) === 1)
    } else if (word !== undefined) {
      if (word === '-' || word === '') continue
      addText(terms, 'word', word, negated, start, end)
    }
  }
  // a pasted paragraph: search its first words and say so, rather than stall the app
  if (terms.length > maxWords) {
    const over = terms.splice(maxWords)
    errors.push({ start: over[0]!.start, end: over.at(-1)!.end, message: `Only the first ${maxWords} words are searched` })
  }
  const last = terms.at(-1)
  const typing = !!last && (last.kind === 'word' || !!last.open) && !last.negated && last.end === input.length
  return { terms, filters, errors, typing }
}

function addText(terms: TextTerm[], kind: 'word' | 'phrase', text: string, negated: boolean, start: number, end: number, open = false) {
  const tokens = tokenize(text)
  if (tokens.length === 0) return
  const compound = kind === 'word' && tokens.length > 1
  terms.push({ kind: compound ? 'phrase' : kind, text, tokens, negated, start, end, ...(open ? { open } : {}), ...(compound ? { compound } : {}) })
}

function parseFilter(key: string, value: string, negated: boolean, start: number, end: number): Filter | QueryError {
  const at = { start, end, negated }
  const bad = (message: string): QueryError => ({ start, end, message })
  const v = value.trim()
  switch (key) {
    case 'is': {
      const x = v.toLowerCase()
      if (x === 'unread' || x === 'read' || x === 'starred' || x === 'unstarred') return { ...at, kind: 'is', value: x }
      return bad(`is: takes unread, read, starred or unstarred, not "${value}"`)
    }
    case 'has': {
      const x = v.toLowerCase().replace(/s$/, '')
      if (x === 'note') return { ...at, kind: 'has', value: 'note' }
      if (x === 'tag') return { ...at, kind: 'has', value: 'tags' }
      return bad(`has: takes note or tags, not "${value}"`)
    }
    case 'org':
      return v ? { ...at, kind: 'org', value: v } : bad('org: needs an organisation handle or name')
    case 'author':
    case 'authors':
      return tokenize(v).length ? { ...at, kind: 'author', value: v } : bad('author: needs a name, like author:bordes')
    case 'arxiv': {
      const id = normalizeArxivId(v)
      return id ? { ...at, kind: 'arxiv', value: id } : bad(`arxiv: takes an arXiv id like 2405.17247, not "${value}"`)
    }
    case 'tag':
      return v ? { ...at, kind: 'tag', value: v.toLowerCase() } : bad('tag: needs a tag name')
    case 'year': {
      const m = /^(>=|<=|>|<|=)?(\d{4})$/.exec(v)
      if (!m) return bad(`year: takes a year like 2024, >=2023 or <2020, not "${value}"`)
      return { ...at, kind: 'year', op: (m[1] ?? '=') as '=', value: Number(m[2]) }
    }
    case 'dump': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
      const d = m ? new Date(`${v}T00:00:00Z`) : null
      if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) {
        return bad(`dump: takes a date like 2026-04-20, not "${value}"`)
      }
      return { ...at, kind: 'dump', value: v }
    }
    default:
      return bad(`Unknown filter "${key}:" — the filters are ${FILTER_KEYS.map((k) => `${k}:`).join(' ')}`)
  }
}
