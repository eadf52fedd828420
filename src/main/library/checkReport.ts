/** The shape of a library check (`margin check`, Help ▸ Check Library…): zod only, so the IPC contract can use it. */
import { z } from 'zod'

export const CheckItem = z.object({
  /** integrity, foreignKeys, searchIndex */
  name: z.enum(['integrity', 'foreignKeys', 'searchIndex']),
  ok: z.boolean(),
  /** What is wrong, one sentence each (empty when ok; at most a few dozen). */
  problems: z.array(z.string()),
})
export type CheckItem = z.infer<typeof CheckItem>

export const CheckReport = z.object({
  ok: z.boolean(),
  path: z.string(),
  papers: z.number().int().nonnegative(),
  checks: z.array(CheckItem),
})
export type CheckReport = z.infer<typeof CheckReport>
