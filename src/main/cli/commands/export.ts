import type { Command } from 'commander'
import { type ExportScope, exportMarkdownNotes, exportText, exportToFile, scopeIds } from '../../export'
import { toErrorInfo } from '../../errors'
import type { FeedFilter } from '../../../shared/contract/shapes/library'
import { parsePaperId } from '../args'
import { CliError, printJson, withLibrary } from '../context'

interface ScopeOptions {
  query?: string
  starred?: boolean
  unread?: boolean
  notes?: boolean
  /** --id, repeated */
  id?: number[]
}

function collectId(value: string, previous: number[] = []): number[] {
  return [...previous, parsePaperId(value)]
}

function scopeOf(opts: ScopeOptions): ExportScope {
  if (opts.id && opts.id.length > 0) return { kind: 'selection', ids: opts.id }
  const filter: FeedFilter = opts.starred ? 'starred' : opts.unread ? 'unread' : opts.notes ? 'notes' : 'all'
  if (!opts.query && filter === 'all') return { kind: 'all' }
  return { kind: 'view', filter, query: opts.query }
}

function withScopeOptions(command: Command): Command {
  return command
    .option('--query <search>', 'only papers matching a search (the search syntax of the app)')
    .option('--starred', 'only starred papers')
    .option('--unread', 'only unread papers')
    .option('--notes', 'only papers with a note')
    .option('--id <id>', 'only this paper (repeat for several)', collectId)
}

/** A write to --out that failed, as a sentence and an exit status; the file there is unchanged. */
function writeFailed(path: string, e: unknown): CliError {
  const { code, message } = toErrorInfo(e)
  const why = code === 'diskFull' ? 'the disk is full' : code === 'readOnly' ? 'it cannot be written' : message
  return new CliError(`could not write ${path}: ${why}; the file there (if any) is unchanged`, code === 'internal' ? 'io' : code)
}

export function registerExport(program: Command): void {
  const exp = program.command('export').description('export papers as BibTeX, CSL-JSON or Markdown notes')

  for (const format of ['bibtex', 'csl'] as const) {
    const sub = withScopeOptions(
      exp
        .command(format)
        .description(format === 'bibtex' ? 'BibTeX (.bib) for LaTeX: the whole library unless narrowed' : 'CSL-JSON for Zotero, Pandoc and citeproc'),
    )
      .option('--with-notes', "include each paper's note")
      .option('--out <file>', 'write to this file instead of standard output')
    if (format === 'bibtex') sub.option('--keep-unicode', 'keep emoji/CJK as UTF-8 (for Biber/XeLaTeX) instead of dropping them')
    sub
      .action((opts: ScopeOptions & { withNotes?: boolean; out?: string; keepUnicode?: boolean }, command: Command) => {
        const options = { withNotes: !!opts.withNotes, keepUnicode: !!opts.keepUnicode }
        const path = opts.out
        if (path) {
          // written into a temporary file a chunk of papers at a time, renamed over the old file at the end
          const out = withLibrary(command, (lib) => {
            const scope = scopeOf(opts)
            scopeIds(lib, scope) // a bad scope is refused as itself, not as a failed write
            try {
              return exportToFile(lib, format, scope, path, options)
            } catch (e) {
              throw writeFailed(path, e)
            }
          })
          for (const w of out.warnings) console.error(`margin: warning: ${w}`)
          console.error(`margin: exported ${out.count} paper${out.count === 1 ? '' : 's'} to ${path}`)
          return
        }
        const out = withLibrary(command, (lib) => exportText(lib, format, scopeOf(opts), options))
        for (const w of out.warnings) console.error(`margin: warning: ${w}`)
        process.stdout.write(out.text)
      })
  }

  withScopeOptions(exp.command('markdown').description('one Markdown file per paper (front matter + note) into a folder'))
    .requiredOption('--dir <folder>', 'the folder (created if missing; re-exports update the files Margin wrote there and keep the ones you edited)')
    .option('--notes-only', 'only papers that have a note')
    .option('--json', 'print what was written as JSON')
    .action((opts: ScopeOptions & { dir: string; notesOnly?: boolean; json?: boolean }, command: Command) => {
      const result = withLibrary(command, (lib) => {
        try {
          return exportMarkdownNotes(lib, scopeOf(opts), opts.dir, { notesOnly: opts.notesOnly })
        } catch (e) {
          // the folder cannot be made or written (a file in the way, no permission, a full disk)
          if ((e as NodeJS.ErrnoException).syscall) {
            const code = toErrorInfo(e).code
            throw new CliError(`could not export to ${opts.dir}: ${(e as Error).message}`, code === 'internal' ? 'io' : code)
          }
          throw e
        }
      })
      for (const m of result.messages) console.error(`margin: ${m}`)
      if (opts.json) printJson(result)
      else
        console.log(
          `${result.written.length} written, ${result.updated.length} updated, ${result.unchanged.length} unchanged` +
            (result.kept.length ? `, ${result.kept.length} kept (yours)` : '') +
            (result.skipped.length ? `, ${result.skipped.length} skipped (not plain files)` : '') +
            ` in ${result.dir}`,
        )
    })

  program
    .command('key')
    .description("print a paper's citation key, or change it with --set")
    .argument('<id>', 'paper id', parsePaperId)
    .option('--set <key>', 'the new key (letters, digits and - _ : . + /; unique in the library)')
    .action((id: number, opts: { set?: string }, command: Command) => {
      withLibrary(
        command,
        (lib) => {
          if (lib.citationKey(id) === null) throw new CliError(`no paper with id ${id}`, 'notFound')
          if (opts.set !== undefined) lib.setCitationKey(id, opts.set)
          console.log(lib.citationKey(id))
        },
        { write: opts.set !== undefined },
      )
    })
}
