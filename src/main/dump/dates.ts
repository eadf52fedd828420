/** Dates as the Daily Papers page prints them: `Feb 21, 2024`, `Feb 24` (current year omitted). */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

export interface PageDate {
  month: number // 1-12
  day: number
  year: number | null
}

const MONTH_DAY = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\d{1,2})(?:, (\d{4}))?$/

/** Parses `Feb 21, 2024` or `Feb 24`; null for anything else or an impossible day. */
export function parsePageDate(text: string): PageDate | null {
  const m = MONTH_DAY.exec(text.trim())
  if (!m) return null
  const month = MONTHS.indexOf(m[1]!) + 1
  const day = Number(m[2])
  const year = m[3] ? Number(m[3]) : null
  if (!isValidDay(year ?? 2024, month, day)) return null // 2024 is a leap year: Feb 29 stays possible
  return { month, day, year }
}

function isValidDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day))
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/**
 * The year a dump was saved in. The page omits the current year, so explicit years are all from
 * earlier years: the dump is from the year after the largest one. Without any, the fallback
 * (file modification time or import date) decides; a header date after the fallback day belongs
 * to the year before (a dump of Dec 31 saved on Jan 2).
 */
export function inferDumpYear(header: PageDate | null, explicitYears: number[], fallback: Date): number {
  if (explicitYears.length > 0) return Math.max(...explicitYears) + 1
  const year = fallback.getUTCFullYear()
  if (header && isoDate(year, header.month, header.day) > fallback.toISOString().slice(0, 10)) return year - 1
  return year
}

/** Resolves a page date against the dump date: a yearless date after the dump date is from the year before. */
export function resolvePageDate(date: PageDate, dumpDate: string): string {
  if (date.year !== null) return isoDate(date.year, date.month, date.day)
  const dumpYear = Number(dumpDate.slice(0, 4))
  let year = dumpYear
  if (isoDate(year, date.month, date.day) > dumpDate) year -= 1
  // Feb 29 in a non-leap year cannot be meant; step back to the nearest leap year.
  while (!isValidDay(year, date.month, date.day)) year -= 1
  return isoDate(year, date.month, date.day)
}
