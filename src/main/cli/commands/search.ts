import type { Command } from 'commander'
import { deleteSavedSearch, listSavedSearches, saveSearch, searchPapers } from '../../search'
import { paperPageUrl } from '../../../shared/paperLinks'
import { parsePositiveInt } from '../args'
import { CliError, printJson, withLibrary } from '../context'
import { EXIT } from '../exitCodes'

interface SearchOpts {
  limit?: number
  json?: boolean
  save?: string
  saved?: boolean
  delete?: string
}

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('search titles, abstracts, organisations, authors, arXiv ids, notes and tags (typos forgiven), best match first')
    .argument(
      '[query...]',
      'words, "exact phrases", -excluded, and filters: is:unread|read|starred has:note org:<name> author:<name> arxiv:<id> tag:<t> year:2024 year:>=2023 dump:YYYY-MM-DD',
    )
    .option('--limit <n>', 'at most n results (default 20)', parsePositiveInt)
    .option('--json', 'print {"results":[{"id","title","score","authors","arxivId","url"}], …} as JSON')
    .option('--save <name>', 'save the query as a smart feed under this name')
    .option('--saved', 'list the saved searches with their paper and unread counts')
    .option('--delete <name>', 'delete a saved search')
    .allowUnknownOption() // -word excludes a word: an argument, not an option
    .action((words: string[], opts: SearchOpts, command: Command) => {
      const query = words.join(' ')
      withLibrary(
        command,
        (lib) => {
          if (opts.delete !== undefined) {
            if (!deleteSavedSearch(lib, opts.delete)) throw new CliError(`no saved search named "${opts.delete}"`, 'notFound')
            if (!opts.json) console.log(`Deleted the saved search "${opts.delete}".`)
            else printJson({ deleted: opts.delete })
            return
          }
          if (opts.saved) {
            const saved = listSavedSearches(lib)
            if (opts.json) printJson({ saved })
            else if (saved.length === 0) console.log('No saved searches. Save one with: margin search <query> --save <name>')
            else for (const s of saved) console.log(`${s.name}  (${s.unread} unread of ${s.total})  ${s.query}`)
            return
          }
          if (!query.trim()) throw new CliError('search needs a query (run `margin search --help` for the syntax)')
          if (opts.save !== undefined) {
            const s = saveSearch(lib, opts.save, query)
            if (opts.json) printJson({ saved: s })
            else console.log(`Saved "${s.name}": ${s.total} papers, ${s.unread} unread.`)
            return
          }
          // a query typed at the shell is complete: its last word is not a prefix being typed
          const r = searchPapers(lib, `${query} `, { limit: opts.limit ?? 20 })
          for (const e of r.errors) console.error(`margin: in the query at ${e.start + 1}-${e.end}: ${e.message}`)
          // a malformed query (an unknown filter) is a usage error, even though the rest was searched
          if (r.errors.length) process.exitCode = EXIT.usage
          const titles = new Map(lib.summaries(r.results.map((h) => h.id)).map((p) => [p.id, p]))
          if (opts.json) {
            printJson({
              results: r.results.map((h) => {
                const p = lib.getPaper(h.id)
                return {
                  id: h.id,
                  title: p?.title ?? '',
                  score: h.score,
                  authors: p?.authors ?? null,
                  arxivId: p?.arxivId ?? null,
                  url: p ? paperPageUrl(p) : null,
                }
              }),
              total: r.total,
              errors: r.errors,
              corrections: r.corrections,
            })
            return
          }
          for (const c of r.corrections) {
            console.error(c.terms.length ? `(searched "${c.word}" as ${c.terms.map((t) => `"${t}"`).join(' or ')})` : `(no paper has "${c.word}")`)
          }
          if (r.results.length === 0) console.log('No papers match.')
          for (const h of r.results) {
            const p = titles.get(h.id)
            if (!p) continue
            const flags = `${p.read ? ' ' : '•'}${p.starred ? '★' : ' '}`
            console.log(`${String(h.id).padStart(6)} ${flags} ${h.score.toFixed(2)}  ${p.title}${p.org ? `  (${p.org.name})` : ''}`)
          }
        },
        { write: opts.delete !== undefined || opts.save !== undefined },
      )
    })
}
