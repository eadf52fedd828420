import { z } from 'zod'
import { ImportResult } from '../shapes/library'
import { defineChannels, defineEvents } from '../define'

export const InboxStatus = z.object({
  /** The watched folder (the setting), or null. */
  folder: z.string().nullable(),
  watching: z.boolean(),
  /** Why the folder is not being watched (it vanished, it cannot be read), or null. */
  problem: z.string().nullable(),
  /** The last files handled, newest first (one line each, as `margin watch` prints them). */
  recent: z.array(z.string()),
})
export type InboxStatus = z.infer<typeof InboxStatus>

export const inboxChannels = defineChannels({
  inboxStatus: { summary: 'the inbox folder and what it last imported', input: z.void(), output: InboxStatus },
  chooseInboxFolder: {
    summary: 'ask for a folder with the system dialog and watch it (unchanged when cancelled)',
    input: z.void(),
    output: InboxStatus,
  },
  clearInboxFolder: { summary: 'stop watching the inbox folder (its files stay where they are)', input: z.void(), output: InboxStatus },
})

export const InboxFile = z.object({
  name: z.string(),
  status: z.enum(['imported', 'updated', 'already-imported', 'failed', 'seen']),
  line: z.string(),
  result: ImportResult.nullable(),
})

export const inboxEvents = defineEvents({
  /** A file of the inbox folder was handled (imported, refused, or seen before). */
  'inbox:file': InboxFile,
})
