/**
 * The `margin` command line: the same library as the app, for scripting and headless use.
 * Each command lives in commands/<name>.ts and registers itself here.
 */
import { Command, CommanderError } from 'commander'
import { DumpFormatError } from '../dump/parser'
import { MarginError } from '../errors'
import { defaultLibraryPath } from '../library/location'
import { registerExport } from './commands/export'
import { registerImport } from './commands/import'
import { registerList } from './commands/list'
import { registerMark } from './commands/mark'
import { registerNote } from './commands/note'
import { registerSearch } from './commands/search'
import { registerTag } from './commands/tag'
import { CliError } from './context'

export function buildProgram(): Command {
  const program = new Command('margin')
    .description('Margin: your Hugging Face Daily Papers library, from the command line')
    .option('--library <path>', `the library file (default: ${defaultLibraryPath()})`)
    .showHelpAfterError('(run `margin --help` for usage)')
    .exitOverride()
  for (const register of [registerImport, registerList, registerMark, registerNote, registerExport, registerSearch, registerTag]) register(program)
  for (const sub of program.commands) sub.exitOverride()
  return program
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' })
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode // commander already printed the message
    // a failure Margin can name (the library busy past the wait, read-only, a full disk): a sentence, no stack
    if (e instanceof CliError || e instanceof DumpFormatError || e instanceof MarginError) {
      console.error(`margin: ${e.message}`)
      return 1
    }
    console.error(`margin: unexpected error: ${(e as Error).stack ?? e}`)
    return 70
  }
}

process.exitCode = await main(process.argv.slice(2))
