import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ImportResult } from '../../library/schemas'
import { MAX_IMPORT_BYTES, type importsChannels } from '../channels/imports'
import type { HandlerContext, Handlers } from '../dispatcher'

interface Source {
  name: string
  load: () => Promise<{ bytes: Uint8Array; modifiedAt?: Date }>
}

const failed = (path: string, error: string): ImportResult => ({
  path,
  status: 'failed',
  dumpDate: null,
  papers: 0,
  added: 0,
  merged: 0,
  warnings: [],
  error,
})

/** Yields to the event loop so progress events reach the renderer between files. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Imports files one by one; a file that fails never stops the others. */
export async function importSources(sources: Source[], ctx: HandlerContext): Promise<ImportResult[]> {
  const results: ImportResult[] = []
  const total = sources.length
  for (const [i, source] of sources.entries()) {
    ctx.emit('import:progress', { done: i, total, current: source.name, result: null })
    await tick()
    let result: ImportResult
    try {
      const { bytes, modifiedAt } = await source.load()
      result = ctx.library.importDump({ path: source.name, bytes, modifiedAt })
    } catch (e) {
      result = failed(source.name, e instanceof Error ? e.message : String(e))
    }
    results.push(result)
    ctx.emit('import:progress', { done: i + 1, total, current: i + 1 < total ? sources[i + 1]!.name : null, result })
  }
  if (results.some((r) => r.status === 'imported')) ctx.emit('library:changed', { reason: 'import' })
  return results
}

/** Reads a chosen file from disk, refusing anything too large to be a dump before reading it. */
export function fileSource(path: string): Source {
  return {
    name: basename(path),
    load: async () => {
      const info = await stat(path)
      if (!info.isFile()) throw new Error('this is a folder, not a file')
      if (info.size > MAX_IMPORT_BYTES) {
        throw new Error(`the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; a daily dump is about 100 KB`)
      }
      return { bytes: new Uint8Array(await readFile(path)), modifiedAt: info.mtime }
    },
  }
}

export async function importPaths(paths: string[], ctx: HandlerContext): Promise<ImportResult[]> {
  return importSources(paths.map(fileSource), ctx)
}

/** File ▸ Import Dumps… and the empty screen's button: the system file dialog, then import. */
export async function importWithDialog(ctx: HandlerContext): Promise<ImportResult[]> {
  const paths = await ctx.host.showOpenDialog({
    title: 'Import Daily Papers dumps',
    filters: [
      { name: 'Daily Papers dumps and API files', extensions: ['txt', 'text', 'md', 'json'] },
      { name: 'All files', extensions: ['*'] },
    ],
    multiple: true,
  })
  return paths.length ? importPaths(paths, ctx) : []
}

export const importsHandlers: Handlers<typeof importsChannels> = {
  importFiles: ({ files }, ctx) =>
    importSources(
      files.map((f) => ({
        name: f.name,
        load: async () => ({ bytes: f.bytes, modifiedAt: f.lastModified === undefined ? undefined : new Date(f.lastModified) }),
      })),
      ctx,
    ),
  importWithDialog: (_input, ctx) => importWithDialog(ctx),
}
