/**
 * Reading the import history (migration 7): imports newest first with their totals, and one import's
 * files and the papers it added. The rows are written by ImportRecorder, on the import path.
 */
import type Database from 'better-sqlite3'
import { statement } from './statements'
import type { ImportFileRecord, ImportRecord } from '../../shared/contract/shapes/library'

/**
 * A library older than migration 7 opened read-only (it cannot be migrated) has no history: it
 * reads as empty rather than failing.
 */
function hasHistory(db: Database.Database): boolean {
  return statement(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'import_files'").get() !== undefined
}

const RECORD_SQL = `SELECT i.id, i.source, i.started_at AS startedAt, i.finished_at AS finishedAt,
    count(f.position) AS files, coalesce(sum(f.status = 'imported'), 0) AS imported,
    coalesce(sum(f.status = 'already-imported'), 0) AS alreadyImported, coalesce(sum(f.status = 'failed'), 0) AS failed,
    coalesce(sum(f.added), 0) AS added, coalesce(sum(f.merged), 0) AS merged,
    coalesce(sum(json_array_length(f.warnings)), 0) AS warnings
  FROM imports i LEFT JOIN import_files f ON f.import_id = i.id`

/** A page of imports, newest first, and how many there are in all. */
export function listImports(db: Database.Database, { limit = 50, offset = 0 }: { limit?: number; offset?: number } = {}): {
  imports: ImportRecord[]
  total: number
} {
  if (!hasHistory(db)) return { imports: [], total: 0 }
  const imports = statement(db, `${RECORD_SQL} WHERE i.id IN (SELECT id FROM imports ORDER BY id DESC LIMIT ? OFFSET ?) GROUP BY i.id ORDER BY i.id DESC`).all(
    limit,
    offset,
  ) as ImportRecord[]
  const total = statement(db, 'SELECT count(*) FROM imports').pluck().get() as number
  return { imports, total }
}

/** One import's record and files, and the ids of the papers it added (at most `limit`); null for an unknown id. */
export function importRecord(
  db: Database.Database,
  id: number,
  limit: number,
): { record: ImportRecord; files: ImportFileRecord[]; addedIds: number[]; addedTotal: number } | null {
  if (!hasHistory(db)) return null
  const record = statement(db, `${RECORD_SQL} WHERE i.id = ? GROUP BY i.id`).get(id) as ImportRecord | undefined
  if (!record) return null
  const rows = statement(
    db,
    `SELECT position, name, size, status, dump_date AS dumpDate, papers, added, merged, updated, warnings,
       error_code AS errorCode, error_message AS errorMessage
     FROM import_files WHERE import_id = ? ORDER BY position`,
  ).all(id) as (Omit<ImportFileRecord, 'warnings' | 'error'> & { warnings: string; errorCode: string | null; errorMessage: string | null })[]
  const files = rows.map(({ errorCode, errorMessage, warnings, ...f }) => ({
    ...f,
    warnings: JSON.parse(warnings) as string[],
    error: errorCode === null ? null : { code: errorCode, message: errorMessage ?? '' },
  }))
  // each file's new papers are a range of ids (see the migration); papers are never deleted
  const added = `FROM import_files f JOIN papers p ON p.id BETWEEN f.first_new_id AND f.last_new_id WHERE f.import_id = ?`
  const addedIds = statement(db, `SELECT p.id ${added} ORDER BY p.id LIMIT ?`).pluck().all(id, limit) as number[]
  const addedTotal = statement(db, `SELECT count(*) ${added}`).pluck().get(id) as number
  return { record, files, addedIds, addedTotal }
}
