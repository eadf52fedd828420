import { z } from 'zod'
import { NoteText, paperId } from '../shapes/library'
import { defineChannels } from '../define'

export const notesChannels = defineChannels({
  setNote: {
    summary: "save a paper's Markdown note; returns when it was saved",
    input: z.object({ id: paperId, note: NoteText }),
    output: z.object({ savedAt: z.string() }),
  },
})
