/**
 * The search engine: SQLite FTS5 narrows 100,000 papers to a few hundred candidates, typos are
 * corrected against the index's vocabulary first, and fuse.js ranks the candidates on their short
 * fields. See README in this folder for the design and the figures behind it.
 *
 * Ranking, in order:
 *   1. papers that match every word of the query (any field) before papers that match some;
 *   2. then by how many of the words are in the title (a title match beats an abstract-only match);
 *   3. then by fuse.js's fuzzy score of the query against title, organisation and tags;
 *   4. then newest first.
 * A query of filters only lists everything matching them, newest first.
 */
import type Database from 'better-sqlite3'
import Fuse from 'fuse.js'
import { type Filter, type ParsedQuery, type QueryError, type TextTerm, MAX_WORDS, parseQuery } from './query'
import { fold, ftsString, tokenize } from '../library/searchIndex/text'
import { completions, corrections, indexCompletions, indexDocs, MIN_CORRECTABLE, termDocs, vocabularyBehind } from '../library/searchIndex/vocabulary'

export interface HasDb {
  readonly db: Database.Database
}

export interface SearchOptions {
  /** Most results to return (default 200). */
  limit?: number
}

export interface SearchHit {
  id: number
  /** 0..1, higher is better; results come sorted by it. */
  score: number
  /** Index terms this paper matched: highlight every word that starts with one of them. */
  highlights: string[]
}

export interface Correction {
  /** The word as typed. */
  word: string
  /** The index terms searched for instead. */
  terms: string[]
}

export interface SearchResponse {
  results: SearchHit[]
  /** Problems in the query (unknown filters, bad values), with their positions. */
  errors: QueryError[]
  /**
   * How many papers matched: for text queries the candidates ranked (at most a few hundred, or
   * `limit`); for filter-only queries the exact count, up to 1,000.
   */
  total: number
  /** Words that were not in the library and what they were corrected to (no terms: nothing matched it). */
  corrections: Correction[]
  /**
   * The query has no words, only filters (and excluded words): its results are a feed, newest first,
   * cut at `limit`; `smartFeed` lists them all.
   */
  filtersOnly: boolean
  /** Every term the query searched for (the union of the results' highlights). */
  terms: string[]
}

/** Prepared statements by their SQL, per library: a query typed key by key asks the same few again. */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>()
/** Statements kept per library (the SQL varies only with the query's filters and its number of words). */
const STATEMENTS_KEPT = 64

function prepared(db: Database.Database, sql: string): Database.Statement {
  let kept = statements.get(db)
  if (!kept) statements.set(db, (kept = new Map()))
  let stmt = kept.get(sql)
  if (!stmt) {
    if (kept.size >= STATEMENTS_KEPT) kept.clear()
    kept.set(sql, (stmt = db.prepare(sql)))
  }
  return stmt
}

/** Candidates fetched per stage; fuse.js ranks at most a few hundred papers. */
const CANDIDATES = 200
/** fuse.js re-ranks this many of the best-covered candidates. */
const FUSE_RANKED = 60
/** Filter-only queries count their matches exactly up to this many. */
const COUNT_CAP = 1000
/** A known word this rare may itself be a typo found in some abstract: also try its corrections. */
const RARE = 2

interface Group {
  term: TextTerm
  /** Index terms any of which satisfies this word; empty when nothing in the library matches it. */
  alternatives: string[]
  /** FTS5 expression, or null when the word matches nothing. */
  fts: string | null
  /** A hyphenated word with a misspelt part: the phrases searched for instead (each a list of terms). */
  variants?: string[][]
}

export function searchPapers(lib: HasDb, query: string | ParsedQuery, options: SearchOptions = {}): SearchResponse {
  const { db } = lib
  const limit = options.limit ?? 200
  const parsed = typeof query === 'string' ? parseQuery(query, { maxWords: MAX_WORDS }) : query
  // a search only reads: the vocabulary is learned by writers (vocabulary.ts)
  const behind = vocabularyBehind(db)
  const positive = parsed.terms.filter((t) => !t.negated)
  // with words, org: filters join the FTS expression (an intersection of doclists, not a subquery per row)
  const where = filterSql(parsed.filters, positive.length > 0)
  const negative = parsed.terms.filter((t) => t.negated)
  const notExpr = negative.length ? negative.map((t) => ftsString(t.tokens.join(' '))).join(' OR ') : null
  const base = { errors: parsed.errors, corrections: [] as Correction[], terms: [] as string[], filtersOnly: positive.length === 0 }

  if (positive.length === 0) {
    if (parsed.filters.length === 0 && negative.length === 0) return { ...base, results: [], total: 0 }
    const excl = notExpr ? ' AND p.id NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH @not)' : ''
    const params = { ...where.params, not: notExpr ?? undefined, limit }
    const sqlWhere = `FROM papers p WHERE ${where.sql}${excl}`
    const ids = prepared(db, `SELECT p.id ${sqlWhere} ORDER BY p.first_seen DESC, p.id DESC LIMIT @limit`).pluck().all(clean(params)) as number[]
    // counted exactly up to COUNT_CAP (a count of 70,000 unread papers costs more than the search)
    const total =
      ids.length < limit
        ? ids.length
        : (prepared(db, `SELECT count(*) FROM (SELECT 1 ${sqlWhere} LIMIT @cap)`).pluck().get(clean({ ...params, limit: undefined, cap: Math.max(COUNT_CAP, limit + 1) })) as number)
    return { ...base, results: ids.map((id) => ({ id, score: 1, highlights: [] })), total }
  }

  const groups = positive.map((t, i) => expand(db, t, parsed.typing && i === positive.length - 1, behind))
  const corrected = groups.filter((g) => g.term.kind === 'word' && !g.alternatives.includes(g.term.tokens[0]!) && !g.alternatives.some((a) => a.startsWith(g.term.tokens[0]!)))
  base.corrections = [
    ...corrected.map((g) => ({ word: g.term.text, terms: g.alternatives })),
    // a hyphenated word searched with a corrected part ("SWE-Lancr" as "swe lancer")
    ...groups.filter((g) => g.variants?.some((v) => v.join(' ') !== g.term.tokens.join(' '))).map((g) => ({ word: g.term.text, terms: g.variants!.map((v) => v.join(' ')) })),
  ]
  base.terms = [...new Set(groups.flatMap((g) => g.alternatives))]
  const live = groups.filter((g) => g.fts !== null)
  if (live.length === 0) return { ...base, results: [], total: 0 }

  // Stages, best first: all words in the short fields; all words anywhere; any word anywhere.
  const all = live.map((g) => g.fts).join(' AND ')
  const stages: string[] = [`{title org tags note authors ids} : (${all})`, `(${all})`]
  // then all words but one (three to five words), then any word
  if (live.length >= 3 && live.length <= 5) {
    for (let skip = 0; skip < live.length; skip++) stages.push(live.filter((_, i) => i !== skip).map((g) => g.fts).join(' AND '))
  }
  if (live.length > 1) stages.push(live.map((g) => g.fts).join(' OR '))
  const nots = [...(notExpr ? [notExpr] : []), ...where.ftsNot]
  const stmtFor = (expr: string) => {
    const and = [`(${expr})`, ...where.ftsAnd.map((e) => `(${e})`)].join(' AND ')
    const match = nots.length ? `(${and}) NOT (${nots.join(' OR ')})` : and
    return {
      match,
      stmt: prepared(
        db,
        `SELECT f.rowid FROM search_fts f JOIN papers p ON p.id = f.rowid
           WHERE search_fts MATCH @match AND ${where.sql} ORDER BY f.rowid DESC LIMIT @limit`,
      ).pluck(),
    }
  }
  const want = Math.max(limit, CANDIDATES)
  const found = new Map<number, number>() // id → stage
  for (let s = 0; s < stages.length && found.size < want; s++) {
    const { match, stmt } = stmtFor(stages[s]!)
    for (const id of stmt.all(clean({ ...where.params, match, limit: want })) as number[]) {
      if (found.size >= want) break
      if (!found.has(id)) found.set(id, s)
    }
  }
  if (found.size === 0) return { ...base, results: [], total: 0 }

  const rows = prepared(
    db,
    // abstracts and notes only for candidates that may lack a word (stages 0 and 1 have them all)
      `SELECT p.id, p.title, coalesce(p.org_handle, '') || ' ' || coalesce(p.org_name, '') AS org,
         coalesce((SELECT group_concat(tag, ' ') FROM tags WHERE paper_id = p.id), '') AS tags,
         CASE WHEN j.value ->> 1 > 1 THEN p.abstract || ' ' || p.note || ' ' || coalesce(p.authors, '') || ' ' || coalesce(p.arxiv_id, '')
           ELSE '' END AS rest
       FROM json_each(?) j JOIN papers p ON p.id = j.value ->> 0`,
  ).all(JSON.stringify([...found])) as CandidateRow[]

  // 1. coverage: how many of the words each candidate has, and how many in its title (cheap)
  const matchers = groups.map(groupMatcher)
  const scored = rows.map((row) => {
    const stage = found.get(row.id)!
    const title = fold(row.title)
    const rest = stage <= 1 ? '' : fold(`${row.rest} ${row.org} ${row.tags}`)
    const highlights = new Set<string>()
    let matched = 0
    let inTitle = 0
    groups.forEach((g, i) => {
      const m = matchers[i]
      if (!m) return
      let hit = collect(m, title, highlights)
      if (hit) inTitle++
      // stages 0 and 1 matched every word somewhere, so a word not in the title is in another field
      if (!hit) hit = stage <= 1 ? (g.alternatives.forEach((a) => highlights.add(a)), true) : collect(m, rest, highlights)
      if (hit) matched++
    })
    return { id: row.id, row, coverage: matched / groups.length, titleCoverage: inTitle / groups.length, fz: 1, highlights: [...highlights] }
  })
  scored.sort((a, b) => b.coverage - a.coverage || b.titleCoverage - a.titleCoverage || b.id - a.id)

  // 2. fuse.js ranks the best of them on their short fields (title above organisation and tags); the
  // rest of a long list stays in coverage order (fuse.js over 1,000 titles would cost ~50 ms a keystroke)
  const head = scored.slice(0, FUSE_RANKED)
  const fuse = new Fuse(
    head.map((h) => h.row),
    {
      keys: [
        { name: 'title', weight: 3 },
        { name: 'org', weight: 1 },
        { name: 'tags', weight: 1 },
      ],
      includeScore: true,
      ignoreLocation: true,
      threshold: 0.6,
      shouldSort: false,
    },
  )
  const fuseQuery = groups
    .map((g) => (g.term.kind === 'word' && g.alternatives.length ? g.alternatives[0]! : g.term.tokens.join(' ')))
    .join(' ')
  for (const r of fuse.search(fuseQuery)) head[r.refIndex]!.fz = r.score ?? 1
  head.sort((a, b) => b.coverage - a.coverage || b.titleCoverage - a.titleCoverage || a.fz - b.fz || b.id - a.id)
  scored.splice(0, head.length, ...head)
  return {
    ...base,
    total: scored.length,
    results: scored.slice(0, limit).map((h) => ({ id: h.id, score: score(h, groups.length), highlights: h.highlights })),
  }
}

/**
 * 0..1 in the order results are ranked (so a list sorted by score is the ranking): papers with every
 * word score 0.6 or more, papers with m of n words below 0.6·(m+1)/n; within a level, more words in
 * the title and then fuse.js's score raise it, never past the next level.
 */
function score(h: { coverage: number; titleCoverage: number; fz: number }, words: number): number {
  const matched = Math.round(h.coverage * words)
  const within = (Math.round(h.titleCoverage * words) + 0.999 * (1 - h.fz)) / (words + 1)
  const s = matched === words ? 0.6 + 0.4 * within : (0.6 * (matched + within)) / words
  return Math.floor(s * 1e6) / 1e6
}

/** A regular expression finding any of a group's terms as whole words (a phrase: its words in order). */
function groupMatcher(g: Group): RegExp | null {
  if (g.fts === null) return null
  const alts =
    g.term.kind === 'phrase' ? (g.variants ?? [g.term.tokens]).map((v) => v.map(escapeRe).join('[^\\p{L}\\p{N}]+')) : g.alternatives.map(escapeRe)
  // a phrase still being typed ends in a prefix ("spiking neur)
  const end = g.term.kind === 'phrase' && g.fts.endsWith('*') ? '[\\p{L}\\p{N}]*' : '(?![\\p{L}\\p{N}])'
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})${end}`, 'gu')
}

function collect(re: RegExp, text: string, into: Set<string>): boolean {
  re.lastIndex = 0
  let found = false
  for (const m of text.matchAll(re)) {
    found = true
    for (const w of m[0].split(/[^\p{L}\p{N}]+/u)) into.add(w)
    if (into.size > 20) break
  }
  return found
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

interface CandidateRow {
  id: number
  title: string
  org: string
  tags: string
  /** abstract and note, loaded only when needed */
  rest: string
}

/**
 * A word's alternatives: itself if the library has it, completions while typing, corrections if
 * misspelt. `behind`: papers were written since the vocabulary last learned, so a word it does not
 * know is looked up in the FTS index itself, and completions come from there too.
 */
function expand(db: Database.Database, term: TextTerm, typing: boolean, behind: boolean): Group {
  if (term.compound) {
    const variants = compoundVariants(db, term.tokens, behind)
    if (variants) return { term, alternatives: [...new Set(variants.flat())], variants, fts: `(${variants.map((v) => ftsString(v.join(' '))).join(' OR ')})` }
  }
  if (term.kind === 'phrase') {
    // like a word, a phrase's last word is completed from 3 letters ("a* costs a scan of the index)
    const prefix = typing && term.open && term.tokens.at(-1)!.length >= 3 ? ' *' : ''
    return { term, alternatives: term.tokens, fts: ftsString(term.tokens.join(' ')) + prefix }
  }
  const word = term.tokens[0]!
  const docs = termDocs(db, word) || (behind ? indexDocs(db, word) : 0)
  const alternatives: string[] = docs > 0 ? [word] : []
  if (typing && word.length >= 3) {
    for (const c of completions(db, word, 8)) alternatives.push(c)
    if (behind) for (const c of indexCompletions(db, word, 8)) alternatives.push(c)
  }
  if (alternatives.length === 0 || (docs > 0 && docs <= RARE && word.length >= MIN_CORRECTABLE)) {
    for (const c of corrections(db, word, 3)) if (docs === 0 || c.docs >= 10 * docs) alternatives.push(c.term)
  }
  const unique = [...new Set(alternatives)]
  return { term, alternatives: unique, fts: unique.length ? `(${unique.map(ftsString).join(' OR ')})` : null }
}

/** Variants of a hyphenated word's phrase tried at most (the product of its parts' corrections). */
const MAX_VARIANTS = 6

/**
 * A hyphenated word ("SWE-Lancr") is a phrase of its parts; a part the library does not have (or has
 * very rarely) is corrected like a word, and the phrase is searched with each combination. Null
 * when every part is known as typed (search the phrase as it is).
 */
function compoundVariants(db: Database.Database, tokens: readonly string[], behind: boolean): string[][] | null {
  let changed = false
  const options = tokens.map((tok) => {
    const docs = termDocs(db, tok) || (behind ? indexDocs(db, tok) : 0)
    if (tok.length < MIN_CORRECTABLE || (docs > RARE)) return [tok]
    const better = corrections(db, tok, 2).filter((c) => docs === 0 || c.docs >= 10 * docs).map((c) => c.term)
    if (better.length === 0) return [tok]
    changed = true
    return docs > 0 ? [tok, ...better] : better
  })
  if (!changed) return null
  let variants: string[][] = [[]]
  for (const opts of options) variants = variants.flatMap((v) => opts.map((o) => [...v, o])).slice(0, MAX_VARIANTS)
  return variants
}

interface WhereSql {
  sql: string
  params: Record<string, unknown>
  /** With `inFts`: FTS expressions the match must also satisfy, or must not. */
  ftsAnd: string[]
  ftsNot: string[]
}

/** SQL over `papers p` for the query's filters. */
export function filterSql(filters: readonly Filter[], inFts = false): WhereSql {
  const parts: string[] = ['1']
  const params: Record<string, unknown> = {}
  const ftsAnd: string[] = []
  const ftsNot: string[] = []
  filters.forEach((f, i) => {
    if ((f.kind === 'org' || f.kind === 'author') && inFts) {
      const tokens = tokenize(f.value)
      if (tokens.length === 0) return parts.push(f.negated ? '1' : '0')
      ;(f.negated ? ftsNot : ftsAnd).push(columnFts(f.kind === 'org' ? 'org' : 'authors', tokens))
      return
    }
    const p = `f${i}`
    let sql: string
    switch (f.kind) {
      case 'is':
        sql = { unread: 'p.read = 0', read: 'p.read = 1', starred: 'p.starred = 1', unstarred: 'p.starred = 0' }[f.value]
        break
      case 'has':
        sql = f.value === 'note' ? "p.note <> ''" : 'EXISTS (SELECT 1 FROM tags t WHERE t.paper_id = p.id)'
        break
      case 'org':
      case 'author':
        // through the index's org (handle and name) or authors column, so it costs no table scan
        params[p] = columnFts(f.kind === 'org' ? 'org' : 'authors', tokenize(f.value))
        sql = tokenize(f.value).length ? `p.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH @${p})` : '0'
        break
      case 'arxiv':
        params[p] = f.value
        sql = `p.arxiv_id = @${p}`
        break
      case 'tag':
        params[p] = f.value
        sql = `EXISTS (SELECT 1 FROM tags t WHERE t.paper_id = p.id AND t.tag = @${p})`
        break
      case 'year': {
        // the publication date; papers without one count by the day they first appeared
        const y = 'coalesce(p.published_at, p.first_seen)'
        params[p] = `${f.value}-01-01`
        params[`${p}n`] = `${f.value + 1}-01-01`
        sql = {
          '=': `(${y} >= @${p} AND ${y} < @${p}n)`,
          '>=': `${y} >= @${p}`,
          '>': `${y} >= @${p}n`,
          '<': `${y} < @${p}`,
          '<=': `${y} < @${p}n`,
        }[f.op]
        break
      }
      case 'dump':
        params[p] = f.value
        sql = `EXISTS (SELECT 1 FROM appearances a JOIN dumps d ON d.id = a.dump_id WHERE a.paper_id = p.id AND d.dump_date = @${p})`
        break
    }
    // -is:read is is:unread (and so on), so the partial indexes on read and starred still apply
    if (f.negated && f.kind === 'is') sql = { unread: 'p.read = 1', read: 'p.read = 0', starred: 'p.starred = 0', unstarred: 'p.starred = 1' }[f.value]
    parts.push(f.negated && f.kind !== 'is' ? `NOT (${sql})` : sql)
  })
  return { sql: parts.join(' AND '), params, ftsAnd, ftsNot }
}

/**
 * org:<value> or author:<value> as an FTS expression on its column (the organisation's handle and
 * name; the authors' names, accents ignored by the tokenizer), the last word a prefix.
 */
function columnFts(column: 'org' | 'authors', tokens: string[]): string {
  return `{${column}} : (${ftsString(tokens.join(' '))} *)`
}

/**
 * Every paper that matches all of the query's words (with their corrections) and its filters.
 * `typing`: the last word is completed as in the search box (a saved search, saved as typed);
 * otherwise words are whole (an export's `--query`). `terms` are the index terms searched for.
 */
export function matchingIdsSql(
  lib: HasDb,
  query: string,
  { typing = false }: { typing?: boolean } = {},
): { sql: string; params: Record<string, unknown>; terms: string[] } | null {
  const { db } = lib
  const parsed = parseQuery(query)
  if (!typing) parsed.typing = false
  const behind = vocabularyBehind(db)
  const where = filterSql(parsed.filters)
  const positive = parsed.terms.filter((t) => !t.negated)
  const negative = parsed.terms.filter((t) => t.negated)
  const notExpr = negative.length ? negative.map((t) => ftsString(t.tokens.join(' '))).join(' OR ') : null
  if (positive.length === 0) {
    if (parsed.filters.length === 0 && !notExpr) return null
    const excl = notExpr ? ' AND p.id NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH @not)' : ''
    return { sql: `SELECT p.id FROM papers p WHERE ${where.sql}${excl}`, params: clean({ ...where.params, not: notExpr ?? undefined }), terms: [] }
  }
  const groups = positive.map((t, i) => expand(db, t, parsed.typing && i === positive.length - 1, behind))
  const terms = [...new Set(groups.flatMap((g) => g.alternatives))]
  if (groups.some((g) => g.fts === null)) return { sql: 'SELECT NULL AS id WHERE 0', params: {}, terms }
  const all = groups.map((g) => g.fts).join(' AND ')
  const match = notExpr ? `(${all}) NOT (${notExpr})` : all
  return {
    sql: `SELECT p.id FROM search_fts f JOIN papers p ON p.id = f.rowid WHERE search_fts MATCH @match AND ${where.sql}`,
    params: clean({ ...where.params, match }),
    terms,
  }
}

function clean(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined))
}

