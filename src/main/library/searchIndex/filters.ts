/**
 * A search query's filters (is:, has:, org:, author:, arxiv:, tag:, year:, dump:) as the library
 * reads them, and their translation into SQL over `papers p`. The search feature parses queries
 * (src/main/search/query.ts) and hands the filters here; SQL text is built nowhere else.
 */
import { ftsString, tokenize } from './text'

/** Where a piece of the query sits in the text typed (for underlining errors). */
export interface Span {
  start: number
  end: number
}

export type Filter = Span & { negated: boolean } & (
    | { kind: 'is'; value: 'unread' | 'read' | 'starred' | 'unstarred' }
    | { kind: 'has'; value: 'note' | 'tags' }
    | { kind: 'org'; value: string }
    | { kind: 'author'; value: string }
    | { kind: 'arxiv'; value: string }
    | { kind: 'tag'; value: string }
    | { kind: 'year'; op: '=' | '>=' | '<=' | '>' | '<'; value: number }
    | { kind: 'dump'; value: string }
  )

export interface WhereSql {
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

