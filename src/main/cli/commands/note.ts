import type { Command } from 'commander'
import { NoteText } from '../../../shared/contract/shapes/library'
import { parsePaperId } from '../args'
import { CliError, withLibrary } from '../context'

export function registerNote(program: Command): void {
  program
    .command('note')
    .description("print a paper's Markdown note, or replace it with --set")
    .argument('<id>', 'paper id', parsePaperId)
    .option('--set <markdown>', 'replace the note (an empty string clears it)')
    .action((id: number, opts: { set?: string }, command: Command) => {
      withLibrary(
        command,
        (lib) => {
          const paper = lib.getPaper(id)
          if (!paper) throw new CliError(`no paper with id ${id}`, 'notFound')
          if (opts.set === undefined) {
            if (paper.note) process.stdout.write(paper.note.endsWith('\n') ? paper.note : `${paper.note}\n`)
            return
          }
          const note = NoteText.safeParse(opts.set)
          if (!note.success) throw new CliError(note.error.issues[0]!.message)
          lib.setNote(id, note.data)
        },
        { write: opts.set !== undefined },
      )
    })
}
