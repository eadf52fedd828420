/** The Daily Papers client's rules, in-process against the loopback replay server (no internet). */
import { afterEach, describe, expect, it } from 'vitest'
import { dayUrl, fetchDay, retryAfterMs } from '../../src/main/fetch/client'
import { daysBetween } from '../../src/main/fetch/fetchDays'
import { RECORDED, type Replay, startReplay } from '../helpers/replayServer'

let replay: Replay | null = null
afterEach(async () => {
  await replay?.close()
  replay = null
})

describe('the Daily Papers client', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('120')).toBe(120_000)
    expect(retryAfterMs('Wed, 02 Dec 2026 08:00:30 GMT', Date.parse('2026-12-02T08:00:00Z'))).toBe(30_000)
    expect(retryAfterMs('soon')).toBeNull()
    expect(retryAfterMs(null)).toBeNull()
  })

  it('keeps a base URL’s path (a mirror under a folder)', () => {
    expect(dayUrl('https://huggingface.co', '2025-10-03')).toBe('https://huggingface.co/api/daily_papers?date=2025-10-03')
    expect(dayUrl('https://example.org/mirror/', '2025-10-03')).toBe('https://example.org/mirror/api/daily_papers?date=2025-10-03')
  })

  it('gives up at once when Retry-After asks for more than the cap on waiting, without waiting', async () => {
    replay = await startReplay({ '2025-10-03': [{ status: 429, retryAfter: '3600' }, { file: RECORDED.day20251003 }] })
    const waits: number[] = []
    const sleep = async (ms: number) => void waits.push(ms)
    await expect(fetchDay('2025-10-03', null, { apiUrl: replay.url, version: '0.1.0', sleep, maxWaitMs: 60_000 })).rejects.toMatchObject({
      code: 'serverBusy',
      message: expect.stringMatching(/^2025-10-03: the server answered 429 Too Many Requests; it asked to wait 3600 s more, past the 60 s Margin waits/),
    })
    expect(waits).toEqual([])
    expect(replay.requests).toHaveLength(1)
  })

  it('backs off exponentially (1, 2, 4 s) when no Retry-After is given, honouring it when it is longer', async () => {
    replay = await startReplay({ '2025-10-03': [{ status: 503 }, { status: 502, retryAfter: '5' }, { status: 500 }, { file: RECORDED.day20251003 }] })
    const waits: number[] = []
    const answer = await fetchDay('2025-10-03', null, { apiUrl: replay.url, version: '0.1.0', sleep: async (ms) => void waits.push(ms) })
    expect(answer.status).toBe('ok')
    expect(waits).toEqual([1000, 5000, 4000])
  })

  it('does not retry a 404 (the URL is wrong, asking again will not help)', async () => {
    replay = await startReplay({})
    await expect(fetchDay('2025-10-03', null, { apiUrl: replay.url, version: '0.1.0', sleep: async () => {} })).rejects.toMatchObject({ code: 'unreachable' })
    expect(replay.requests).toHaveLength(1)
  })

  it('asks every day of a range, weekends included, and refuses a range over a year', () => {
    expect(daysBetween('2025-02-28', '2025-03-03')).toEqual(['2025-02-28', '2025-03-01', '2025-03-02', '2025-03-03'])
    expect(() => daysBetween('2020-01-01', '2025-01-01')).toThrow(/more than 366 days/)
  })
})
