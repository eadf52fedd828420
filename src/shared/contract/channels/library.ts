import { z } from 'zod'
import { CheckReport } from '../shapes/check'
import { defineChannels } from '../define'

export const libraryChannels = defineChannels({
  checkLibrary: {
    summary: "Help ▸ Check Library…: SQLite's integrity check, foreign keys and the search index; the report",
    input: z.void(),
    output: CheckReport,
  },
})
