import type { Command } from 'commander'
import type { ImportDetails, ImportFileRecord, ImportRecord } from '../../../shared/contract/shapes/library'
import { parsePositiveInt } from '../args'
import { CliError, printJson, withLibrary } from '../context'
import { describe as describeFile } from './import'

/** `margin history`: the imports, newest first; `margin history <id>`: one import's files and the papers it added. */
export function registerHistory(program: Command): void {
  program
    .command('history')
    .description('list the imports (when, from where, files, papers new and merged), newest first; with an id, one import: its files and the papers it added')
    .argument('[import-id]', 'an import from the list', (v: string) => parsePositiveInt(v))
    .option('--limit <n>', 'at most n imports (default 20); with an id, at most n papers added (default 100)', parsePositiveInt)
    .option('--json', 'print the result as JSON')
    .action((id: number | undefined, opts: { limit?: number; json?: boolean }, command: Command) => {
      if (id === undefined) {
        const { imports, total } = withLibrary(command, (lib) => lib.importHistory({ limit: opts.limit ?? 20 }))
        if (opts.json) return printJson({ imports, total })
        if (!imports.length) return console.log('No imports yet: `margin import <dump files>` is the first.')
        for (const i of imports) console.log(formatImport(i))
        if (total > imports.length) console.log(`(${imports.length} of ${total} imports; --limit ${total} shows them all)`)
        return
      }
      const details = withLibrary(command, (lib) => lib.importDetails(id, opts.limit ?? 100))
      if (!details) throw new CliError(`there is no import ${id} in the history (\`margin history\` lists them)`, 'notFound')
      if (opts.json) return printJson(details)
      printDetails(details)
    })
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** One line: `  12  2026-04-21 07:58  cli         3 files: 57 new, 92 merged (1 failed)`. */
export function formatImport(i: ImportRecord): string {
  const when = i.startedAt.slice(0, 16).replace('T', ' ')
  const extra = [
    i.alreadyImported ? `${i.alreadyImported} already imported` : '',
    i.failed ? `${i.failed} failed` : '',
    i.warnings ? plural(i.warnings, 'warning') : '',
    i.finishedAt ? '' : 'stopped before the end',
  ].filter(Boolean)
  return `${String(i.id).padStart(5)}  ${when} UTC  ${i.source.padEnd(10)}  ${plural(i.files, 'file')}: ${i.added} new, ${i.merged} merged${extra.length ? ` (${extra.join(', ')})` : ''}`
}

function printDetails({ import: i, files, papersAdded, papersAddedTotal }: ImportDetails): void {
  console.log(formatImport(i).trimStart())
  for (const f of files) console.log(describeFile(toResult(f)))
  console.log(papersAddedTotal ? `Papers added (${papersAddedTotal}):` : 'No papers added.')
  for (const p of papersAdded) console.log(`${String(p.id).padStart(6)}  ${p.title}`)
  if (papersAddedTotal > papersAdded.length) console.log(`… and ${papersAddedTotal - papersAdded.length} more (--limit ${papersAddedTotal} lists them all)`)
}

/** A recorded file as the import command printed it. */
const toResult = (f: ImportFileRecord) => ({
  path: f.name,
  status: f.status,
  dumpDate: f.dumpDate,
  papers: f.papers,
  added: f.added,
  merged: f.merged,
  updated: f.updated,
  warnings: f.warnings,
  error: f.error?.message ?? null,
})
