/** A paper's provenance by day (pure: unit-tested under Node). */
import type { Paper } from '../../../shared/contract/shapes/library'

export interface ProvenanceDay {
  day: string
  /** The day's upvote count (the highest any file of the day showed). */
  upvotes: number | null
  /** The files that brought the day (one since dumps are days; several in an old read-only library). */
  files: string[]
}

/**
 * One entry per day, oldest first. A library migrated to dumps-by-day holds one appearance per
 * day already; a read-only library from before may still list a day once per file, merged here
 * so the count always equals the chips.
 */
export function provenanceDays(appearances: Paper['appearances']): ProvenanceDay[] {
  const byDay = new Map<string, ProvenanceDay>()
  for (const a of appearances) {
    const d = byDay.get(a.dumpDate)
    if (!d) byDay.set(a.dumpDate, { day: a.dumpDate, upvotes: a.upvotes, files: [a.fileName] })
    else {
      if (a.upvotes !== null && (d.upvotes === null || a.upvotes > d.upvotes)) d.upvotes = a.upvotes
      if (!d.files.includes(a.fileName)) d.files.push(a.fileName)
    }
  }
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day))
}

/** "20 Nov 2025": a chip's date, with its year (dumps span years). */
export function chipDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
}
