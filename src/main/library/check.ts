/**
 * Checks a library: SQLite's own integrity check, foreign keys, and whether the search index
 * (`search_fts`, kept in step by src/main/library/searchIndex/indexer.ts) holds exactly one row per paper.
 * Reads only (FTS5's own 'integrity-check' command is written as an INSERT, so it runs only when the
 * library is writable, inside a transaction that is rolled back).
 */
import type Database from 'better-sqlite3'
import type { CheckItem, CheckReport } from '../../shared/contract/shapes/check'

/** Problems listed per check at most (a damaged file can have thousands). */
const MAX_PROBLEMS = 20

function capped(problems: string[], total = problems.length): string[] {
  return total > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS), `… and ${total - MAX_PROBLEMS} more`] : problems
}

function integrity(db: Database.Database): CheckItem {
  const rows = db.pragma('integrity_check(100)', { simple: false }) as { integrity_check: string }[]
  const problems = rows.map((r) => r.integrity_check).filter((m) => m !== 'ok')
  return { name: 'integrity', ok: problems.length === 0, problems: capped(problems) }
}

function foreignKeys(db: Database.Database): CheckItem {
  const rows = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]
  const problems = rows.map((r) => `${r.table} row ${r.rowid} points to a missing ${r.parent} row`)
  return { name: 'foreignKeys', ok: problems.length === 0, problems: capped(problems) }
}

function ids(db: Database.Database, sql: string): number[] {
  return db.prepare(sql).pluck().all() as number[]
}

function searchIndex(db: Database.Database, writable: boolean): CheckItem {
  const problems: string[] = []
  const missing = ids(db, 'SELECT id FROM papers WHERE id NOT IN (SELECT rowid FROM search_fts) ORDER BY id')
  const extra = ids(db, 'SELECT rowid FROM search_fts WHERE rowid NOT IN (SELECT id FROM papers) ORDER BY rowid')
  if (missing.length) {
    problems.push(`${missing.length} paper${missing.length === 1 ? ' is' : 's are'} missing from the search index (ids ${list(missing)})`)
  }
  if (extra.length) {
    problems.push(`the search index has ${extra.length} row${extra.length === 1 ? '' : 's'} for papers that do not exist (ids ${list(extra)})`)
  }
  if (writable) {
    try {
      db.transaction(() => {
        db.exec("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 0)")
        throw new RolledBack()
      })()
    } catch (e) {
      if (!(e instanceof RolledBack)) problems.push(`the search index is damaged: ${(e as Error).message}`)
    }
  }
  return { name: 'searchIndex', ok: problems.length === 0, problems }
}

/** A check that cannot even run (a damaged file) is a failed check, not a crash. */
function guarded(name: CheckItem['name'], run: () => CheckItem): CheckItem {
  try {
    return run()
  } catch (e) {
    return { name, ok: false, problems: [`could not be checked: ${(e as Error).message}`] }
  }
}

class RolledBack extends Error {}

function list(ids: number[]): string {
  return ids.length > 10 ? `${ids.slice(0, 10).join(', ')}, …` : ids.join(', ')
}

export function checkLibrary(db: Database.Database, path: string, { writable = true }: { writable?: boolean } = {}): CheckReport {
  const checks = [
    guarded('integrity', () => integrity(db)),
    guarded('foreignKeys', () => foreignKeys(db)),
    guarded('searchIndex', () => searchIndex(db, writable)),
  ]
  let papers = 0
  try {
    papers = db.prepare('SELECT count(*) FROM papers').pluck().get() as number
  } catch {
    // a damaged file: the checks above already say so
  }
  return { ok: checks.every((c) => c.ok), path, papers, checks }
}
