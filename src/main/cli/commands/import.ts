import { readFileSync, statSync } from 'node:fs'
import type { Command } from 'commander'
import { ImportBatch, type ImportInput } from '../../library/library'
import type { ImportResult } from '../../library/schemas'
import { printJson, withLibrary } from '../context'

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import daily dumps (saved Daily Papers pages) or Daily Papers API responses (.json) into the library')
    .argument('<file...>', 'dump files to import')
    .option('--json', 'print the result as JSON')
    .action((files: string[], opts: { json?: boolean }, command: Command) => {
      const { results, totalPapers } = withLibrary(command, (lib) => {
        // one batch: the files are written a transaction of thousands of entries at a time
        const batch = new ImportBatch(lib)
        try {
          for (const path of files) {
            const input = readInput(path)
            if ('error' in input) batch.fail(path, input.error)
            else batch.add(input)
          }
        } finally {
          batch.finish()
        }
        // a writer teaches the typo vocabulary what it wrote (searches only read); never fails the import
        if (batch.results.some((r) => r.status === 'imported')) lib.learnVocabulary()
        return { results: batch.results, totalPapers: lib.counts().total }
      })
      if (opts.json) printJson({ files: results, totalPapers })
      else {
        for (const r of results) console.log(describe(r))
        console.log(`Library: ${totalPapers} papers.`)
      }
      if (results.some((r) => r.status === 'failed')) process.exitCode = 1
    })
}

function readInput(path: string): ImportInput | { error: string } {
  try {
    return { path, bytes: readFileSync(path), modifiedAt: statSync(path).mtime }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return {
      error: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'that is a folder, not a file' : (e as Error).message,
    }
  }
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
