/**
 * Restoring a library from a backup. The backup must be a whole Margin library this version can
 * open; the library must not be open anywhere else (the app, another `margin`): restore takes
 * SQLite's exclusive lock and refuses when it cannot. The current library is backed up first
 * (`before-restore`), then the backup is copied to a temp file beside the library and renamed over it.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { errorCode, MarginError } from '../errors'
import { makeBackup } from './backup'
import { openLibraryFile, writable } from './open'

/** How long restore waits for the library's lock before saying it is busy. */
const LOCK_TIMEOUT_MS = 1000

export interface RestoreResult {
  restored: string
  from: string
  /** The backup of the library as it was before the restore (null when there was none to keep). */
  previous: string | null
}

/** Opens `file` read-only as a library and runs SQLite's quick check; throws when it is not a usable Margin library. */
export function verifyBackup(file: string): void {
  let info
  try {
    info = statSync(file)
  } catch {
    throw new MarginError('notFound', `${file}: no such file.`)
  }
  if (!info.isFile()) throw new MarginError('notAFile', `${file} is not a file.`)
  const { db } = openLibraryFile(file, { readOnly: true })
  try {
    const result = db.pragma('quick_check', { simple: true })
    if (result !== 'ok') throw new MarginError('damagedLibrary', `${file} is damaged (${String(result)}); it cannot be restored.`)
  } catch (e) {
    if (e instanceof MarginError) throw e
    throw new MarginError('damagedLibrary', `${file} is damaged (${(e as Error).message}); it cannot be restored.`)
  } finally {
    db.close()
  }
}

export function restoreLibrary(libraryPath: string, backupFile: string): RestoreResult {
  verifyBackup(backupFile)
  if (!writable(dirname(libraryPath)) || (existsSync(libraryPath) && !writable(libraryPath))) {
    throw new MarginError('readOnly', `The library ${libraryPath} (or its folder) is read-only, so it cannot be restored; nothing was changed.`)
  }
  const temp = join(dirname(libraryPath), `.${basename(libraryPath)}.restore-${process.pid}`)
  if (!existsSync(libraryPath)) {
    copyInto(backupFile, temp, libraryPath)
    return { restored: libraryPath, from: backupFile, previous: null }
  }
  // refuse to replace another program's file: only a Margin library (or a damaged one) is replaced
  try {
    openLibraryFile(libraryPath, { readOnly: true }).db.close()
  } catch (e) {
    const code = errorCode(e)
    if (code !== 'damagedLibrary' && code !== 'readOnly') throw e
  }
  const db = new Database(libraryPath, { fileMustExist: true })
  try {
    db.pragma(`busy_timeout = ${LOCK_TIMEOUT_MS}`)
    // exclusive locking mode: the lock taken below is kept until close, and taking it fails while any
    // other connection (even an idle one) has the library open
    db.pragma('locking_mode = EXCLUSIVE')
    try {
      db.exec('BEGIN EXCLUSIVE; COMMIT')
    } catch (e) {
      if (errorCode(e) === 'busy') {
        throw new MarginError('busy', 'The library is open in another program (the Margin app or another margin command). Close it and try again; nothing was changed.')
      }
      throw e
    }
    let previous: string | null = null
    try {
      previous = makeBackup(db, libraryPath, 'before-restore')
    } catch (e) {
      // a damaged library may not copy; anything else (a full disk) stops the restore
      if (!(e instanceof MarginError && e.code === 'io')) throw e
    }
    // the log must be empty before the file changes underneath it: its pages belong to the old file
    db.pragma('wal_checkpoint(TRUNCATE)')
    copyInto(backupFile, temp, libraryPath)
    return { restored: libraryPath, from: backupFile, previous }
  } finally {
    db.close()
  }
}

function copyInto(from: string, temp: string, to: string): void {
  try {
    copyFileSync(from, temp)
    const fd = openSync(temp, 'r+')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, to)
  } catch (e) {
    rmSync(temp, { force: true })
    throw e
  }
}
