/** What every CLI command shares: opening the library named by --library, and printing. */
import type { Command } from 'commander'
import { UserError } from '../errors'
import { Library } from '../library/library'
import { defaultLibraryPath } from '../library/location'

export interface GlobalOptions {
  library?: string
  debug?: boolean
}

/**
 * A user's mistake on the command line: printed as `margin: <message>`, no stack trace, and the
 * exit status of its code (usage, 64, unless given: notFound for an unknown paper id, …).
 */
export class CliError extends UserError {}

export function libraryPathOf(command: Command): string {
  return command.optsWithGlobals<GlobalOptions>().library ?? defaultLibraryPath()
}

/**
 * Opens the library; a command that writes says so (`write`), and is refused at once, with the
 * reason, when the library opened read-only (its file or disk cannot be written, or the disk is full).
 */
export function openLibrary(command: Command, { write = false }: { write?: boolean } = {}): Library {
  const lib = new Library(libraryPathOf(command))
  try {
    if (write) lib.assertWritable()
    try {
      lib.dailyBackup()
    } catch (e) {
      console.error(`margin: warning: today's backup was not made: ${(e as Error).message}`)
    }
  } catch (e) {
    lib.close()
    throw e
  }
  return lib
}

/** Runs `fn` with the library open and always closes it (so the WAL is checkpointed on exit). */
export function withLibrary<T>(command: Command, fn: (lib: Library) => T, options?: { write?: boolean }): T {
  const lib = openLibrary(command, options)
  try {
    return fn(lib)
  } finally {
    lib.close()
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}
