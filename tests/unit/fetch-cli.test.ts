/**
 * `margin fetch` against a Daily Papers API replayed on 127.0.0.1 (tests/helpers/replayServer.ts)
 * from recorded answers in tests/fixtures: no test reaches the internet. The built CLI runs as a
 * user runs it; the library is then read with SQL.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { requireBuiltCli, runMarginAsync } from '../helpers/cli'
import { type Answer, RECORDED, type Replay, startReplay } from '../helpers/replayServer'

let dir: string
let n = 0
let replay: Replay | null = null
const newLibrary = () => join(dir, `lib-${++n}.sqlite`)

// short waits between retries (the defaults are 1 s doubling, 60 s in all): nothing here is timed
const FAST = { MARGIN_FETCH_BACKOFF_MS: '20', MARGIN_FETCH_MAX_WAIT_MS: '5000' }

async function serve(script: Record<string, Answer[]>): Promise<Replay> {
  replay = await startReplay(script)
  return replay
}
const fetchCli = (library: string, args: string[]) => runMarginAsync(library, ['fetch', '--api-url', replay!.url, ...args], FAST)

/** Every table's rows, in order: equal snapshots mean the library did not change. */
function snapshot(library: string): string {
  const db = new Database(library, { readonly: true })
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]
    return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).raw().all()]))
  } finally {
    db.close()
  }
}
function query<T>(library: string, sql: string): T[] {
  const db = new Database(library, { readonly: true })
  try {
    return db.prepare(sql).all() as T[]
  } finally {
    db.close()
  }
}

beforeAll(() => {
  requireBuiltCli()
  dir = mkdtempSync(join(tmpdir(), 'margin-fetch-'))
})
afterEach(async () => {
  await replay?.close()
  replay = null
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('margin fetch', () => {
  it('imports a recorded day with its 39 papers, authors and arXiv ids, sending nothing about the user', async () => {
    const lib = newLibrary()
    const server = await serve({ '2025-10-03': [{ file: RECORDED.day20251003 }] })
    const r = await fetchCli(lib, ['--date', '2025-10-03', '--json'])
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.out)
    expect(json.days).toHaveLength(1)
    expect(json.days[0]).toMatchObject({ day: '2025-10-03', status: 'imported', papers: 39, added: 39, merged: 0, error: null })
    expect(json.totalPapers).toBe(39)
    // counted as a dump, named by the URL asked (which carries the day)
    const dumps = query<{ file_name: string; dump_date: string; entries: number }>(lib, 'SELECT file_name, dump_date, entries FROM dumps')
    expect(dumps).toEqual([{ file_name: `${server.url}/api/daily_papers?date=2025-10-03`, dump_date: '2025-10-03', entries: 39 }])
    const withIds = query<{ n: number }>(lib, 'SELECT count(*) AS n FROM papers WHERE arxiv_id IS NOT NULL AND authors IS NOT NULL')
    expect(withIds[0]!.n).toBe(39)
    // in the import history like any import, from 'fetch'
    const history = query<{ source: string; name: string; added: number }>(
      lib,
      'SELECT i.source, f.name, f.added FROM imports i JOIN import_files f ON f.import_id = i.id',
    )
    expect(history).toEqual([{ source: 'fetch', name: `${server.url}/api/daily_papers?date=2025-10-03`, added: 39 }])
    // one request, a plain User-Agent, no cookie, no If-None-Match the first time
    expect(server.requests).toHaveLength(1)
    const h = server.requests[0]!.headers
    expect(h['user-agent']).toMatch(/^Margin\/\d+\.\d+\.\d+$/)
    expect(h.cookie).toBeUndefined()
    expect(h.referer).toBeUndefined()
    expect(h['if-none-match']).toBeUndefined()
  })

  it('fetching the same day again sends its ETag, gets a 304 and changes nothing', async () => {
    const lib = newLibrary()
    const server = await serve({ '2025-10-03': [{ file: RECORDED.day20251003 }] })
    expect((await fetchCli(lib, ['--date', '2025-10-03'])).code).toBe(0)
    const before = snapshot(lib)
    const again = await fetchCli(lib, ['--date', '2025-10-03'])
    expect(again.code).toBe(0)
    expect(again.out).toContain('2025-10-03: unchanged since the last fetch')
    expect(server.requests[1]!.headers['if-none-match']).toMatch(/^"[0-9a-f]{16}"$/)
    expect(snapshot(lib)).toBe(before)
  })

  it('waits out a 429 (honouring Retry-After) and a 500, then imports the day', async () => {
    const lib = newLibrary()
    const server = await serve({
      '2025-10-03': [{ status: 429, retryAfter: '1' }, { status: 500 }, { file: RECORDED.day20251003 }],
    })
    const r = await fetchCli(lib, ['--date', '2025-10-03'])
    expect(r.code).toBe(0)
    expect(r.err).toContain('2025-10-03: the server answered 429 Too Many Requests; trying again in 1 s')
    expect(r.err).toContain('2025-10-03: the server answered 500 Internal Server Error; trying again in')
    expect(r.out).toContain('2025-10-03: 39 papers: 39 new, 0 already in the library')
    expect(server.requests).toHaveLength(3)
  })

  it('gives up on a slow answer after the timeout and asks again', async () => {
    const lib = newLibrary()
    const server = await serve({ '2025-10-03': [{ file: RECORDED.day20251003, delayMs: 4000 }, { file: RECORDED.day20251003 }] })
    const r = await fetchCli(lib, ['--date', '2025-10-03', '--timeout', '0.5'])
    expect(r.code).toBe(0)
    expect(r.err).toContain('2025-10-03: no answer in time; trying again')
    expect(r.out).toContain('2025-10-03: 39 papers: 39 new')
    expect(server.requests).toHaveLength(2)
  })

  it('refuses a malformed answer, says which day, and leaves the library as it was', async () => {
    const lib = newLibrary()
    const server = await serve({
      '2024-05-27': [{ file: RECORDED.day20240527 }],
      '2024-05-28': [{ file: RECORDED.truncated }],
    })
    expect((await fetchCli(lib, ['--date', '2024-05-27'])).code).toBe(0)
    const before = snapshot(lib)
    const r = await fetchCli(lib, ['--date', '2024-05-28'])
    expect(r.code).toBe(65)
    expect(r.out).toMatch(/^2024-05-28: failed: Not a Daily Papers API file: the JSON does not parse/m)
    expect(snapshot(lib)).toBe(before)
    // no ETag kept for the failed day: the next fetch asks afresh
    await fetchCli(lib, ['--date', '2024-05-28'])
    expect(server.requests.at(-1)!.headers['if-none-match']).toBeUndefined()
  })

  it('keeps answering 500: exit 75 (try later), nothing changed', async () => {
    const lib = newLibrary()
    await serve({ '2025-10-03': [{ status: 500 }] })
    const r = await fetchCli(lib, ['--date', '2025-10-03', '--json'])
    expect(r.code).toBe(75)
    const day = JSON.parse(r.out).days[0]
    expect(day).toMatchObject({ status: 'failed', code: 'serverBusy' })
    expect(day.error).toMatch(/^2025-10-03: the server answered 500 Internal Server Error after 4 tries/)
    expect(query<{ n: number }>(lib, 'SELECT count(*) AS n FROM papers')[0]!.n).toBe(0)
  })

  it('a range: an empty day is fine, and a server that cannot be reached is exit 69', async () => {
    const lib = newLibrary()
    const server = await serve({
      '2025-10-03': [{ file: RECORDED.day20251003 }],
      '2025-10-04': [{ file: RECORDED.empty }],
    })
    // --since runs to today, so ask a closed range through two --date runs and the default range
    const a = await fetchCli(lib, ['--date', '2025-10-04'])
    expect(a.out).toContain('2025-10-04: no papers that day')
    expect(a.code).toBe(0)
    const url = server.url
    await server.close()
    replay = null
    const r = await runMarginAsync(lib, ['fetch', '--api-url', url, '--date', '2025-10-03'], FAST)
    expect(r.code).toBe(69)
    expect(r.out).toMatch(/2025-10-03: failed: the connection was refused after 4 tries/)
  })

  it('refuses --date with --since, a future date and a malformed one (usage, 64)', async () => {
    const lib = newLibrary()
    await serve({})
    expect((await fetchCli(lib, ['--date', '2025-10-03', '--since', '2025-10-01'])).code).toBe(64)
    expect((await fetchCli(lib, ['--date', '2999-01-01'])).err).toContain('is in the future')
    const bad = await fetchCli(lib, ['--date', '2025-02-30'])
    expect(bad.code).toBe(64)
    expect(bad.err).toContain('"2025-02-30" is not a date as YYYY-MM-DD.')
  })
})
