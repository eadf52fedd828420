import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { isInboxCandidate } from '../../inbox/folderWatcher'
import { errorCode } from '../../errors'
import { readImportFile } from '../../library/importFile'
import { ImportBatch } from '../../library/importBatch'
import type { ImportResult } from '../../../shared/contract/shapes/library'
import { printJson, withLibrary } from '../context'
import { EXIT, exitCodeOf } from '../exitCodes'

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import daily dumps (saved Daily Papers pages) or Daily Papers API responses (.json) into the library')
    .argument('<file...>', 'dump files to import, or folders: every dump and .json in a folder, sorted by name')
    .option('--json', 'print the result as JSON')
    .action((files: string[], opts: { json?: boolean }, command: Command) => {
      const { results, totalPapers, importId } = withLibrary(
        command,
        (lib) => {
          // one batch: the files are written a transaction of thousands of entries at a time
          const paths = expandFolders(files)
          const batch = new ImportBatch(lib, { source: 'cli', files: paths.length })
          try {
            for (const path of paths) {
              if (path.empty) {
                batch.fail(path.path, 'no dump (.txt, .md, .html) or .json file in this folder', 'notFound')
                continue
              }
              let input
              try {
                input = readImportFile(path.path)
              } catch (e) {
                batch.fail(path.path, (e as Error).message, errorCode(e))
                continue
              }
              batch.add(input)
            }
          } finally {
            batch.finish()
          }
          // a writer teaches the typo vocabulary what it wrote (searches only read); never fails the import
          if (batch.results.some((r) => r.status === 'imported' || r.status === 'updated')) {
            lib.learnVocabulary()
            lib.mergeSearchIndex()
          }
          return { results: batch.results, totalPapers: lib.counts().total, importId: batch.importId }
        },
        { write: true },
      )
      // importId: `margin history <id>` shows it again (null when nothing could be recorded)
      if (opts.json) printJson({ files: results, totalPapers, importId })
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
 * The files to import: each file as given, and in its place each folder's dumps and `.json` files
 * (not its subfolders, not hidden files), sorted by name; a folder with none is reported as such.
 */
export function expandFolders(args: readonly string[]): { path: string; empty?: boolean }[] {
  return args.flatMap((path) => {
    let names: string[]
    try {
      if (!statSync(path).isDirectory()) return [{ path }]
      names = readdirSync(path).filter(isInboxCandidate)
    } catch {
      return [{ path }] // missing or unreadable: readImportFile says why
    }
    const files = names
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((name) => join(path, name))
      .filter((file) => {
        try {
          return statSync(file).isFile()
        } catch {
          return false
        }
      })
    return files.length ? files.map((file) => ({ path: file })) : [{ path, empty: true }]
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
        : r.status === 'updated'
          ? [`${head}: updated the day's dump: ${dayUpdate(r)}`]
          : [`${head}: ${r.papers} papers: ${r.added} new, ${r.merged} already in the library`]
  for (const w of r.warnings) lines.push(`  warning: ${w}`)
  return lines.join('\n')
}

/** What a later copy of an imported day changed: `2 papers added (1 new), 5 with newer upvotes or details`. */
function dayUpdate(r: ImportResult): string {
  const parts: string[] = []
  if (r.added + r.merged > 0) parts.push(`${r.added + r.merged} papers added (${r.added} new)`)
  if (r.updated > 0) parts.push(`${r.updated} with newer upvotes or details`)
  return parts.join(', ')
}
