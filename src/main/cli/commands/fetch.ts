import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import { type ClientOptions, DEFAULT_API_URL } from '../../fetch/client'
import { daysBetween, defaultFetchRange, describeDay, type FetchDayResult, fetchDays, isDay, todayUtc } from '../../fetch/fetchDays'
import { MARGIN_VERSION } from '../../fetch/version'
import { isHttpUrl } from '../../../shared/url'
import { SETTINGS_FILE } from '../../settings/store'
import { CliError, libraryPathOf, openLibrary, printJson } from '../context'
import { EXIT, exitCodeOf } from '../exitCodes'

const parseDay = (value: string): string => {
  if (!isDay(value)) throw new InvalidArgumentError(`"${value}" is not a date as YYYY-MM-DD.`)
  return value
}
const parseSeconds = (value: string): number => {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0 || n > 600) throw new InvalidArgumentError(`"${value}" is not a number of seconds (at most 600).`)
  return n
}
const parseApiUrl = (value: string): string => {
  if (!isHttpUrl(value)) throw new InvalidArgumentError(`"${value}" is not an http(s) URL.`)
  return value
}

/** The app's setting `apiUrl` (settings.json beside the library), when there is one. */
function apiUrlFromSettings(libraryPath: string): string | null {
  try {
    const s = JSON.parse(readFileSync(join(dirname(libraryPath), SETTINGS_FILE), 'utf8')) as { apiUrl?: unknown }
    return typeof s.apiUrl === 'string' && isHttpUrl(s.apiUrl) ? s.apiUrl : null
  } catch {
    return null
  }
}

/** A number from the environment (tests shorten the backoff and the total wait). */
function envMs(name: string): number | undefined {
  const n = Number(process.env[name])
  return process.env[name] && Number.isFinite(n) && n >= 0 ? n : undefined
}

/**
 * The worst failure decides the exit status: 69 when the API could not be reached, 75 when it kept
 * answering 429/5xx (try later), 74 when the library could not be written, 65 when an answer was
 * malformed; 0 when every day was imported, unchanged or empty.
 */
export function fetchExitCode(results: readonly FetchDayResult[]): number {
  const codes = results.flatMap((r) => (r.status === 'failed' ? [exitCodeOf(r.code ?? 'internal')] : []))
  for (const code of [EXIT.unavailable, EXIT.tempFail, EXIT.ioErr, EXIT.cantCreate, EXIT.dataErr]) if (codes.includes(code)) return code
  return codes[0] ?? EXIT.ok
}

export function registerFetch(program: Command): void {
  program
    .command('fetch')
    .description(
      'fetch days of Hugging Face Daily Papers from the API and import them (the only command that uses the network); ' +
        'without --date or --since: the days since the last fetch',
    )
    .option('--date <YYYY-MM-DD>', 'fetch this one day', parseDay)
    .option('--since <YYYY-MM-DD>', 'fetch every day from this one to today (UTC)', parseDay)
    .option('--api-url <url>', `the API's base URL (default: the app's setting, else ${DEFAULT_API_URL})`, parseApiUrl)
    .option('--timeout <seconds>', 'give up on an answer after this long (default 15)', parseSeconds)
    .option('--json', 'print the result as JSON')
    .action(async (opts: { date?: string; since?: string; apiUrl?: string; timeout?: number; json?: boolean }, command: Command) => {
      if (opts.date && opts.since) throw new CliError('Give --date or --since, not both.')
      const today = todayUtc()
      for (const d of [opts.date, opts.since]) if (d && d > today) throw new CliError(`${d} is in the future (today is ${today}, UTC).`)
      const lib = openLibrary(command, { write: true })
      try {
        const range = opts.date ? { from: opts.date, to: opts.date } : opts.since ? { from: opts.since, to: today } : defaultFetchRange(lib, today)
        const days = daysBetween(range.from, range.to)
        const apiUrl = opts.apiUrl ?? apiUrlFromSettings(libraryPathOf(command)) ?? DEFAULT_API_URL
        const client: ClientOptions = {
          apiUrl,
          version: MARGIN_VERSION,
          timeoutMs: opts.timeout === undefined ? undefined : opts.timeout * 1000,
          backoffMs: envMs('MARGIN_FETCH_BACKOFF_MS'),
          maxWaitMs: envMs('MARGIN_FETCH_MAX_WAIT_MS'),
          onRetry: ({ day, waitMs, reason }) =>
            console.error(`margin: ${day}: ${reason}; trying again in ${waitMs < 1000 ? `${waitMs} ms` : `${Math.round(waitMs / 1000)} s`}`),
        }
        if (!opts.json && days.length > 1) console.error(`margin: fetching ${days.length} days, ${days[0]} to ${days.at(-1)}, from ${apiUrl}`)
        const results = await fetchDays(lib, days, {
          ...client,
          onDay: (_done, _total, r) => {
            if (!opts.json) console.log(describeDay(r))
          },
        })
        const totalPapers = lib.counts().total
        if (opts.json) printJson({ apiUrl, days: results, totalPapers })
        else console.log(`Library: ${totalPapers} papers.`)
        process.exitCode = fetchExitCode(results)
      } finally {
        lib.close()
      }
    })
}
