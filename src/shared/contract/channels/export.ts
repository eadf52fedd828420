import { z } from 'zod'
import { CitationKeyInput, ExportFormat, ExportScope } from '../shapes/export'
import { paperId } from '../shapes/library'
import { defineChannels, defineEvents } from '../define'

/** Exports to a file chosen in the save dialog, and citation keys. */
export const exportChannels = defineChannels({
  exportWithDialog: {
    summary:
      'ask for a file (a folder for markdown) with the save dialog and export the scope there; path null when cancelled',
    input: z.object({ format: ExportFormat, scope: ExportScope, withNotes: z.boolean().default(false) }),
    output: z.object({
      path: z.string().nullable(),
      /** Papers exported. */
      count: z.number().int().nonnegative(),
      /**
       * What could not be exported as is (characters left out of the .bib; for Markdown, files kept
       * because they are the user's, symlinks left alone, renamed keys), one sentence each.
       */
      warnings: z.array(z.string()),
      /** Markdown only: what happened to each file in the folder (file names). */
      files: z
        .object({
          written: z.array(z.string()),
          updated: z.array(z.string()),
          unchanged: z.array(z.string()),
          /** Files the user edited (or Margin did not write), left as they were. */
          kept: z.array(z.string()),
          /** Symlinks and non-files where a note would go, left alone. */
          skipped: z.array(z.string()),
        })
        .optional(),
    }),
  },
  setCitationKey: {
    writesLibrary: true,
    summary: "change a paper's citation key; error is a sentence for the user when the key is refused",
    input: z.object({ id: paperId, key: CitationKeyInput }),
    output: z.object({ key: z.string().nullable(), error: z.string().nullable() }),
  },
})

export const exportEvents = defineEvents({
  /** File ▸ Export… asked the renderer to open its export dialog (it knows the current view). */
  'menu:export': z.object({}),
})
