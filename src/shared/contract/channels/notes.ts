import { z } from 'zod'
import { NOTE_MAX_CHARS, NoteText, paperId } from '../shapes/library'
import { defineChannels } from '../define'

export const notesChannels = defineChannels({
  setNote: {
    writesLibrary: true,
    summary: "save a paper's Markdown note; returns when it was saved",
    input: z.object({ id: paperId, note: NoteText }),
    output: z.object({ savedAt: z.string() }),
  },
  patchNote: {
    writesLibrary: true,
    summary:
      "save a change to a paper's note as one edit against the version last saved (base: its time and length); savedAt null when the stored note is not that version (then save the whole text)",
    input: z.object({
      id: paperId,
      base: z.object({ savedAt: z.string().nullable(), length: z.number().int().min(0).max(NOTE_MAX_CHARS) }),
      from: z.number().int().min(0).max(NOTE_MAX_CHARS),
      to: z.number().int().min(0).max(NOTE_MAX_CHARS),
      insert: NoteText,
    }),
    output: z.object({ savedAt: z.string().nullable() }),
  },
})
