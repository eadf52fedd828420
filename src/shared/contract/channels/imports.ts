import { z } from 'zod'
import { ImportDetails, ImportRecord, ImportResult } from '../shapes/library'
import { defineChannels, defineEvents } from '../define'

/**
 * Daily dumps are ~100 KB (an API response a few hundred KB); anything this large is not one. The
 * one cap for the app and the CLI: a file on disk is refused by its size before it is read
 * (src/main/library/importFile.ts).
 */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024
export const MAX_IMPORT_FILES = 200

const bytes = z
  .custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected the file contents as bytes (Uint8Array)' })
  .refine((b) => b.byteLength <= MAX_IMPORT_BYTES, {
    message: `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; a daily dump is about 100 KB`,
  })

export const DroppedFile = z.object({
  name: z.string().min(1, 'a file name is required').max(1024),
  bytes,
  /** File.lastModified (ms since epoch): decides the dump's year when no entry prints one. */
  lastModified: z.number().int().nonnegative().optional(),
})
export type DroppedFile = z.infer<typeof DroppedFile>

export const importsChannels = defineChannels({
  importFiles: {
    writesLibrary: true,
    summary: 'import dropped files (name, bytes, lastModified); one result per file, in order',
    input: z.object({
      files: z
        .array(DroppedFile)
        .min(1, 'no files to import')
        .max(MAX_IMPORT_FILES, `at most ${MAX_IMPORT_FILES} files at once`),
    }),
    output: z.array(ImportResult),
  },
  importWithDialog: {
    writesLibrary: true,
    summary: 'ask the user for dump files with the system dialog and import them ([] when cancelled)',
    input: z.void(),
    output: z.array(ImportResult),
  },
  importHistory: {
    summary: 'File ▸ Import History…: a page of imports, newest first (when, from where, files, papers new and merged), and how many in all',
    input: z.object({
      limit: z.number().int().min(1).max(500).default(50),
      offset: z.number().int().nonnegative().default(0),
    }),
    output: z.object({ imports: z.array(ImportRecord), total: z.number().int() }),
  },
  importDetails: {
    summary: 'one import: its files (day, papers new and merged, warnings, why a file failed) and the papers it added (notFound for an unknown id)',
    input: z.object({
      id: z.number().int().positive(),
      /** At most this many of the papers it added (a year of dumps adds tens of thousands). */
      limit: z.number().int().min(0).max(5000).default(500),
    }),
    output: ImportDetails,
  },
})

export const ImportProgress = z.object({
  /** Files finished so far. */
  done: z.number().int().nonnegative(),
  total: z.number().int().positive(),
  /** The file being imported now (null once all are done). */
  current: z.string().nullable(),
  /** The result of the file that just finished. */
  result: ImportResult.nullable(),
})
export type ImportProgress = z.infer<typeof ImportProgress>

export const LibraryChanged = z.object({
  /** 'external': another process (the CLI) changed the library; what changed is not known. */
  reason: z.enum(['import', 'flags', 'note', 'tags', 'other', 'external']),
  /** Papers whose data changed, when known (absent: reload everything). */
  ids: z.array(z.number().int()).optional(),
})
export type LibraryChanged = z.infer<typeof LibraryChanged>

export const importsEvents = defineEvents({
  'import:progress': ImportProgress,
  'library:changed': LibraryChanged,
  /** The File ▸ Import… menu asked the renderer to show results it started. */
  'import:results': z.array(ImportResult),
  /** File ▸ Import History… asked the renderer to open its history dialog. */
  'menu:importHistory': z.object({}),
})
