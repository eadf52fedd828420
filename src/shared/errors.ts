/**
 * Every failure that crosses a boundary (IPC, the CLI's exit status) carries one of these codes.
 * Callers decide by `code`, never by matching the message, which is a sentence for people.
 * Pure data: main, preload and renderer all import it.
 */
export const ERROR_CODES = [
  /** A call's input did not match the contract (details.issues names the fields). */
  'invalidInput',
  'unknownChannel',
  /** A call that did not come from Margin's own window. */
  'refused',
  /** Another process holds the library's write lock past the busy timeout. */
  'busy',
  /** The library (or its folder) cannot be written. */
  'readOnly',
  'diskFull',
  /** The library file is not a Margin library, is damaged, or was written by a newer Margin. */
  'foreignLibrary',
  'damagedLibrary',
  'newerLibrary',
  /** A file is not a dump, not a regular file, or too large. */
  'notADump',
  'notAFile',
  'tooLarge',
  'notFound',
  'unknownFilter',
  'badQuery',
  'badScope',
  'keyTaken',
  /** The Daily Papers API cannot be reached (no network, no such host, no answer in time). */
  'unreachable',
  /** The Daily Papers API kept answering 429 or 5xx past the retries: try again later. */
  'serverBusy',
  'io',
  /** The backend process (the library) stopped while the call ran; it restarts, the call may be retried. */
  'backendRestarted',
  'internal',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** One problem with a call's input: the field's path (`tags[1]`) and what is wrong with it. */
export interface InputIssue {
  path: string
  message: string
}

export interface ErrorInfo {
  code: ErrorCode
  message: string
  /** For invalidInput: the issues, so a caller can point at the field. */
  issues?: InputIssue[]
}
