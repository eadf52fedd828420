/** Shapes of saved searches, shared by the search code and its IPC channels (zod only: the preload bundles it). */
import { z } from 'zod'

export const SavedSearch = z.object({
  id: z.number().int(),
  name: z.string(),
  query: z.string(),
  total: z.number().int(),
  unread: z.number().int(),
})
export type SavedSearch = z.infer<typeof SavedSearch>

export const SavedSearchName = z.string().trim().min(1, 'a saved search needs a name').max(100)
