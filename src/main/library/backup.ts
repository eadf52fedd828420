/**
 * Backups of a library: a consistent copy in a `backups/` folder beside it, made before every
 * migration, once a day on first open, and by `margin backup`. Margin keeps the newest KEEP_BACKUPS
 * and deletes only files named by its own pattern (`<library>-<UTC time>-<reason>.sqlite`).
 *
 * The copy is made with `VACUUM INTO`: one statement, synchronous (the library opens synchronously,
 * and a migration must not start before its backup exists), a consistent snapshot (it runs in a
 * read transaction, so writers in other processes go on meanwhile), compact, and it works from a
 * read-only connection too. It goes to a temp file in the backups folder and is renamed when whole.
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import type Database from 'better-sqlite3'
import { errorCode, MarginError } from '../errors'

export const BACKUP_DIR = 'backups'
export const KEEP_BACKUPS = 7

export type BackupReason = 'daily' | 'manual' | 'before-migration' | 'before-restore'

const REASONS = '(daily|manual|before-migration|before-restore)'
/** 20261202T045730123Z: UTC, to the millisecond; sorts in time order. */
const STAMP = '(\\d{8}T\\d{9}Z)'

function libraryStem(libraryPath: string): string {
  return basename(libraryPath, extname(libraryPath))
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function pattern(libraryPath: string): RegExp {
  return new RegExp(`^${escapeRegExp(libraryStem(libraryPath))}-${STAMP}-${REASONS}\\.sqlite$`)
}

export function backupDir(libraryPath: string): string {
  return join(dirname(libraryPath), BACKUP_DIR)
}

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, '')
}

export interface BackupFile {
  path: string
  /** When it was made (UTC, from its name). */
  at: string
  reason: BackupReason
}

/** Margin's backups of this library, oldest first (files not named by Margin are not listed). */
export function listBackups(libraryPath: string): BackupFile[] {
  const dir = backupDir(libraryPath)
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  const re = pattern(libraryPath)
  return names
    .flatMap((name) => {
      const m = re.exec(name)
      if (!m) return []
      const s = m[1]!
      const at = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`
      return [{ path: join(dir, name), at, reason: m[2] as BackupReason }]
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/**
 * Copies the open library `db` into a new backup and deletes Margin's backups beyond the newest
 * KEEP_BACKUPS. Returns the backup's path. Throws a MarginError (diskFull, readOnly, io) when the
 * copy cannot be written; a partial copy is removed.
 */
export function makeBackup(db: Database.Database, libraryPath: string, reason: BackupReason, at = new Date()): string {
  const dir = backupDir(libraryPath)
  let target = join(dir, `${libraryStem(libraryPath)}-${stamp(at)}-${reason}.sqlite`)
  const temp = `${target}.tmp-${process.pid}`
  try {
    mkdirSync(dir, { recursive: true })
    // two backups in the same millisecond (a test, a script): the second waits its turn by name
    while (listBackups(libraryPath).some((b) => b.path === target)) {
      at = new Date(at.getTime() + 1)
      target = join(dir, `${libraryStem(libraryPath)}-${stamp(at)}-${reason}.sqlite`)
    }
    db.prepare('VACUUM INTO ?').run(temp)
    renameSync(temp, target)
  } catch (e) {
    rmSync(temp, { force: true })
    const code = errorCode(e)
    throw new MarginError(
      code === 'diskFull' || code === 'readOnly' ? code : 'io',
      `Could not back up the library into ${dir}: ${code === 'diskFull' ? 'the disk is full' : (e as Error).message}.`,
    )
  }
  pruneBackups(libraryPath)
  return target
}

/** Deletes Margin's own backups of this library beyond the newest `keep`. Returns the deleted paths. */
export function pruneBackups(libraryPath: string, keep = KEEP_BACKUPS): string[] {
  if (keep <= 0) return []
  const all = listBackups(libraryPath)
  const old = all.slice(0, Math.max(0, all.length - keep))
  for (const b of old) rmSync(b.path, { force: true })
  return old.map((b) => b.path)
}

/** Whether today's (UTC) backup is still to make. */
export function dailyBackupDue(libraryPath: string, now = new Date()): boolean {
  const today = now.toISOString().slice(0, 10)
  return !listBackups(libraryPath).some((b) => b.at.slice(0, 10) === today)
}
