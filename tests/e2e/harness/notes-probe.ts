/**
 * What the notes tests and `npm run bench` share: a large note full of math, and a probe of the
 * page's main thread — long tasks (over 50 ms, PerformanceObserver 'longtask') and how long each
 * keystroke took from the key to the next paint (Event Timing).
 */
import type { Page } from '@playwright/test'

/** A note of `chars` characters (at most a million, the largest note) holding `formulas` formulas. */
export function bigMathNote(chars = 999_000, formulas = 5_000): string {
  const paragraphs = Math.ceil(formulas / 2)
  const per = Math.floor(chars / paragraphs) - 2
  const filler = 'the estimate tightens as the sample grows and the bound holds for every step of the schedule '
  const out: string[] = []
  for (let i = 0; i < paragraphs; i++) {
    let p = `**Step ${i}.** The loss $\\mathcal{L}_{${i}} = \\sum_{k=1}^{n} \\alpha_k x_k^2$ falls as $O(n^{${(i % 7) + 1}} \\log n)$ when `
    while (p.length < per) p += filler
    out.push(p.slice(0, per))
  }
  return out.join('\n\n').slice(0, chars)
}

export interface MainThreadReport {
  longTasks: number
  maxLongTaskMs: number
  p95LongTaskMs: number
  totalLongTaskMs: number
  /** The slowest key press, from the key to the next paint (Event Timing; 0 when none took 16 ms). */
  slowestKeyMs: number
}

const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return 0
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}

/** Starts watching the page's main thread; the returned function stops and reports. */
export async function watchMainThread(page: Page): Promise<() => Promise<MainThreadReport>> {
  await page.evaluate(() => {
    const probe = { long: [] as number[], keys: [] as number[], observers: [] as PerformanceObserver[] }
    ;(window as unknown as { __probe: typeof probe }).__probe = probe
    const long = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.long.push(e.duration)
    })
    long.observe({ type: 'longtask' })
    const events = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (/^key|input/.test(e.name)) probe.keys.push(e.duration)
    })
    events.observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit)
    probe.observers.push(long, events)
  })
  return async () => {
    const { long, keys } = await page.evaluate(async () => {
      // let the observers deliver what is queued
      await new Promise((r) => setTimeout(r, 100))
      const probe = (window as unknown as { __probe: { long: number[]; keys: number[]; observers: PerformanceObserver[] } }).__probe
      for (const o of probe.observers) {
        for (const e of o.takeRecords()) (e.entryType === 'longtask' ? probe.long : probe.keys).push(e.duration)
        o.disconnect()
      }
      return { long: probe.long, keys: probe.keys }
    })
    const round = (x: number) => Math.round(x)
    return {
      longTasks: long.length,
      maxLongTaskMs: round(Math.max(0, ...long)),
      p95LongTaskMs: round(percentile(long, 95)),
      totalLongTaskMs: round(long.reduce((a, b) => a + b, 0)),
      slowestKeyMs: round(Math.max(0, ...keys)),
    }
  }
}

export const formatReport = (r: MainThreadReport) =>
  `${r.longTasks} long tasks, max ${r.maxLongTaskMs} ms, p95 ${r.p95LongTaskMs} ms, total ${r.totalLongTaskMs} ms; slowest key to paint ${r.slowestKeyMs} ms`
