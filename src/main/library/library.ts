/**
 * The Margin library: one SQLite file behind a small API. The Electron main process, the CLI and
 * the browser test harness all use this class; nothing else issues SQL.
 */
import { createHash } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { DumpFormatError, parseDumpBytes, resolveDump } from '../dump/parser'
import { type ImportedEntry, looksLikeJson, parseHfApiBytes } from '../dump/hfApi'
import { assignCitationKey, getCitationKey, setCitationKey } from '../export/citationKeys'
import { migrate } from './migrations'
import { indexPapers } from '../search/indexer'
import { statement } from './statements'
import type { DayGroup, DumpRecord, FeedFilter, FeedSort, ImportResult, LibraryCounts, Paper, PaperSummary } from './schemas'
import { titleKey } from './titleKey'

export interface ImportInput {
  /** Shown in results and stored with the dump record (a path or a file name). */
  path: string
  bytes: Uint8Array
  /** The file's modification time: decides the dump's year when no entry prints one. */
  modifiedAt?: Date
}

interface PaperRow {
  id: number
  title: string
  abstract: string
  authors_count: number | null
  org_handle: string | null
  org_name: string | null
  published_at: string | null
  published_explicit: number
  upvotes: number | null
  upvotes_date: string | null
  first_seen: string
  last_seen: string
  read: number
  starred: number
  note: string
  note_updated_at: string | null
  arxiv_id: string | null
  authors: string | null
  citation_key: string | null
}

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

export class Library {
  readonly db: Database.Database

  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
    this.db = new Database(path)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('busy_timeout = 5000')
    migrate(this.db)
  }

  close(): void {
    this.db.close()
  }

  /**
   * Imports one dump in one transaction. Never throws for bad input: a file that cannot be read as a
   * dump comes back as `failed` with the reason, and the library is exactly as it was.
   */
  importDump(input: ImportInput): ImportResult {
    const base = { path: input.path, dumpDate: null, papers: 0, added: 0, merged: 0, warnings: [] as string[], error: null }
    const sha256 = createHash('sha256').update(input.bytes).digest('hex')
    const existing = this.db.prepare('SELECT dump_date, entries FROM dumps WHERE sha256 = ?').get(sha256) as
      | { dump_date: string; entries: number }
      | undefined
    if (existing) {
      return { ...base, status: 'already-imported', dumpDate: existing.dump_date, papers: existing.entries }
    }
    let parsed
    try {
      // a Daily Papers API response (JSON) or a saved page (text)
      parsed = looksLikeJson(input.bytes)
        ? parseHfApiBytes(input.bytes, input.modifiedAt ?? new Date())
        : resolveDump(parseDumpBytes(input.bytes), input.modifiedAt ?? new Date())
    } catch (e) {
      if (e instanceof DumpFormatError) return { ...base, status: 'failed', error: e.message }
      throw e
    }
    const warnings = parsed.warnings.map((w) => `line ${w.line}: ${w.message}`)
    try {
      const { added, merged } = this.db.transaction(() =>
        this.writeDump(input, sha256, parsed.dumpDate, parsed.entries, warnings),
      )()
      return { ...base, status: 'imported', dumpDate: parsed.dumpDate, papers: parsed.entries.length, added, merged, warnings }
    } catch (e) {
      return { ...base, status: 'failed', dumpDate: parsed.dumpDate, warnings, error: `Could not save to the library: ${(e as Error).message}` }
    }
  }

  private writeDump(input: ImportInput, sha256: string, dumpDate: string, entries: ImportedEntry[], warnings: string[]) {
    const now = new Date().toISOString()
    const dumpId = statement(
        this.db,
        `INSERT INTO dumps (file_name, size, sha256, dump_date, imported_at, entries, added, merged, warnings)
         VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?)`,
      )
      .run(input.path, input.bytes.length, sha256, dumpDate, now, entries.length, JSON.stringify(warnings)).lastInsertRowid
    const find = statement(this.db, 'SELECT * FROM papers WHERE title_key = ?')
    const insert = statement(this.db, 
      `INSERT INTO papers (title, title_key, abstract, authors_count, org_handle, org_name, published_at,
         published_explicit, upvotes, upvotes_date, first_seen, last_seen, added_at)
       VALUES (@title, @key, @abstract, @authorsCount, @orgHandle, @orgName, @publishedAt, @explicit, @upvotes,
         @upvotesDate, @day, @day, @now)`,
    )
    const update = statement(this.db, 
      `UPDATE papers SET abstract = @abstract, authors_count = @authorsCount, org_handle = @orgHandle,
         org_name = @orgName, published_at = @publishedAt, published_explicit = @explicit, upvotes = @upvotes,
         upvotes_date = @upvotesDate, first_seen = min(first_seen, @day), last_seen = max(last_seen, @day)
       WHERE id = @id`,
    )
    // arXiv id and author names come only from the API format; known values are kept
    const identify = statement(this.db, 
      'UPDATE papers SET arxiv_id = coalesce(arxiv_id, ?), authors = coalesce(authors, ?) WHERE id = ?',
    )
    const appear = statement(this.db, 'INSERT INTO appearances (dump_id, position, paper_id, upvotes) VALUES (?, ?, ?, ?)')
    let added = 0
    let merged = 0
    const addedIds: number[] = []
    const mergedIds: number[] = []
    entries.forEach((e, position) => {
      const key = titleKey(e.title)
      const row = find.get(key) as PaperRow | undefined
      let id: number
      if (!row) {
        id = Number(
          insert.run({
            title: e.title,
            key,
            abstract: e.abstract,
            authorsCount: e.authorsCount,
            orgHandle: e.org?.handle ?? null,
            orgName: e.org?.name ?? null,
            publishedAt: e.publishedAt,
            explicit: e.publishedExplicit ? 1 : 0,
            upvotes: e.upvotes,
            upvotesDate: e.upvotes === null ? null : dumpDate,
            day: dumpDate,
            now,
          }).lastInsertRowid,
        )
        added++
        assignCitationKey(this.db, id) // pinned from now on (issue 5)
        addedIds.push(id)
      } else {
        id = row.id
        update.run({ id, day: dumpDate, ...mergeEntry(row, e, dumpDate) })
        merged++
        if (!addedIds.includes(id) && !mergedIds.includes(id)) mergedIds.push(id)
      }
      if (e.arxivId || e.authors) identify.run(e.arxivId ?? null, e.authors ? JSON.stringify(e.authors) : null, id)
      appear.run(dumpId, position, id, e.upvotes)
    })
    statement(this.db, 'UPDATE dumps SET added = ?, merged = ? WHERE id = ?').run(added, merged, dumpId)
    indexPapers(this.db, addedIds, mergedIds) // search index (issue 4), in the same transaction
    return { added, merged }
  }

  /** Ordered ids of a feed view: cheap enough to hold whole in the renderer even at 100,000 papers. */
  viewIds(filter: FeedFilter = 'all', sort: FeedSort = 'date'): number[] {
    return this.db
      .prepare(`SELECT id FROM papers WHERE ${FILTER_SQL[filter]} ORDER BY ${ORDER_SQL[sort]}`)
      .pluck()
      .all() as number[]
  }

  /** Summaries for the given ids, in the order given (unknown ids are left out). */
  summaries(ids: readonly number[]): PaperSummary[] {
    if (ids.length === 0) return []
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM papers WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as SummaryRow[]
    const byId = new Map(rows.map((r) => [r.id, toSummary(r)]))
    return ids.flatMap((id) => byId.get(id) ?? [])
  }

  listPapers(options: { filter?: FeedFilter; sort?: FeedSort; limit?: number; offset?: number } = {}): Paper[] {
    const { filter = 'all', sort = 'date', limit = -1, offset = 0 } = options
    const rows = this.db
      .prepare(`SELECT * FROM papers WHERE ${FILTER_SQL[filter]} ORDER BY ${ORDER_SQL[sort]} LIMIT ? OFFSET ?`)
      .all(limit, offset) as PaperRow[]
    return rows.map((r) => this.toPaper(r))
  }

  getPaper(id: number): Paper | null {
    const row = this.db.prepare('SELECT * FROM papers WHERE id = ?').get(id) as PaperRow | undefined
    return row ? this.toPaper(row) : null
  }

  dayGroups(filter: FeedFilter = 'all'): DayGroup[] {
    return this.db
      .prepare(
        `SELECT first_seen AS day, count(*) AS total, sum(read = 0) AS unread FROM papers
         WHERE ${FILTER_SQL[filter]} GROUP BY first_seen ORDER BY first_seen DESC`,
      )
      .all() as DayGroup[]
  }

  counts(): LibraryCounts {
    return this.db
      .prepare(
        `SELECT count(*) AS total, coalesce(sum(read = 0), 0) AS unread, coalesce(sum(starred), 0) AS starred,
           coalesce(sum(note <> ''), 0) AS notes, (SELECT count(*) FROM dumps) AS dumps FROM papers`,
      )
      .get() as LibraryCounts
  }

  dumps(): DumpRecord[] {
    return this.db
      .prepare(
        `SELECT id, file_name AS fileName, size, sha256, dump_date AS dumpDate, imported_at AS importedAt, entries,
           added, merged FROM dumps ORDER BY dump_date DESC, id DESC`,
      )
      .all() as DumpRecord[]
  }

  /** Returns how many papers changed. */
  setRead(ids: readonly number[], read: boolean): number {
    return this.updateFlag('read', ids, read)
  }

  setStarred(ids: readonly number[], starred: boolean): number {
    return this.updateFlag('starred', ids, starred)
  }

  private updateFlag(column: 'read' | 'starred', ids: readonly number[], value: boolean): number {
    return this.db
      .prepare(`UPDATE papers SET ${column} = ? WHERE ${column} <> ? AND id IN (SELECT value FROM json_each(?))`)
      .run(Number(value), Number(value), JSON.stringify(ids)).changes
  }

  /** Whether a paper's note is empty; null for an unknown paper. */
  noteIsEmpty(id: number): boolean | null {
    const row = this.db.prepare("SELECT note = '' AS empty FROM papers WHERE id = ?").get(id) as { empty: number } | undefined
    return row ? row.empty === 1 : null
  }

  /** Saves a paper's Markdown note; returns the time it was saved, or null for an unknown paper. */
  setNote(id: number, note: string): string | null {
    const at = new Date().toISOString()
    const changes = this.db.transaction(() => {
      const { changes } = this.db.prepare('UPDATE papers SET note = ?, note_updated_at = ? WHERE id = ?').run(note, at, id)
      if (changes) indexPapers(this.db, [], [id]) // notes are searchable
      return changes
    })()
    return changes ? at : null
  }

  /** The paper's pinned citation key (null for an unknown paper). */
  citationKey(id: number): string | null {
    return getCitationKey(this.db, id)
  }

  /** Changes a paper's citation key; throws CitationKeyError (a sentence for the user) when refused. */
  setCitationKey(id: number, key: string): string {
    return setCitationKey(this.db, id, key)
  }

  private toPaper(r: PaperRow): Paper {
    const appearances = this.db
      .prepare(
        `SELECT DISTINCT d.dump_date AS dumpDate, d.file_name AS fileName, a.upvotes FROM appearances a
         JOIN dumps d ON d.id = a.dump_id WHERE a.paper_id = ? ORDER BY d.dump_date, d.id`,
      )
      .all(r.id) as Paper['appearances']
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

/**
 * Merge rules for a paper seen again: keep the most information. Known author count and organisation
 * stay; a printed year beats an inferred one; the longer abstract wins (a cut-off copy never replaces
 * a full one); the upvote count comes from the newest dump that shows one.
 */
export function mergeEntry(row: PaperRow, e: ImportedEntry, dumpDate: string) {
  const takeDate = row.published_at === null || (e.publishedExplicit && !row.published_explicit)
  const takeVotes = e.upvotes !== null && (row.upvotes_date === null || dumpDate >= row.upvotes_date)
  return {
    abstract: e.abstract.length > row.abstract.length ? e.abstract : row.abstract,
    authorsCount: row.authors_count ?? e.authorsCount,
    orgHandle: row.org_handle ?? e.org?.handle ?? null,
    orgName: row.org_handle ? row.org_name : (e.org?.name ?? null),
    publishedAt: takeDate && e.publishedAt ? e.publishedAt : row.published_at,
    explicit: takeDate && e.publishedAt ? Number(e.publishedExplicit) : row.published_explicit,
    upvotes: takeVotes ? e.upvotes : row.upvotes,
    upvotesDate: takeVotes ? dumpDate : row.upvotes_date,
  }
}
