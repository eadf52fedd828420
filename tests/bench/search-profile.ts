/**
 * Where a keystroke's time goes, in Chromium (`npm run bench -- --search-profile`): the keystroke
 * scenario of search-bench.ts, with the page's main thread split by Chromium's own counters
 * (script, style, layout, other work of its tasks), the search calls' round trips as the page sees
 * them (HTTP here where Electron has IPC; the backend's search inside them), and the page's
 * JavaScript by function from a sampling profile (self time), to show what to make faster.
 * Needs `npm run build` (out/renderer).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { spawnHarness } from '../e2e/harness/spawn'
import { TYPED_QUERIES, installProbe, libraryOf, pct, typeQueries, warmUp } from './search-bench'

interface CpuProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface CpuProfile {
  nodes: CpuProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** Self time by function (name and file), heaviest first. */
function selfTimes(profile: CpuProfile, top: number): string[] {
  const byNode = new Map<number, number>()
  profile.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
  const byFn = new Map<string, number>()
  for (const n of profile.nodes) {
    const us = byNode.get(n.id) ?? 0
    if (!us) continue
    const file = n.callFrame.url.split('/').pop() ?? ''
    const key = `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber}`
    byFn.set(key, (byFn.get(key) ?? 0) + us)
  }
  return [...byFn.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, us]) => `${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`)
}

interface TraceEvent {
  name: string
  ph: string
  dur?: number
  tid: number
  pid: number
  args?: { name?: string }
}

/** Total duration by event name on the renderer's main thread, per keystroke, heaviest first. */
function traceTotals(events: TraceEvent[], keys: number): string[] {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  if (!main) return ['(no renderer main thread in the trace)']
  const byName = new Map<string, number>()
  for (const e of events) if (e.tid === main.tid && e.pid === main.pid && e.ph === 'X' && e.dur) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur)
  return [...byName.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 22)
    .map(([name, us]) => `${(us / 1000 / Math.max(1, keys)).toFixed(2).padStart(7)} ms  ${name}`)
}

/** Time spent inside each named function, its callees included (each sample counted once per name), heaviest first. */
function inclusiveTimes(profile: CpuProfile, names: readonly string[], keys: number): string[] {
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const wanted = new Set(names)
  const total = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at)!.callFrame.functionName
      if (wanted.has(name) && !seen.has(name)) {
        seen.add(name)
        total.set(name, (total.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0))
      }
    }
  })
  return [...total.entries()].sort((a, b) => b[1] - a[1]).map(([name, us]) => `${(us / 1000 / keys).toFixed(2).padStart(7)} ms  ${name}`)
}

/** The page's work worth naming: React's rendering and committing, the app's components, the calls and the probe. */
const INCLUSIVE = [
  'performWorkOnRoot',
  'renderRootSync',
  'renderRootConcurrent',
  'commitRoot',
  'flushPassiveEffects',
  'App',
  'FeedPane',
  'FeedRowView',
  'ReaderPane',
  'RichText',
  'Highlight',
  'SearchBox',
  'NotesPaneView',
  'SimilarPapers',
  'invoke',
  'decodeWire',
  'dispatchDiscreteEvent',
  'dispatchContinuousEvent',
  'check',
]

export async function profileKeystrokes(root: string, sizes: number[], log: (m: string) => void): Promise<void> {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) return log('skipped: run `npm run build` first')
  for (const papers of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'margin-bench-profile-'))
    libraryOf(root, papers, join(dir, 'library.sqlite'))
    const harness = await spawnHarness({ root, dir })
    const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] })
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
      // the search calls' round trips, as the page sees them
      await page.addInitScript(() => {
        const trips: number[] = []
        ;(window as unknown as { __trips: number[] }).__trips = trips
        const fetch0 = window.fetch.bind(window)
        window.fetch = async (input, init) => {
          const t = performance.now()
          const r = await fetch0(input, init)
          if (String(input).includes('/ipc/search')) {
            const text = await r.text()
            trips.push(performance.now() - t)
            return new Response(text, { status: r.status, headers: r.headers })
          }
          return r
        }
      })
      await page.goto(harness.url)
      await warmUp(page)
      await page.evaluate(() => ((window as unknown as { __trips: number[] }).__trips.length = 0))
      await installProbe(page)
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' } as never)
      const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value * 1000]))
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
      const m0 = await metrics()
      await cdp.send('Profiler.start')
      const { lat } = await typeQueries(page, TYPED_QUERIES)
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }
      const m1 = await metrics()
      const trips = await page.evaluate(() => (window as unknown as { __trips: number[] }).__trips)
      const per = (k: string) => ((m1[k]! - m0[k]!) / lat.length).toFixed(1)
      log(`${papers} papers: ${lat.length} keystrokes, keystroke → results painted p50 ${pct(lat, 50)} / p95 ${pct(lat, 95)} ms (the profiler slows the page)`)
      log(
        `  page main thread per key: tasks ${per('TaskDuration')} ms = script ${per('ScriptDuration')} + style ${per('RecalcStyleDuration')} + layout ${per('LayoutDuration')} + other (paint, input, GC…)`,
      )
      log(`  search round trips: ${trips.length} (${(trips.length / lat.length).toFixed(2)} a key), p50 ${pct(trips, 50)} / p95 ${pct(trips, 95)} ms`)
      log('  page JavaScript by function (self time over the whole run):')
      for (const line of selfTimes(profile, 25)) log(`    ${line}`)
      log('  inside (callees included), ms per key:')
      for (const line of inclusiveTimes(profile, INCLUSIVE, lat.length)) log(`    ${line}`)
      // a trace of the same queries: the main thread's work by kind (events nest: a parent's time includes its children's)
      const events: TraceEvent[] = []
      cdp.on('Tracing.dataCollected', (d) => void events.push(...(d.value as unknown as TraceEvent[])))
      const traced = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()))
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.execute,blink', transferMode: 'ReportEvents' } as never)
      const again = await typeQueries(page, TYPED_QUERIES.slice(0, 4), 12)
      await cdp.send('Tracing.end')
      await traced
      log(`  trace of ${again.lat.length - lat.length} more keystrokes: the page's main thread by event (ms per key, nested):`)
      for (const line of traceTotals(events, again.lat.length - lat.length)) log(`    ${line}`)
    } finally {
      await browser.close()
      await harness.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
