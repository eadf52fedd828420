/** Shapes of saved searches and tags, shared by the search code and its IPC channels (zod only: the preload bundles it). */
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

/** A tag: one word, kept lower-case. The IPC channels and `addTags` both check names with it. */
export const TagName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,49}$/u, 'a tag is one word of letters, digits, "-", "_" or "." (at most 50 characters)')
