/**
 * A Daily Papers API on 127.0.0.1 for the fetch tests: per day, a script of answers played in
 * order (the last one repeats): a recorded body from tests/fixtures, a status such as 429 with
 * Retry-After or 500, or a slow answer. It records every request's headers. Nothing leaves the machine.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures')
export const RECORDED = {
  day20251003: join(FIXTURES, 'hf-api', 'api_daily_papers_2025-10-03.json'),
  day20240527: join(FIXTURES, 'hf-api', 'api_daily_papers_2024-05-27.json'),
  truncated: join(FIXTURES, 'hf-api-replay', '2025-10-04-truncated.json'),
  empty: join(FIXTURES, 'hf-api-replay', '2025-10-05-weekend.json'),
  day20250203: join(FIXTURES, 'hf-api', 'archive', '2025-02-03.json'),
  day20250204: join(FIXTURES, 'hf-api', 'archive', '2025-02-04.json'),
  day20250205: join(FIXTURES, 'hf-api', 'archive', '2025-02-05.json'),
}

export type Answer =
  | { file: string; delayMs?: number }
  | { status: number; retryAfter?: string; delayMs?: number }

export interface Replay {
  url: string
  requests: { day: string | null; headers: IncomingHttpHeaders }[]
  close: () => Promise<void>
}

export async function startReplay(script: Record<string, Answer[]>): Promise<Replay> {
  const requests: Replay['requests'] = []
  const played = new Map<string, number>()
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const day = url.searchParams.get('date')
    requests.push({ day, headers: req.headers })
    const answers = url.pathname === '/api/daily_papers' && day ? script[day] : undefined
    if (!answers?.length) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":"not recorded"}')
      return
    }
    const n = played.get(day!) ?? 0
    played.set(day!, n + 1)
    const answer = answers[Math.min(n, answers.length - 1)]!
    const send = () => {
      if (res.destroyed) return
      if ('status' in answer) {
        const headers: Record<string, string> = { 'Content-Type': 'application/json' }
        if (answer.retryAfter) headers['Retry-After'] = answer.retryAfter
        res.writeHead(answer.status, headers).end(`{"error":"status ${answer.status}"}`)
        return
      }
      const body = readFileSync(answer.file)
      const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { ETag: etag }).end()
        return
      }
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ETag: etag }).end(body)
    }
    if (answer.delayMs) setTimeout(send, answer.delayMs)
    else send()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
