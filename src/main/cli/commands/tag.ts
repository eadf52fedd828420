import type { Command } from 'commander'
import { addTags, removeTags, tagsOf } from '../../search'
import { TagName } from '../../../shared/contract/shapes/search'
import { parsePaperId } from '../args'
import { CliError, printJson, withLibrary } from '../context'

interface TagOpts {
  remove?: boolean
  json?: boolean
}

export function registerTag(program: Command): void {
  program
    .command('tag')
    .description("print a paper's tags, add tags to it, or remove them with --remove")
    .argument('<id>', 'paper id (see `margin list`)', parsePaperId)
    .argument('[tags...]', 'tags: one word each of letters, digits, "-", "_" or "." (kept lower-case)')
    .option('--remove', 'remove the given tags instead of adding them')
    .option('--json', 'print {"id", "tags"} as JSON')
    .action((id: number, given: string[], opts: TagOpts, command: Command) => {
      // "a,b c" is three tags, as in the app's tag box
      const words = given.flatMap((t) => t.split(',')).filter((t) => t.trim() !== '')
      if (opts.remove && words.length === 0) throw new CliError('say which tags to remove: margin tag <id> <tag...> --remove')
      const names = words.map((t) => {
        const r = TagName.safeParse(t)
        if (!r.success) throw new CliError(`"${t}" is not a tag: ${r.error.issues[0]!.message}`)
        return r.data
      })
      withLibrary(
        command,
        (lib) => {
          if (lib.noteIsEmpty(id) === null) throw new CliError(`no paper with id ${id}`, 'notFound')
          let tags = tagsOf(lib, id)
          if (names.length && opts.remove) {
            const absent = names.filter((t) => !tags.includes(t))
            if (absent.length) console.error(`(paper ${id} has no tag ${absent.map((t) => `"${t}"`).join(', ')})`)
            tags = removeTags(lib, id, names)
          } else if (names.length) {
            tags = addTags(lib, id, names)
          }
          if (opts.json) printJson({ id, tags })
          else for (const t of tags) console.log(t)
        },
        { write: names.length > 0 },
      )
    })
}
