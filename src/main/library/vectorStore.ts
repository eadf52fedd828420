/**
 * The SQL of "For you" and "Similar papers": each paper's term counts (table paper_vectors,
 * migration 010), written by the import path in the import's own transaction, and the labels the
 * ranking reads (starred papers, papers with a note, unread papers).
 */
import type Database from 'better-sqlite3'
import { packPaperCounts, paperCounts, type TermCounts, unpackCounts } from '../recommend/vectors'
import { statement, writeTransaction } from './statements'

export interface StoredVector {
  id: number
  counts: TermCounts
  generation: number
}

/** A paper's id and the text its vector is built from. */
export interface TextRow {
  id: number
  title: string
  abstract: string
  org: string | null
  /** packPaperCounts of this text, when already counted (by an import's parsing thread). */
  packed?: Uint8Array
  /** Entry `index` of file `seq`, whose counts the parsing thread sends later (../laterVectors.ts). */
  later?: { seq: number; index: number }
}

export { orgText } from '../recommend/vectors'

const TEXT_COLUMNS = "id, title, abstract, trim(coalesce(org_handle, '') || ' ' || coalesce(org_name, '')) AS org"

export function hasVectorTable(db: Database.Database): boolean {
  return statement(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'paper_vectors'").pluck().get() === 1
}

/**
 * Rows bound by one insert, largest first: a call into SQLite costs more than a row of three values
 * (an import writes 20,000 a year), and three sizes keep the statements prepared few.
 */
const ROWS_PER_INSERT = [64, 8, 1]

/**
 * Stores the counts of `rows` (an upsert: INSERT OR REPLACE costs several times as much here, as it
 * goes through the delete path and the foreign key for every row).
 */
function writeRows(db: Database.Database, rows: readonly TextRow[]): void {
  if (rows.length === 0) return
  const generation = (statement(db, 'SELECT coalesce(max(generation), 0) + 1 FROM paper_vectors').pluck().get() as number)
  let at = 0
  for (const n of ROWS_PER_INSERT) {
    const upsert = statement(
      db,
      `INSERT INTO paper_vectors (paper_id, terms, generation) VALUES ${Array(n).fill('(?, ?, ?)').join(', ')}
       ON CONFLICT (paper_id) DO UPDATE SET terms = excluded.terms, generation = excluded.generation`,
    )
    for (; at + n <= rows.length; at += n) {
      // (packPaperCounts reuses its buffer: copied, as the rows are bound together)
      upsert.run(rows.slice(at, at + n).flatMap((r) => [r.id, r.packed ?? Buffer.from(packPaperCounts(r)), generation]))
    }
  }
}

/**
 * The import path (inside its transaction): vectors for the papers it inserted (`added`, with their
 * text as written: nothing is read back) and for `changed` papers whose text changed. One row per
 * paper; nothing else is recomputed.
 */
export function writeImportedVectors(db: Database.Database, added: readonly TextRow[], changed: readonly number[]): void {
  if (!hasVectorTable(db)) return
  writeRows(db, changed.length ? [...added, ...textRows(db, changed)] : added)
}

/** Title, abstract and organisation of some papers (to name their terms). */
export function textRows(db: Database.Database, ids: readonly number[]): TextRow[] {
  if (ids.length === 0) return []
  return statement(db, `SELECT ${TEXT_COLUMNS} FROM papers WHERE id IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify(ids),
  ) as TextRow[]
}

/** Calls fn for each stored vector written after `generation` (0: all), streamed row by row. */
export function eachVectorSince(db: Database.Database, generation: number, fn: (v: StoredVector) => void): void {
  if (!hasVectorTable(db)) return
  const rows = statement(db, 'SELECT paper_id AS id, terms, generation FROM paper_vectors WHERE generation > ?')
    .raw()
    .iterate(generation) as IterableIterator<[number, Buffer, number]>
  for (const [id, terms, gen] of rows) fn({ id, counts: unpackCounts(terms), generation: gen })
}

/** Stored vectors written after `generation` (0: all of them). */
export function vectorsSince(db: Database.Database, generation: number): StoredVector[] {
  const out: StoredVector[] = []
  eachVectorSince(db, generation, (v) => out.push(v))
  return out
}

/**
 * Papers that have no stored vector yet (a library from before migration 010, or one whose table is
 * missing because it opened read-only): their counts are computed, and stored when `write` is true
 * (under the write lock, in chunks of 2,000, so the app and the CLI never wait long on each other).
 * Returns the computed vectors either way; generation 0 marks the ones not stored.
 */
export function catchUpVectors(db: Database.Database, write: boolean): StoredVector[] {
  const table = hasVectorTable(db)
  const missing = (
    table
      ? statement(db, 'SELECT id FROM papers WHERE id NOT IN (SELECT paper_id FROM paper_vectors) ORDER BY id')
      : statement(db, 'SELECT id FROM papers ORDER BY id')
  )
    .pluck()
    .all() as number[]
  const out: StoredVector[] = []
  for (let i = 0; i < missing.length; i += 2000) {
    const rows = textRows(db, missing.slice(i, i + 2000))
    if (write && table) {
      writeTransaction(db, () => writeRows(db, rows.filter((r) => !statement(db, 'SELECT 1 FROM paper_vectors WHERE paper_id = ?').get(r.id))))
    } else {
      for (const r of rows) out.push({ id: r.id, counts: paperCounts(r), generation: 0 })
    }
  }
  return out
}

/** Positives of the model: starred papers and papers with a note. */
export function positiveIds(db: Database.Database): number[] {
  // two queries, each answered from its partial index: as one UNION … ORDER BY, SQLite scans the table twice
  const starred = statement(db, 'SELECT id FROM papers WHERE starred = 1').pluck().all() as number[]
  const noted = statement(db, "SELECT id FROM papers WHERE note <> ''").pluck().all() as number[]
  return [...new Set([...starred, ...noted])].sort((a, b) => a - b)
}

/** Unread papers, newest first (the order ties keep). */
export function unreadIds(db: Database.Database): number[] {
  return statement(db, 'SELECT id FROM papers WHERE read = 0 ORDER BY first_seen DESC, id').pluck().all() as number[]
}

/** Every paper's id and title (for "like: …" and the similar list). */
export function titles(db: Database.Database, ids: readonly number[]): Map<number, string> {
  if (ids.length === 0) return new Map()
  const rows = statement(db, 'SELECT id, title FROM papers WHERE id IN (SELECT value FROM json_each(?))')
    .raw()
    .all(JSON.stringify(ids)) as [number, string][]
  return new Map(rows)
}

export function paperCount(db: Database.Database): number {
  return statement(db, 'SELECT count(*) FROM papers').pluck().get() as number
}

/** The term vectors as For you and Similar papers read them (the functions above, on this library's connection). */
export class TermVectorStore {
  constructor(private readonly db: Database.Database) {}

  eachSince(generation: number, fn: (v: StoredVector) => void): void {
    eachVectorSince(this.db, generation, fn)
  }

  /** Computes the vectors of papers that have none (and stores them when `write`). */
  catchUp(write: boolean): StoredVector[] {
    return catchUpVectors(this.db, write)
  }

  textRows(ids: readonly number[]): TextRow[] {
    return textRows(this.db, ids)
  }

  positiveIds(): number[] {
    return positiveIds(this.db)
  }

  unreadIds(): number[] {
    return unreadIds(this.db)
  }

  titles(ids: readonly number[]): Map<number, string> {
    return titles(this.db, ids)
  }

  paperCount(): number {
    return paperCount(this.db)
  }
}
