import type { Command } from 'commander'
import { recommenderFor } from '../../recommend/recommender'
import { parsePaperId, parsePositiveInt } from '../args'
import { CliError, printJson, withLibrary } from '../context'

export function registerSimilar(program: Command): void {
  program
    .command('similar')
    .description('the papers nearest to a paper by their words (title, abstract, organisation), any state')
    .argument('<id>', 'paper id (see `margin list`)', parsePaperId)
    .option('--limit <n>', 'how many (default 5)', parsePositiveInt)
    .option('--json', 'print {"id", "title", "similar": [{"id", "title", "score"}]} as JSON')
    .action((id: number, opts: { limit?: number; json?: boolean }, command: Command) => {
      withLibrary(command, (lib) => {
        const paper = lib.getPaper(id)
        if (!paper) throw new CliError(`no paper with id ${id}`, 'notFound')
        const similar = recommenderFor(lib).similar(id, opts.limit ?? 5)
        if (opts.json) {
          printJson({ id, title: paper.title, similar: similar.map((s) => ({ ...s, score: Math.round(s.score * 1e4) / 1e4 })) })
          return
        }
        console.error(`Papers like ${id} "${paper.title}":`)
        for (const s of similar) console.log(`${String(s.id).padStart(6)}  ${s.score.toFixed(3)}  ${s.title}`)
      })
    })
}
