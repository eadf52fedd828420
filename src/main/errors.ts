/**
 * Errors with a code from the one list (src/shared/errors.ts). `MarginError` is any failure Margin
 * can name; `UserError` is one the user can act on (a malformed search, a taken citation key): its
 * message is a sentence to show as is, and nothing is wrong with Margin, so it is not logged.
 */
import type { ErrorCode, ErrorInfo } from '../shared/errors'

export class MarginError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export class UserError extends MarginError {
  constructor(message: string, code: ErrorCode = 'invalidInput') {
    super(code, message)
  }
}

/** SQLite's and Node's own codes, as Margin's. */
const SYSTEM_CODES: Record<string, ErrorCode> = {
  SQLITE_BUSY: 'busy',
  SQLITE_LOCKED: 'busy',
  SQLITE_FULL: 'diskFull',
  ENOSPC: 'diskFull',
  EDQUOT: 'diskFull',
  SQLITE_READONLY: 'readOnly',
  EROFS: 'readOnly',
  EACCES: 'readOnly',
  EPERM: 'readOnly',
  SQLITE_NOTADB: 'damagedLibrary',
  SQLITE_CORRUPT: 'damagedLibrary',
  ENOENT: 'notFound',
  SQLITE_IOERR: 'io',
  EIO: 'io',
}

const SENTENCES: Partial<Record<ErrorCode, string>> = {
  busy: 'The library is busy (another import is running); try again.',
  diskFull: 'The disk is full; nothing was changed.',
  readOnly: 'The library is read-only; nothing was changed.',
}

/** The code of any thrown value: a MarginError's own, else one read from SQLite's or Node's code. */
export function errorCode(e: unknown): ErrorCode {
  if (e instanceof MarginError) return e.code
  const sys = (e as { code?: unknown } | null)?.code
  if (typeof sys === 'string') {
    const exact = SYSTEM_CODES[sys]
    if (exact) return exact
    // extended SQLite codes: SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED, SQLITE_BUSY_SNAPSHOT, …
    const base = SYSTEM_CODES[sys.split('_').slice(0, 2).join('_')]
    if (base) return base
  }
  return 'internal'
}

/** What crosses a boundary for a thrown value. Known system failures get a sentence of their own. */
export function toErrorInfo(e: unknown): ErrorInfo {
  const code = errorCode(e)
  if (e instanceof MarginError) return { code, message: e.message }
  return { code, message: SENTENCES[code] ?? (e instanceof Error ? e.message : String(e)) }
}
