// types from the schemas, not ../api (which reads window.margin): these helpers also run in unit tests
import type { ImportResult, PaperSummary } from '../../../shared/contract/shapes/library'

const dayDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1, d!))
}

// Intl formatters are made once: toLocaleString() and toLocaleDateString() build a new one per call
// (a fraction of a millisecond each), and the reader and the feed rows format on every render.
const COUNT = new Intl.NumberFormat()
const DAY = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
const DAY_NO_WEEKDAY = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
const SHORT_DAY = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' })
const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })

/** "1,234" (in the user's locale). */
export const formatCount = (n: number): string => COUNT.format(n)

/** "Mon, Apr 20, 2026" (in the user's locale). */
export function formatDay(iso: string, withWeekday = true): string {
  return (withWeekday ? DAY : DAY_NO_WEEKDAY).format(dayDate(iso))
}

/** "Apr 20" */
export function formatShortDay(iso: string): string {
  return SHORT_DAY.format(dayDate(iso))
}

/** "10:42" */
export function formatTime(iso: string): string {
  return TIME.format(new Date(iso))
}

export const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`

/** What one file's import did, in plain words. */
export function importMessage(r: ImportResult): string {
  switch (r.status) {
    case 'imported':
      return `${plural(r.papers, 'paper')}: ${r.added.toLocaleString()} new, ${r.merged.toLocaleString()} already in the library`
    case 'updated':
      return `Updated the dump of ${formatDay(r.dumpDate!, false)}: ${dayUpdate(r)}`
    case 'already-imported':
      return `Already imported${r.dumpDate ? ` (the dump of ${formatDay(r.dumpDate, false)}, ${plural(r.papers, 'paper')})` : ''}: nothing changed`
    case 'failed':
      return r.error ?? 'The file could not be imported.'
  }
}

/** What a later copy of an imported day changed: `2 papers added (1 new), 5 with newer upvotes`. */
function dayUpdate(r: ImportResult): string {
  const parts: string[] = []
  if (r.added + r.merged > 0) parts.push(`${plural(r.added + r.merged, 'paper')} added (${r.added.toLocaleString()} new)`)
  if (r.updated > 0) parts.push(`${r.updated.toLocaleString()} with newer upvotes or details`)
  return parts.join(', ')
}

/** What an import of many files did, in one sentence (the files that failed are told apart). */
export function importSummary(results: readonly ImportResult[]): string {
  const imported = results.filter((r) => r.status === 'imported' || r.status === 'updated')
  const known = results.filter((r) => r.status === 'already-imported').length
  const added = imported.reduce((n, r) => n + r.added, 0)
  const merged = imported.reduce((n, r) => n + r.merged, 0)
  if (imported.length === 0) return `Nothing new: ${known === 1 ? 'the file was' : `all ${known.toLocaleString()} files were`} imported before`
  const parts = [`${plural(added, 'new paper')}, ${merged.toLocaleString()} already in the library`]
  if (known > 0) parts.push(`${plural(known, 'file')} imported before`)
  return parts.join('; ')
}

/**
 * A feed row's detail line: the organisation, else the author count, else the publication date, so
 * an entry saved without its metadata block does not leave an empty line.
 */
export function rowDetail(s: Pick<PaperSummary, 'org' | 'authorsCount' | 'publishedAt'>): string {
  if (s.org) return s.org.name
  if (s.authorsCount) return plural(s.authorsCount, 'author')
  return s.publishedAt ? `Published ${formatDay(s.publishedAt, false)}` : 'No authors or date on the page'
}
