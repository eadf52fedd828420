/**
 * Asking the Daily Papers API for one day, politely: Node's fetch (main process and CLI only; the
 * renderer's CSP keeps connect-src closed), a timeout per attempt, retries with exponential backoff
 * on 429, 5xx, timeouts and dropped connections, honouring `Retry-After` up to a cap on the total
 * wait, and `If-None-Match` so a day already fetched costs a 304. Nothing about the user is sent:
 * no cookies (Node's fetch keeps none), no referrer, a plain `User-Agent: Margin/<version>`.
 */
import { MarginError } from '../errors'

export { DEFAULT_API_URL } from '../../shared/contract/channels/fetch'

export interface ClientOptions {
  apiUrl: string
  /** Sent as `Margin/<version>`. */
  version: string
  /** Per attempt (default 15 s). */
  timeoutMs?: number
  /** Attempts in all, the first included (default 4). */
  attempts?: number
  /** The first backoff; doubled each retry (default 1 s). */
  backoffMs?: number
  /** The most the retries of one day may wait in all, Retry-After included (default 60 s). */
  maxWaitMs?: number
  /** For tests and cancelling: the wait between attempts. */
  sleep?: (ms: number) => Promise<void>
  /** Called before each retry: why and how long (the CLI prints it, the app shows it). */
  onRetry?: (info: { day: string; attempt: number; waitMs: number; reason: string }) => void
}

export type DayAnswer = { status: 'ok'; body: Uint8Array; etag: string | null; url: string } | { status: 'unchanged'; url: string }

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** The URL of one day: `<api>/api/daily_papers?date=YYYY-MM-DD` (a base with a path keeps it). */
export function dayUrl(apiUrl: string, day: string): string {
  const base = new URL(apiUrl)
  const url = new URL(`${base.pathname.replace(/\/+$/, '')}/api/daily_papers`, base)
  url.searchParams.set('date', day)
  return url.href
}

/** Retry-After in ms: delay-seconds or an HTTP date (null when absent or unreadable). */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null
  const text = header.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const at = Date.parse(text)
  return Number.isFinite(at) ? Math.max(0, at - now) : null
}

/** Why a connection failed, in words (Node's fetch hides the system error under `cause`). */
function networkReason(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } }
  if (err.name === 'TimeoutError') return 'no answer in time'
  const code = err.cause?.code
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the server’s name could not be found (no network?)'
  if (code === 'ECONNREFUSED') return 'the connection was refused'
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was dropped'
  return err.cause?.message ?? err.message
}

/**
 * Fetches one day. Resolves with the body (and its ETag) or `unchanged` (a 304 for `etag`);
 * throws MarginError `unreachable` (no connection, timeouts past the retries, a 4xx) or
 * `serverBusy` (429/5xx past the retries or a Retry-After beyond the cap), naming the day.
 */
export async function fetchDay(day: string, etag: string | null, options: ClientOptions): Promise<DayAnswer> {
  const url = dayUrl(options.apiUrl, day)
  const attempts = options.attempts ?? 4
  const timeoutMs = options.timeoutMs ?? 15_000
  const maxWaitMs = options.maxWaitMs ?? 60_000
  const sleep = options.sleep ?? sleepFor
  let waited = 0
  let backoff = options.backoffMs ?? 1000
  for (let attempt = 1; ; attempt++) {
    let reason: string
    let retryAfter: number | null = null
    let busy = false
    try {
      const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': `Margin/${options.version}` }
      if (etag) headers['If-None-Match'] = etag
      const response = await fetch(url, {
        headers,
        signal: AbortSignal.timeout(timeoutMs),
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        redirect: 'follow',
      })
      if (response.status === 304) {
        await response.body?.cancel()
        return { status: 'unchanged', url }
      }
      if (response.ok) {
        const body = new Uint8Array(await response.arrayBuffer())
        return { status: 'ok', body, etag: response.headers.get('etag'), url }
      }
      await response.body?.cancel().catch(() => undefined)
      const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`
      if (response.status !== 429 && response.status < 500) {
        throw new MarginError('unreachable', `${day}: the server answered ${status} (${url})`)
      }
      busy = true
      reason = `the server answered ${status}`
      retryAfter = retryAfterMs(response.headers.get('retry-after'))
    } catch (e) {
      if (e instanceof MarginError) throw e
      reason = networkReason(e)
    }
    const wait = Math.max(retryAfter ?? 0, backoff)
    if (attempt >= attempts || waited + wait > maxWaitMs) {
      const tail =
        waited + wait > maxWaitMs && attempt < attempts
          ? `; it asked to wait ${Math.ceil(wait / 1000)} s more, past the ${Math.round(maxWaitMs / 1000)} s Margin waits`
          : ` after ${attempt} ${attempt === 1 ? 'try' : 'tries'}`
      throw new MarginError(busy ? 'serverBusy' : 'unreachable', `${day}: ${reason}${tail} (${url})`)
    }
    options.onRetry?.({ day, attempt, waitMs: wait, reason })
    await sleep(wait)
    waited += wait
    backoff *= 2
  }
}
