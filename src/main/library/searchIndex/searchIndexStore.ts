/**
 * The search index as the search feature sees it: the typo vocabulary's lookups and the queries
 * that turn a planned search (FTS expressions and filters) into candidate papers. The feature
 * parses, plans and ranks (pure code); every SQL text it needs is built and run here, each
 * prepared once per library (statements.ts).
 */
import type Database from 'better-sqlite3'
import { statement } from '../statements'
import { type Filter, filterSql } from './filters'
import {
  completions,
  corrections,
  type Correction,
  indexCompletions,
  indexDocs,
  termDocs,
  vocabularyBehind,
} from './vocabulary'

/** A paper the ranking looks at: its short fields, and its long ones only when it may lack a word. */
export interface CandidateRow {
  id: number
  title: string
  /** The organisation's handle and name. */
  org: string
  tags: string
  /** Abstract, note, authors and arXiv id, loaded only for candidates of a later stage (else ''). */
  rest: string
}

/**
 * Every paper matching a query: all of its filters, none of the `not` FTS expression, and, when
 * `words` is given, that FTS expression (the words with their corrections, all of them).
 */
export interface MatchSpec {
  filters: readonly Filter[]
  words: string | null
  not: string | null
}

const NOT_IN = ' AND p.id NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH @not)'

export class SearchIndexStore {
  constructor(private readonly db: Database.Database) {}

  /** Papers were written since the vocabulary last learned: look words up in the FTS index too. */
  vocabularyBehind(): boolean {
    return vocabularyBehind(this.db)
  }

  /** How many papers the vocabulary says hold `term`. */
  termDocs(term: string): number {
    return termDocs(this.db, term)
  }

  /** How many papers the FTS index itself says hold `term` (when the vocabulary is behind). */
  indexDocs(term: string): number {
    return indexDocs(this.db, term)
  }

  completions(prefix: string, limit: number): string[] {
    return completions(this.db, prefix, limit)
  }

  indexCompletions(prefix: string, limit: number): string[] {
    return indexCompletions(this.db, prefix, limit)
  }

  corrections(word: string, limit: number): Correction[] {
    return corrections(this.db, word, limit)
  }

  /** A query of filters only: the newest `limit` papers matching `filters` and not `not`. */
  filteredIds(filters: readonly Filter[], not: string | null, limit: number): number[] {
    const { sql, params } = this.filtered(filters, not)
    return statement(this.db, `SELECT p.id ${sql} ORDER BY p.first_seen DESC, p.id DESC LIMIT @limit`)
      .pluck()
      .all(clean({ ...params, limit })) as number[]
  }

  /** How many papers `filteredIds` would list without its limit, counted up to `cap`. */
  countFiltered(filters: readonly Filter[], not: string | null, cap: number): number {
    const { sql, params } = this.filtered(filters, not)
    return statement(this.db, `SELECT count(*) FROM (SELECT 1 ${sql} LIMIT @cap)`).pluck().get(clean({ ...params, cap })) as number
  }

  private filtered(filters: readonly Filter[], not: string | null): { sql: string; params: Record<string, unknown> } {
    const where = filterSql(filters)
    return { sql: `FROM papers p WHERE ${where.sql}${not ? NOT_IN : ''}`, params: { ...where.params, not: not ?? undefined } }
  }

  /**
   * The ranked search's candidate fetch: returns a function giving, for one stage's FTS expression,
   * the ids (highest first, at most `limit`) that also match `filters` (org: and author: joined to
   * the FTS expression) and not `not`.
   */
  stageSearch(filters: readonly Filter[], not: string | null): (expr: string, limit: number) => number[] {
    const where = filterSql(filters, true)
    const nots = [...(not ? [not] : []), ...where.ftsNot]
    const stmt = statement(
      this.db,
      `SELECT f.rowid FROM search_fts f JOIN papers p ON p.id = f.rowid
       WHERE search_fts MATCH @match AND ${where.sql} ORDER BY f.rowid DESC LIMIT @limit`,
    ).pluck()
    return (expr, limit) => {
      const and = [`(${expr})`, ...where.ftsAnd.map((e) => `(${e})`)].join(' AND ')
      const match = nots.length ? `(${and}) NOT (${nots.join(' OR ')})` : and
      return stmt.all(clean({ ...where.params, match, limit })) as number[]
    }
  }

  /** The candidates' fields, for ids found at a stage (stages 0 and 1 matched every word: no long fields). */
  candidateRows(found: ReadonlyMap<number, number>): CandidateRow[] {
    return statement(
      this.db,
      `SELECT p.id, p.title, coalesce(p.org_handle, '') || ' ' || coalesce(p.org_name, '') AS org,
         coalesce((SELECT group_concat(tag, ' ') FROM tags WHERE paper_id = p.id), '') AS tags,
         CASE WHEN j.value ->> 1 > 1 THEN p.abstract || ' ' || p.note || ' ' || coalesce(p.authors, '') || ' ' || coalesce(p.arxiv_id, '')
           ELSE '' END AS rest
       FROM json_each(?) j JOIN papers p ON p.id = j.value ->> 0`,
    ).all(JSON.stringify([...found])) as CandidateRow[]
  }

  /** Every paper a spec matches, newest first (a smart feed, an export's query). */
  matchingIds(spec: MatchSpec): number[] {
    const m = this.matching(spec)
    return statement(this.db, `SELECT q.id FROM papers q WHERE q.id IN (${m.sql}) ORDER BY q.first_seen DESC, q.id DESC`)
      .pluck()
      .all(m.params) as number[]
  }

  /** How many papers a spec matches, and how many of them are unread (a saved search's counts). */
  countMatching(spec: MatchSpec): { total: number; unread: number } {
    const m = this.matching(spec)
    return statement(this.db, `SELECT count(*) AS total, coalesce(sum(q.read = 0), 0) AS unread FROM papers q WHERE q.id IN (${m.sql})`)
      .pluck(false)
      .get(m.params) as { total: number; unread: number }
  }

  private matching({ filters, words, not }: MatchSpec): { sql: string; params: Record<string, unknown> } {
    const where = filterSql(filters)
    if (words === null) return { sql: `SELECT p.id FROM papers p WHERE ${where.sql}${not ? NOT_IN : ''}`, params: clean({ ...where.params, not: not ?? undefined }) }
    const match = not ? `(${words}) NOT (${not})` : words
    return {
      sql: `SELECT p.id FROM search_fts f JOIN papers p ON p.id = f.rowid WHERE search_fts MATCH @match AND ${where.sql}`,
      params: clean({ ...where.params, match }),
    }
  }
}

/** Unset parameters (undefined) are left out rather than bound. */
function clean(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined))
}
