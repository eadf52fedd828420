/**
 * Fetching days of Daily Papers into the library. Each day's answer goes through the same import
 * path as a `.json` file dropped on the window (ImportBatch: one
 * transaction, recorded in the import history), so it brings arXiv ids and author names, merges with dumps and is recorded as a
 * dump (its file name is the URL asked, which carries the day). A day is all or nothing: an answer
 * that does not parse changes nothing, and its ETag is not kept, so the next fetch asks again.
 */
import type { ErrorCode } from '../../shared/errors'
import { errorCode, UserError } from '../errors'
import { ImportBatch } from '../library/importBatch'
import type { Library } from '../library/library'
import { type ClientOptions, fetchDay } from './client'

/** A year and a day: more at once is surely a typo in --since. */
export const MAX_FETCH_DAYS = 366

export type FetchStatus = 'imported' | 'updated' | 'already-imported' | 'unchanged' | 'empty' | 'failed'

export interface FetchDayResult {
  day: string
  status: FetchStatus
  /** Papers in the day's answer (for `unchanged`: when it was last fetched). */
  papers: number
  added: number
  merged: number
  warnings: string[]
  error: string | null
  /** Why a failed day failed: notADump (a malformed answer), unreachable, serverBusy, or a library error. */
  code: ErrorCode | null
  url: string | null
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** A real calendar day written YYYY-MM-DD. */
export function isDay(text: string): boolean {
  return DAY.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)
}

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10)
}

/** Every day from `from` to `to`, both included; weekends too (an empty day is fine). */
export function daysBetween(from: string, to: string): string[] {
  for (const d of [from, to]) if (!isDay(d)) throw new UserError(`"${d}" is not a date as YYYY-MM-DD.`)
  if (from > to) throw new UserError(`${from} is after ${to}.`)
  const days: string[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); days.length <= MAX_FETCH_DAYS; t += 86_400_000) {
    const d = new Date(t).toISOString().slice(0, 10)
    if (d > to) return days
    days.push(d)
  }
  throw new UserError(`${from} to ${to} is more than ${MAX_FETCH_DAYS} days; fetch a shorter range.`)
}

/**
 * The days a plain fetch asks for: from the last day fetched (again: its page may have grown since;
 * its ETag makes that free when it has not) to today; today alone the first time.
 */
export function defaultFetchRange(lib: Library, today = todayUtc()): { from: string; to: string; last: string | null } {
  const last = lib.fetchLog.lastFetchedDay()
  return { from: last && last < today ? last : today, to: today, last }
}

/** Whether a body is an empty list of papers (a day without papers, a weekend), not a malformed one. */
function isEmptyDay(body: Uint8Array): boolean {
  try {
    const json: unknown = JSON.parse(new TextDecoder().decode(body).replace(/^\uFEFF/, ''))
    if (Array.isArray(json)) return json.length === 0
    const wrapped = json as { papers?: unknown; data?: unknown } | null
    const list = wrapped?.papers ?? wrapped?.data
    return Array.isArray(list) && list.length === 0
  } catch {
    return false
  }
}

function result(day: string, status: FetchStatus, fields: Partial<FetchDayResult> = {}): FetchDayResult {
  return { day, status, papers: 0, added: 0, merged: 0, warnings: [], error: null, code: null, url: null, ...fields }
}

/** Fetches and imports one day. Never throws for the network or the answer: a failed day says why. */
export async function fetchOneDay(lib: Library, day: string, options: ClientOptions): Promise<FetchDayResult> {
  const known = lib.fetchLog.fetchedDay(day)
  // an ETag from another server means nothing to this one
  const etag = known && known.apiUrl === options.apiUrl ? known.etag : null
  let answer
  try {
    answer = await fetchDay(day, etag, options)
  } catch (e) {
    return result(day, 'failed', { error: (e as Error).message, code: errorCode(e) })
  }
  const url = answer.url
  if (answer.status === 'unchanged') return result(day, 'unchanged', { papers: known?.papers ?? 0, url })
  const record = (papers: number) =>
    lib.fetchLog.recordFetchedDay({ day, apiUrl: options.apiUrl, etag: answer.etag, fetchedAt: new Date().toISOString(), papers })
  if (isEmptyDay(answer.body)) {
    record(0)
    return result(day, 'empty', { url })
  }
  // the file name is the URL: it carries the day, as an archive's `2025-02-05.json` does
  // through the one import path, so the day is in the import history like any file
  const batch = new ImportBatch(lib, { source: 'fetch', recordRefused: false })
  batch.add({ path: url, bytes: answer.body, modifiedAt: new Date(`${day}T12:00:00Z`) })
  const written = batch.finish()[0]!
  if (written.status === 'failed') {
    // a failure without a code is an answer that is not a Daily Papers day; else the write failed (busy, disk full)
    const code: ErrorCode = written.code ?? 'notADump'
    return result(day, 'failed', { error: `${day}: ${written.error ?? 'not imported'}`, code, url, warnings: written.warnings })
  }
  record(written.papers)
  return result(day, written.status, {
    papers: written.papers,
    added: written.added,
    merged: written.merged,
    warnings: written.warnings,
    url,
  })
}

/**
 * Fetches the days in order, one at a time (the API is asked politely). When the API cannot be
 * reached at all, the days after are not asked (and say so); a malformed or busy day does not stop
 * the others. `onDay` follows progress.
 */
export async function fetchDays(
  lib: Library,
  days: readonly string[],
  options: ClientOptions & { onDay?: (done: number, total: number, result: FetchDayResult) => void; signal?: AbortSignal },
): Promise<FetchDayResult[]> {
  lib.assertWritable()
  const results: FetchDayResult[] = []
  let unreachable: string | null = null
  for (const day of days) {
    const r = unreachable
      ? result(day, 'failed', { error: `${day}: not asked (${unreachable})`, code: 'unreachable' })
      : options.signal?.aborted
        ? result(day, 'failed', { error: `${day}: not asked (the fetch was cancelled)`, code: 'unreachable' })
        : await fetchOneDay(lib, day, options)
    if (r.code === 'unreachable' && !unreachable && r.status === 'failed') unreachable = `the API could not be reached for ${day}`
    results.push(r)
    options.onDay?.(results.length, days.length, r)
  }
  if (results.some((r) => r.status === 'imported' || r.status === 'updated')) lib.learnVocabulary()
  return results
}

/** One line per day, as `margin fetch` prints it and the app shows it. */
export function describeDay(r: FetchDayResult): string {
  switch (r.status) {
    case 'imported':
      return `${r.day}: ${r.papers} papers: ${r.added} new, ${r.merged} already in the library`
    case 'updated':
      return `${r.day}: ${r.papers} papers: updated the day's dump: ${r.added} new, ${r.merged} already in the library`
    case 'already-imported':
      return `${r.day}: ${r.papers} papers, already imported, nothing changed`
    case 'unchanged':
      return `${r.day}: unchanged since the last fetch`
    case 'empty':
      return `${r.day}: no papers that day`
    case 'failed':
      return `${r.day}: failed: ${r.error?.startsWith(`${r.day}: `) ? r.error.slice(r.day.length + 2) : r.error}`
  }
}
