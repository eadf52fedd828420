/**
 * Papers as the feed reads them and the flags the user sets: views (ordered ids), summaries, whole
 * papers with their appearances, day groups, counts; read and starred.
 */
import type Database from 'better-sqlite3'
import { statement, writeTransaction } from './statements'
import type { PaperRow } from './writeDay'
import type { DayGroup, FeedFilter, FeedSort, LibraryCounts, Paper, PaperSummary } from '../../shared/contract/shapes/library'

const SUMMARY_COLUMNS = `id, title, authors_count, org_handle, org_name, published_at, upvotes, read, starred,
  note <> '' AS has_note, first_seen`

const FILTER_SQL: Record<FeedFilter, string> = {
  all: '1',
  unread: 'read = 0',
  starred: 'starred = 1',
  notes: "note <> ''",
}
const ORDER_SQL: Record<FeedSort, string> = {
  date: 'first_seen DESC, id',
  upvotes: 'COALESCE(upvotes, 0) DESC, first_seen DESC, id',
}

export class PaperStore {
  constructor(private readonly db: Database.Database) {}

  /** Ordered ids of a feed view: cheap enough to hold whole in the renderer even at 100,000 papers. */
  viewIds(filter: FeedFilter = 'all', sort: FeedSort = 'date'): number[] {
    return statement(this.db, `SELECT id FROM papers WHERE ${FILTER_SQL[filter]} ORDER BY ${ORDER_SQL[sort]}`).pluck().all() as number[]
  }

  /** Summaries for the given ids, in the order given (unknown ids are left out). */
  summaries(ids: readonly number[]): PaperSummary[] {
    if (ids.length === 0) return []
    const rows = statement(this.db, `SELECT ${SUMMARY_COLUMNS} FROM papers WHERE id IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(ids),
    ) as SummaryRow[]
    const byId = new Map(rows.map((r) => [r.id, toSummary(r)]))
    return ids.flatMap((id) => byId.get(id) ?? [])
  }

  list(options: { filter?: FeedFilter; sort?: FeedSort; limit?: number; offset?: number } = {}): Paper[] {
    const { filter = 'all', sort = 'date', limit = -1, offset = 0 } = options
    const rows = statement(this.db, `SELECT * FROM papers WHERE ${FILTER_SQL[filter]} ORDER BY ${ORDER_SQL[sort]} LIMIT ? OFFSET ?`).all(
      limit,
      offset,
    ) as PaperRow[]
    return rows.map((r) => this.toPaper(r))
  }

  get(id: number): Paper | null {
    const row = statement(this.db, 'SELECT * FROM papers WHERE id = ?').get(id) as PaperRow | undefined
    return row ? this.toPaper(row) : null
  }

  dayGroups(filter: FeedFilter = 'all'): DayGroup[] {
    return statement(
      this.db,
      `SELECT first_seen AS day, count(*) AS total, sum(read = 0) AS unread FROM papers
       WHERE ${FILTER_SQL[filter]} GROUP BY first_seen ORDER BY first_seen DESC`,
    ).all() as DayGroup[]
  }

  counts(): LibraryCounts {
    return statement(
      this.db,
      `SELECT count(*) AS total, coalesce(sum(read = 0), 0) AS unread, coalesce(sum(starred), 0) AS starred,
         coalesce(sum(note <> ''), 0) AS notes, (SELECT count(*) FROM dumps) AS dumps FROM papers`,
    ).get() as LibraryCounts
  }

  /** Sets read or starred on the given papers; returns how many changed. */
  setFlag(column: 'read' | 'starred', ids: readonly number[], value: boolean): number {
    const update = statement(this.db, `UPDATE papers SET ${column} = ? WHERE ${column} <> ? AND id IN (SELECT value FROM json_each(?))`)
    return writeTransaction(this.db, () => update.run(Number(value), Number(value), JSON.stringify(ids)).changes)
  }

  private toPaper(r: PaperRow): Paper {
    const appearances = statement(
      this.db,
      `SELECT DISTINCT d.dump_date AS dumpDate, d.file_name AS fileName, a.upvotes FROM appearances a
       JOIN dumps d ON d.id = a.dump_id WHERE a.paper_id = ? ORDER BY d.dump_date, d.id`,
    ).all(r.id) as Paper['appearances']
    return {
      ...toSummary({ ...r, has_note: r.note !== '' ? 1 : 0 }),
      abstract: r.abstract,
      note: r.note,
      noteUpdatedAt: r.note_updated_at,
      lastSeen: r.last_seen,
      arxivId: r.arxiv_id,
      authors: r.authors ? (JSON.parse(r.authors) as string[]) : null,
      citationKey: r.citation_key,
      appearances,
    }
  }
}

type SummaryRow = Pick<
  PaperRow,
  'id' | 'title' | 'authors_count' | 'org_handle' | 'org_name' | 'published_at' | 'upvotes' | 'read' | 'starred' | 'first_seen'
> & { has_note: number }

function toSummary(r: SummaryRow): PaperSummary {
  return {
    id: r.id,
    title: r.title,
    authorsCount: r.authors_count,
    org: r.org_handle ? { handle: r.org_handle, name: r.org_name ?? r.org_handle } : null,
    publishedAt: r.published_at,
    upvotes: r.upvotes,
    read: r.read === 1,
    starred: r.starred === 1,
    hasNote: r.has_note === 1,
    firstSeen: r.first_seen,
  }
}
