import type { Command } from 'commander'
import { errorCode } from '../../errors'
import { readImportFile } from '../../library/importFile'
import { ImportBatch } from '../../library/importBatch'
import type { ImportResult } from '../../library/schemas'
import { printJson, withLibrary } from '../context'
import { EXIT, exitCodeOf } from '../exitCodes'

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import daily dumps (saved Daily Papers pages) or Daily Papers API responses (.json) into the library')
    .argument('<file...>', 'dump files to import')
    .option('--json', 'print the result as JSON')
    .action((files: string[], opts: { json?: boolean }, command: Command) => {
      const { results, totalPapers } = withLibrary(
        command,
        (lib) => {
          // one batch: the files are written a transaction of thousands of entries at a time
          const batch = new ImportBatch(lib)
          try {
            for (const path of files) {
              let input
              try {
                input = readImportFile(path)
              } catch (e) {
                batch.fail(path, (e as Error).message, errorCode(e))
                continue
              }
              batch.add(input)
            }
          } finally {
            batch.finish()
          }
          // a writer teaches the typo vocabulary what it wrote (searches only read); never fails the import
          if (batch.results.some((r) => r.status === 'imported')) lib.learnVocabulary()
          return { results: batch.results, totalPapers: lib.counts().total }
        },
        { write: true },
      )
      if (opts.json) printJson({ files: results, totalPapers })
      else {
        for (const r of results) console.log(describe(r))
        console.log(`Library: ${totalPapers} papers.`)
      }
      // a full disk stops every file after it: say so once where scripts and people look for errors
      const full = results.filter((r) => r.code === 'diskFull').length
      if (full) console.error(`margin: the disk is full: ${full} of ${results.length} files were not imported (the others are in the library); free some space and run the import again.`)
      process.exitCode = importExitCode(results)
    })
}

/**
 * 0 when every file imported (or was known already); else, from the failures' codes, the most
 * serious: 74 when reading or writing failed (a full disk), 75 when the library stayed busy, 73
 * when it is read-only, 66 when a file was missing or not a regular file, and 65 (bad data) when
 * files were read but refused. A failure without a code is a file that was not a dump.
 */
export function importExitCode(results: readonly ImportResult[]): number {
  const failed = results.flatMap((r) => (r.status === 'failed' ? [exitCodeOf(r.code ?? 'notADump')] : []))
  if (failed.length === 0) return EXIT.ok
  for (const code of [EXIT.ioErr, EXIT.tempFail, EXIT.cantCreate, EXIT.noInput]) if (failed.includes(code)) return code
  return EXIT.dataErr
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
