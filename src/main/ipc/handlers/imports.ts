import { basename } from 'node:path'
import { errorCode, MarginError } from '../../errors'
import { readImportFile } from '../../library/importFile'
import { ImportBatch } from '../../library/importBatch'
import type { ImportResult } from '../../../shared/contract/shapes/library'
import type { importsChannels } from '../../../shared/contract/channels/imports'
import type { HandlerContext, Handlers } from '../dispatcher'
import { IMPORT_DUMPS_DIALOG } from '../host'
import { scheduleMaintenance } from '../maintenance'

/** Where an app import came from, kept in the import history. */
export type ImportSource = 'app-drop' | 'app-dialog' | 'app-launch'

interface Source {
  name: string
  load: () => Promise<{ bytes: Uint8Array; modifiedAt?: Date; readAgain?: () => Uint8Array }>
}

/** Yields to the event loop so progress events reach the renderer between files. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Imports files in one ImportBatch: a file that fails never stops the others, and the files are
 * written a transaction of about IMPORT_CHUNK entries at a time (progress counts files whose result
 * is known).
 */
export async function importSources(sources: Source[], ctx: HandlerContext, source: ImportSource): Promise<ImportResult[]> {
  const total = sources.length
  let done = 0
  const batch = new ImportBatch(ctx.library, {
    source,
    files: total,
    onResult: (index, result) => {
      done++
      ctx.emit('import:progress', { done, total, current: done < total ? (sources[index + 1] ?? sources[index]!).name : null, result })
    },
  })
  try {
    for (const file of sources) {
      ctx.emit('import:progress', { done, total, current: file.name, result: null })
      await tick()
      let input
      try {
        input = { path: file.name, ...(await file.load()) }
      } catch (e) {
        batch.fail(file.name, e instanceof Error ? e.message : String(e), errorCode(e))
        continue
      }
      batch.add(input)
    }
    if (batch.pending) {
      ctx.emit('import:progress', { done, total, current: `${batch.pending} files`, result: null })
      await tick()
    }
  } finally {
    batch.finish()
  }
  ctx.emit('import:progress', { done: total, total, current: null, result: null })
  if (batch.results.some((r) => r.status === 'imported' || r.status === 'updated')) {
    ctx.emit('library:changed', { reason: 'import' })
    // typos of the new words are corrected at once (a few ms per dump); a bulk rebuild of the
    // vocabulary (a year of dumps) and the WAL checkpoint wait until the app is idle
    ctx.library.learnVocabulary({ wait: false, rebuild: false })
    scheduleMaintenance(ctx.library)
  }
  return batch.results
}

/**
 * A chosen file on disk: `stat` first, so a pipe, a device, a folder or a file over the one size
 * cap is refused at once and never read (src/main/library/importFile.ts, shared with the CLI).
 */
export function fileSource(path: string): Source {
  return {
    name: basename(path),
    load: async () => {
      const { bytes, modifiedAt, readAgain } = readImportFile(path)
      return { bytes, modifiedAt, readAgain }
    },
  }
}

export async function importPaths(paths: string[], ctx: HandlerContext, source: ImportSource = 'app-launch'): Promise<ImportResult[]> {
  return importSources(paths.map(fileSource), ctx, source)
}

/** File ▸ Import Dumps… and the empty screen's button: the system file dialog, then import. */
export async function importWithDialog(ctx: HandlerContext): Promise<ImportResult[]> {
  const paths = await ctx.host.showOpenDialog(IMPORT_DUMPS_DIALOG)
  return paths.length ? importPaths(paths, ctx, 'app-dialog') : []
}

export const importsHandlers: Handlers<typeof importsChannels> = {
  importFiles: ({ files }, ctx) =>
    importSources(
      files.map((f) => ({
        name: f.name,
        load: async () => ({ bytes: f.bytes, modifiedAt: f.lastModified === undefined ? undefined : new Date(f.lastModified) }),
      })),
      ctx,
      'app-drop',
    ),
  importWithDialog: (_input, ctx) => importWithDialog(ctx),
  importHistory: (page, ctx) => ctx.library.importHistory(page),
  importDetails: ({ id, limit }, ctx) => {
    const details = ctx.library.importDetails(id, limit)
    if (!details) throw new MarginError('notFound', `There is no import ${id} in the history.`)
    return details
  },
}
