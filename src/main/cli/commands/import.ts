import { readFileSync, statSync } from 'node:fs'
import type { Command } from 'commander'
import type { ImportResult } from '../../library/schemas'
import { printJson, withLibrary } from '../context'

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import daily dumps (saved Daily Papers pages) or Daily Papers API responses (.json) into the library')
    .argument('<file...>', 'dump files to import')
    .option('--json', 'print the result as JSON')
    .action((files: string[], opts: { json?: boolean }, command: Command) => {
      const { results, totalPapers } = withLibrary(command, (lib) => ({
        results: files.map((path) => importFile(lib, path)),
        totalPapers: lib.counts().total,
      }))
      if (opts.json) printJson({ files: results, totalPapers })
      else {
        for (const r of results) console.log(describe(r))
        console.log(`Library: ${totalPapers} papers.`)
      }
      if (results.some((r) => r.status === 'failed')) process.exitCode = 1
    })
}

function importFile(lib: Parameters<Parameters<typeof withLibrary>[1]>[0], path: string): ImportResult {
  let bytes: Uint8Array
  let modifiedAt: Date
  try {
    bytes = readFileSync(path)
    modifiedAt = statSync(path).mtime
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const error =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'that is a folder, not a file' : (e as Error).message
    return { path, status: 'failed', dumpDate: null, papers: 0, added: 0, merged: 0, warnings: [], error }
  }
  return lib.importDump({ path, bytes, modifiedAt })
}

/** One line per file, as in the app: `57 papers: 12 new, 45 already in the library`. */
export function describe(r: ImportResult): string {
  const head = `${r.path}${r.dumpDate ? ` (${r.dumpDate})` : ''}`
  const lines =
    r.status === 'failed'
      ? [`${head}: failed: ${r.error}`]
      : r.status === 'already-imported'
        ? [`${head}: already imported, nothing changed`]
        : [`${head}: ${r.papers} papers: ${r.added} new, ${r.merged} already in the library`]
  for (const w of r.warnings) lines.push(`  warning: ${w}`)
  return lines.join('\n')
}
