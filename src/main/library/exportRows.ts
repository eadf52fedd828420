/**
 * What an export reads: the papers of a scope with the fields an export needs, a chunk at a time,
 * in the order given. An export of 100,000 papers then holds a few thousand papers in memory at
 * once, not all of them, and never the appearances (Library.getPaper loads them; no export uses them).
 */
import type Database from 'better-sqlite3'
import { statement } from './statements'
import type { Paper } from '../../shared/contract/shapes/library'

/** A paper as exports read it. */
export type ExportRow = Pick<
  Paper,
  'id' | 'title' | 'abstract' | 'authorsCount' | 'org' | 'publishedAt' | 'firstSeen' | 'lastSeen' | 'note' | 'noteUpdatedAt' | 'arxivId' | 'authors' | 'citationKey'
>

/** Papers read per query. */
export const EXPORT_CHUNK = 2000

interface Row {
  id: number
  title: string
  abstract: string
  authors_count: number | null
  org_handle: string | null
  org_name: string | null
  published_at: string | null
  first_seen: string
  last_seen: string
  note: string
  note_updated_at: string | null
  arxiv_id: string | null
  authors: string | null
  citation_key: string | null
}

export class ExportRowStore {
  constructor(private readonly db: Database.Database) {}

  /** The papers with these ids, in the order given (unknown ids left out), `chunk` at a time. */
  *papers(ids: readonly number[], chunk = EXPORT_CHUNK): Generator<ExportRow[]> {
    const select = statement(
      this.db,
      `SELECT id, title, abstract, authors_count, org_handle, org_name, published_at, first_seen, last_seen, note,
         note_updated_at, arxiv_id, authors, citation_key FROM papers WHERE id IN (SELECT value FROM json_each(?))`,
    )
    for (let i = 0; i < ids.length; i += chunk) {
      const part = ids.slice(i, i + chunk)
      const byId = new Map((select.all(JSON.stringify(part)) as Row[]).map((r) => [r.id, toExportRow(r)]))
      yield part.flatMap((id) => byId.get(id) ?? [])
    }
  }
}

function toExportRow(r: Row): ExportRow {
  return {
    id: r.id,
    title: r.title,
    abstract: r.abstract,
    authorsCount: r.authors_count,
    org: r.org_handle ? { handle: r.org_handle, name: r.org_name ?? r.org_handle } : null,
    publishedAt: r.published_at,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    note: r.note,
    noteUpdatedAt: r.note_updated_at,
    arxivId: r.arxiv_id,
    authors: r.authors ? (JSON.parse(r.authors) as string[]) : null,
    // a library opened by this version has passed migration 3: every paper has a key
    citationKey: r.citation_key,
  }
}
