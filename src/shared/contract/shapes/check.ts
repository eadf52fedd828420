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

const LABELS: Record<CheckItem['name'], string> = {
  integrity: 'SQLite integrity',
  foreignKeys: 'foreign keys',
  searchIndex: 'search index (one row per paper)',
}

/** The report in words, for `margin check` and Help ▸ Check Library…: one line per check, then a verdict. */
export function describeCheck(report: CheckReport): { lines: string[]; verdict: string } {
  const lines = report.checks.flatMap((c) => [`${c.ok ? 'ok     ' : 'FAILED '} ${LABELS[c.name]}`, ...c.problems.map((p) => `          ${p}`)])
  const verdict = report.ok
    ? `The library is healthy (${report.papers} papers).`
    : 'The library has problems: restore a backup (margin backup --list, margin restore <file>).'
  return { lines, verdict }
}

