import { type Command, Option } from 'commander'
import { parsePaperId } from '../args'
import { CliError, withLibrary } from '../context'

export function registerMark(program: Command): void {
  program
    .command('mark')
    .description('mark papers read or unread, starred or not')
    .argument('<id...>', 'paper ids (see `margin list`)', (v: string, prev: number[] = []) => [...prev, parsePaperId(v)])
    .addOption(new Option('--read', 'mark read').conflicts(['unread']))
    .addOption(new Option('--unread', 'mark unread').conflicts(['read']))
    .addOption(new Option('--star', 'star').conflicts(['unstar']))
    .addOption(new Option('--unstar', 'remove the star').conflicts(['star']))
    .action((ids: number[], opts: { read?: boolean; unread?: boolean; star?: boolean; unstar?: boolean }, command: Command) => {
      if (!opts.read && !opts.unread && !opts.star && !opts.unstar) {
        throw new CliError('say what to mark: --read, --unread, --star or --unstar')
      }
      withLibrary(
        command,
        (lib) => {
          const unknown = ids.filter((id) => !lib.getPaper(id))
          if (unknown.length) throw new CliError(`no paper with id ${unknown.join(', ')}`, 'notFound')
          if (opts.read || opts.unread) lib.setRead(ids, !!opts.read)
          if (opts.star || opts.unstar) lib.setStarred(ids, !!opts.star)
        },
        { write: true },
      )
    })
}
