/** What every CLI command shares: opening the library named by --library, and printing. */
import type { Command } from 'commander'
import { Library } from '../library/library'
import { defaultLibraryPath } from '../library/location'

export interface GlobalOptions {
  library?: string
}

/** A user-facing failure: printed as `margin: <message>` with exit code 1, no stack trace. */
export class CliError extends Error {}

export function openLibrary(command: Command): Library {
  const { library } = command.optsWithGlobals<GlobalOptions>()
  return new Library(library ?? defaultLibraryPath())
}

/** Runs `fn` with the library open and always closes it (so the WAL is checkpointed on exit). */
export function withLibrary<T>(command: Command, fn: (lib: Library) => T): T {
  const lib = openLibrary(command)
  try {
    return fn(lib)
  } finally {
    lib.close()
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}
