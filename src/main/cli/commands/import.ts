import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { isInboxCandidate } from '../../inbox/folderWatcher'
import { errorCode } from '../../errors'
import { readImportFile } from '../../library/importFile'
import { ImportBatch } from '../../library/importBatch'
import type { ImportResult } from '../../../shared/contract/shapes/library'
import type { ErrorCode } from '../../../shared/errors'
import { printJson, withLibrary } from '../context'
import { EXIT, exitCodeOf } from '../exitCodes'

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import daily dumps (saved Daily Papers pages) or Daily Papers API responses (.json) into the library')
    .argument('<file...>', 'dump files to import, or folders: every dump and .json in a folder, sorted by name')
    .option('--json', 'print the result as JSON')
    .action((files: string[], opts: { json?: boolean }, command: Command) => {
      // why each file that could not even be read failed (missing, a pipe, too large)
      const unread = new Map<number, ErrorCode>()
      const { results, totalPapers, importId } = withLibrary(
        command,
        (lib) => {
          // one batch: the files are written a transaction of thousands of entries at a time
          const batch = new ImportBatch(lib, { source: 'cli' })
          try {
            for (const path of expandFolders(files)) {
              if (path.empty) {
                unread.set(batch.results.length, 'notFound')
                batch.fail(path.path, 'no dump (.txt, .md, .html) or .json file in this folder')
                continue
              }
              let input
              try {
                input = readImportFile(path.path)
              } catch (e) {
                const code = errorCode(e)
                unread.set(batch.results.length, code)
                batch.fail(path.path, (e as Error).message, code)
                continue
              }
              batch.add(input)
            }
          } finally {
            batch.finish()
          }
          // a writer teaches the typo vocabulary what it wrote (searches only read); never fails the import
          if (batch.results.some((r) => r.status === 'imported' || r.status === 'updated')) lib.learnVocabulary()
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
      process.exitCode = importExitCode(results, unread)
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
 * 0 when every file imported (or was known already); else 66 when a file was missing or not a
 * regular file, 74 when one could not be read, and 65 (bad data) when files were read but refused.
 */
export function importExitCode(results: readonly ImportResult[], unread: ReadonlyMap<number, ErrorCode>): number {
  const failed = results.flatMap((r, i) => (r.status === 'failed' ? [exitCodeOf(unread.get(i) ?? 'notADump')] : []))
  if (failed.length === 0) return EXIT.ok
  for (const code of [EXIT.noInput, EXIT.ioErr]) if (failed.includes(code)) return code
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
