/**
 * The `margin` command's exit statuses (BSD sysexits.h), and the one table from Margin's error codes
 * (src/shared/errors.ts) to them. Scripts can tell a typo in the command line (64) from a file
 * that is not a dump (65), a missing file (66), a read-only library (73), a full disk (74) and a
 * library busy in another program (75, try again).
 */
import type { ErrorCode } from '../../shared/errors'

export const EXIT = {
  ok: 0,
  /** EX_USAGE: the command was used wrongly (an unknown option, a malformed search). */
  usage: 64,
  /** EX_DATAERR: the input data was wrong (not a dump, not a Margin library, a taken key). */
  dataErr: 65,
  /** EX_NOINPUT: an input file (or paper) does not exist or cannot be read as a file. */
  noInput: 66,
  /**
   * EX_UNAVAILABLE: the Daily Papers API cannot be reached at all (no network, no such host, no
   * answer within the timeout, a 4xx it will not get over): retrying at once will not help.
   */
  unavailable: 69,
  /** EX_SOFTWARE: a bug in Margin. */
  software: 70,
  /** EX_CANTCREAT: the library (or an output file) cannot be written. */
  cantCreate: 73,
  /** EX_IOERR: reading or writing failed (a full disk). */
  ioErr: 74,
  /**
   * EX_TEMPFAIL: the library is busy in another program, or the Daily Papers API kept answering
   * 429 (too many requests) or 5xx past its retries; try again later.
   */
  tempFail: 75,
} as const

export const EXIT_BY_CODE: Record<ErrorCode, number> = {
  invalidInput: EXIT.usage,
  unknownFilter: EXIT.usage,
  badQuery: EXIT.usage,
  badScope: EXIT.usage,
  notADump: EXIT.dataErr,
  tooLarge: EXIT.dataErr,
  keyTaken: EXIT.dataErr,
  foreignLibrary: EXIT.dataErr,
  damagedLibrary: EXIT.dataErr,
  newerLibrary: EXIT.dataErr,
  notFound: EXIT.noInput,
  notAFile: EXIT.noInput,
  readOnly: EXIT.cantCreate,
  diskFull: EXIT.ioErr,
  io: EXIT.ioErr,
  busy: EXIT.tempFail,
  unreachable: EXIT.unavailable,
  serverBusy: EXIT.tempFail,
  backendRestarted: EXIT.tempFail,
  unknownChannel: EXIT.software,
  refused: EXIT.software,
  internal: EXIT.software,
}

export function exitCodeOf(code: ErrorCode): number {
  return EXIT_BY_CODE[code]
}
