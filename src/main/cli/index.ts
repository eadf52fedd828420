/**
 * The `margin` command line: the same library as the app, for scripting and headless use.
 * Each command lives in commands/<name>.ts and registers itself here.
 */
import { existsSync } from 'node:fs'
import { Command, CommanderError } from 'commander'
import { DumpFormatError } from '../dump/parser'
import { errorCode, toErrorInfo } from '../errors'
import { Library } from '../library/library'
import { defaultLibraryPath } from '../library/location'
import { registerExport } from './commands/export'
import { registerHistory } from './commands/history'
import { registerFetch } from './commands/fetch'
import { registerImport } from './commands/import'
import { registerList } from './commands/list'
import { registerMaintenance } from './commands/maintenance'
import { registerMark } from './commands/mark'
import { registerNote } from './commands/note'
import { registerSearch } from './commands/search'
import { registerSimilar } from './commands/similar'
import { registerTag } from './commands/tag'
import { registerWatch } from './commands/watch'
import { libraryPathOf } from './context'
import { useParseWorkerBeside } from '../library/parseAhead/parseAhead'
import { EXIT, exitCodeOf } from './exitCodes'

/** One example per command, shown after its options by `margin <command> --help`. */
const EXAMPLES: Record<string, string[]> = {
  import: ['margin import ~/dumps/*.txt', 'margin import ~/Downloads/daily-papers', 'margin import daily.json --json'],
  fetch: ['margin fetch', 'margin fetch --date 2025-10-03', 'margin fetch --since 2025-09-29 --json'],
  watch: ['margin watch ~/Downloads/daily-papers'],
  history: ['margin history --limit 10', 'margin history 12 --json'],
  list: ['margin list --unread --limit 20', 'margin list --sort for-you --limit 10 --json'],
  similar: ['margin similar 12', 'margin similar 12 --json'],
  mark: ['margin mark 12 15 --read --star'],
  note: ["margin note 12 --set '**Idea**: $x^2$'"],
  export: ['margin export bibtex --starred --out refs.bib'],
  bibtex: ['margin export bibtex --query "tag:thesis" --out thesis.bib'],
  csl: ['margin export csl --starred > refs.json'],
  markdown: ['margin export markdown --dir ~/vault/papers'],
  key: ['margin key 12 --set smith2024'],
  search: ["margin search 'spiking neurons is:unread' --limit 10", "margin search 'tag:robotics' --save Robotics"],
  tag: ['margin tag 12 to-read robotics', 'margin tag 12 robotics --remove'],
  backup: ['margin backup', 'margin backup --list'],
  restore: ['margin restore ~/.config/Margin/backups/library-20261202T045730000Z-daily.sqlite'],
  check: ['margin check', 'margin check --json'],
}

function addExamples(command: Command): void {
  const examples = EXAMPLES[command.name()]
  if (examples) command.addHelpText('after', `\nExample${examples.length > 1 ? 's' : ''}:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`)
  command.exitOverride()
  for (const sub of command.commands) addExamples(sub)
}

export function buildProgram(): Command {
  const program = new Command('margin')
    .description('Margin: your Hugging Face Daily Papers library, from the command line')
    .option('--library <path>', `the library file (default: ${defaultLibraryPath()})`)
    .option('--debug', 'print the stack trace of an error (for bug reports)')
    .showHelpAfterError('(run `margin --help` for usage)')
    .allowExcessArguments()
    .action((_opts: unknown, command: Command) => summary(program, command))
  for (const register of [registerImport, registerHistory, registerList, registerMark, registerNote, registerExport, registerSearch, registerTag, registerSimilar, registerMaintenance, registerFetch, registerWatch]) {
    register(program)
  }
  for (const sub of program.commands) addExamples(sub)
  program.exitOverride()
  return program
}

/** `margin` alone: the library's counts, then the commands. */
function summary(program: Command, command: Command): void {
  if (command.args.length) {
    throw new CommanderError(EXIT.usage, 'margin.unknownCommand', `error: unknown command '${command.args[0]}'`)
  }
  const path = libraryPathOf(command)
  if (!existsSync(path)) console.log(`No library yet at ${path}: \`margin import <dump files>\` creates it.\n`)
  else {
    const lib = new Library(path)
    try {
      const c = lib.counts()
      console.log(`Library: ${path}${lib.readOnly ? ' (read-only)' : ''}`)
      console.log(`  ${c.total} papers (${c.unread} unread, ${c.starred} starred, ${c.notes} with notes) from ${c.dumps} dumps\n`)
    } finally {
      lib.close()
    }
  }
  process.stdout.write(program.helpInformation())
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug')
  try {
    await buildProgram().parseAsync(argv, { from: 'user' })
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander printed its message already (except for our own unknown command)
      if (e.code === 'margin.unknownCommand') console.error(`margin: ${e.message.replace(/^error: /, '')}\n(run \`margin --help\` for usage)`)
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage
    }
    if (e instanceof DumpFormatError) {
      console.error(`margin: ${e.message}`)
      return EXIT.dataErr
    }
    const code = errorCode(e)
    if (code === 'internal') {
      console.error(`margin: unexpected error: ${e instanceof Error ? e.message : String(e)}`)
      console.error(debug && e instanceof Error ? e.stack : '(run again with --debug to see where it happened, and report it)')
    } else {
      console.error(`margin: ${toErrorInfo(e).message}`)
      if (debug && e instanceof Error) console.error(e.stack)
    }
    return exitCodeOf(code)
  }
}

// large imports parse on the second core, in the thread built beside this file
useParseWorkerBeside(import.meta.url)
process.exitCode = await main(process.argv.slice(2))
