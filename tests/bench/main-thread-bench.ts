/**
 * The main process's responsiveness while the backend works (`npm run bench -- --main-thread`, and
 * part of the full bench). This process builds the libraries, then starts a fresh Node process that
 * stands in for Electron's main: it runs the app's BackendClient, which forks the BUILT backend entry
 * (out/main/backend.js, as utilityProcess.fork does) and forwards calls to it, and it measures its
 * own event-loop delay (perf_hooks.monitorEventLoopDelay) during:
 *   - a 10,000-paper import (167 dump files, File ▸ Import Dumps…: the dialog answered by main);
 *   - a 100,000-paper BibTeX export (File ▸ Export…: the save dialog answered by main);
 *   - a vocabulary rebuild at 100,000 papers (the idle work after a big import, asked for at once);
 *   - 20 concurrent searches at 100,000 papers;
 * and the cold open: from starting the backend on the existing 100,000-paper library to the first
 * feed page answered (backend start, migrations check, feed view, the first 60 summaries).
 * Needs `npm run build` (out/main/backend.js).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { BackendClient } from '../../src/main/backend/client'
import { forkNodeBackend } from '../../src/main/backend/nodeProcess'
import { channels } from '../../src/shared/contract'
import type { IpcResponse } from '../../src/shared/contract/define'
import type { Host } from '../../src/main/ipc/host'
import { createMainDispatcher } from '../../src/main/ipc/server'
import { Library } from '../../src/main/library/library'
import { SettingsStore } from '../../src/main/settings/store'
import { Synth, loadBasePapers } from './synth'

export interface MainThreadRow {
  scenario: string
  p99Ms: number
  maxMs: number
  /** How long the backend worked meanwhile (for context). */
  durationMs: number
  /** CPU time this process (main's stand-in) used meanwhile: small means its delays were the OS's scheduling, not its own work. */
  mainCpuMs: number
}
export interface MainThreadReport {
  mainThread: MainThreadRow[]
  coldOpen100kMs: number
  resolutionMs: number
}

/** The event-loop delay's sampling period: a stall shorter than this is not seen. */
const RESOLUTION_MS = 2
const PER_DUMP = 60
const SEARCHES = [
  'learning', 'neural', 'brain', 'transformer', 'spiking', 'connectome', 'hippocampus', 'transfomer', 'spikng neurons',
  'nueral netwroks', 'spiking neural networks', 'brain transformer encoders', '"neural networks"', 'transformer -vision',
  'transf', 'is:unread year:>=2023', 'org:openbmb', 'transformer is:unread year:>=2020', 'brain org:meta', 'visual cortex representations',
]

const round = (x: number) => Math.round(x * 100) / 100
const enc = new TextEncoder()

/** Builds what the child measures on: a 100,000-paper library (vocabulary not learned yet) and 10,000 papers as dump files. */
function buildLibraries(dir: string, papers: number, importPapers: number, log: (m: string) => void): void {
  const base = loadBasePapers(resolve(process.cwd(), 'tests/fixtures/daily-dumps'))
  const synth = new Synth(base, 7)
  const path = join(dir, 'big.sqlite')
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true })
  const lib = new Library(path)
  const ndumps = Math.ceil(papers / PER_DUMP)
  const t = performance.now()
  for (let i = 0; i < ndumps; i += 50) {
    const inputs = Array.from({ length: Math.min(50, ndumps - i) }, (_, k) => ({
      path: `synthetic-${i + k}.txt`,
      bytes: enc.encode(synth.dump(new Date(Date.UTC(2020, 0, 1 + i + k)), PER_DUMP).text),
      modifiedAt: new Date(Date.UTC(2020, 0, 1 + i + k)),
    }))
    // the typo vocabulary is left unlearned: the rebuild scenario learns all 100,000 papers at once
    lib.importDumps(inputs, { vocabulary: 'later' })
  }
  lib.mergeSearchIndex()
  lib.checkpoint()
  log(`main thread: library of ${lib.counts().total} papers built in ${round((performance.now() - t) / 1000)} s`)
  lib.close()
  // a kept --dir: the import scenario starts from an empty library again
  for (const s of ['', '-wal', '-shm']) rmSync(join(dir, 'fresh.sqlite') + s, { force: true })
  const files = join(dir, 'import')
  mkdirSync(files, { recursive: true })
  for (let i = 0; i < Math.ceil(importPapers / PER_DUMP); i++) {
    writeFileSync(join(files, `dump-${i}.txt`), synth.dump(new Date(Date.UTC(2031, 0, 1 + i)), PER_DUMP).text)
  }
}

/**
 * Runs in the build's own process, then the measuring child (a fresh process: no heap of its own
 * to collect, as Electron's main has none of the library's).
 */
export function benchMainThread(options: { dir: string; papers?: number; log?: (m: string) => void }): MainThreadReport {
  const log = options.log ?? (() => {})
  const backend = resolve(process.cwd(), 'out/main/backend.js')
  if (!existsSync(backend)) throw new Error('out/main/backend.js is missing: run `npm run build` first')
  buildLibraries(options.dir, options.papers ?? 100_000, 10_000, log)
  const child = spawnSync(process.execPath, [process.argv[1]!, '--main-thread-run', options.dir, backend], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  if (child.status !== 0) throw new Error(`the main-thread child failed (exit ${child.status})`)
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as MainThreadReport
}

function unwrap<T>(r: IpcResponse<T>, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.code}: ${r.error.message}`)
  return r.value
}

/** The stand-in for Electron's main: forwards, measures its own event loop, prints one JSON line. */
export async function runMainThreadChild(dir: string, backendPath: string): Promise<void> {
  const { readdirSync } = await import('node:fs')
  const importFiles = readdirSync(join(dir, 'import')).map((f) => join(dir, 'import', f))
  let pushes = 0
  const host: Host = {
    showOpenDialog: async () => importFiles,
    showSaveDialog: async () => join(dir, 'export.bib'),
    showFolderDialog: async () => null,
    openExternal: async () => {},
  }
  const start = (libraryPath: string) => {
    const client = new BackendClient({
      spawn: () => forkNodeBackend(backendPath),
      config: { libraryPath, settingsPath: join(dir, 'settings.json'), app: { version: 'bench', platform: process.platform }, backupDelayMs: null },
      channelNames: Object.keys(channels),
      host,
      // main would send each push to every window: here it is counted
      forward: () => void pushes++,
      onFatal: (title, detail) => {
        throw new Error(`${title}: ${detail}`)
      },
    })
    return client
  }
  const rows: MainThreadRow[] = []
  const measure = async (scenario: string, work: () => Promise<unknown>) => {
    const h = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
    h.enable()
    // the histogram's first timer tick only starts its clock: a block before it would go unseen
    await new Promise((r) => setTimeout(r, RESOLUTION_MS * 3))
    const cpu = process.cpuUsage()
    const t = performance.now()
    await work()
    const durationMs = performance.now() - t
    // a few more turns: a loop blocked until the end (work done in this process) is recorded only
    // when its timer next fires
    await new Promise((r) => setTimeout(r, RESOLUTION_MS * 3))
    h.disable()
    const used = process.cpuUsage(cpu)
    rows.push({
      scenario,
      p99Ms: round(h.percentile(99) / 1e6),
      maxMs: round(h.max / 1e6),
      durationMs: round(durationMs),
      mainCpuMs: round((used.user + used.system) / 1000),
    })
  }

  // cold open of the existing 100,000-paper library: backend start → first feed page answered
  const t0 = performance.now()
  const big = start(join(dir, 'big.sqlite'))
  void big.start()
  const view = unwrap(await big.dispatch('feedView', { filter: 'all', sort: 'date' }), 'feedView') as { ids: number[] }
  unwrap(await big.dispatch('summaries', { ids: view.ids.slice(0, 60) }), 'summaries')
  const coldOpen100kMs = round(performance.now() - t0)

  await measure('idle, for reference (nothing running)', () => new Promise((r) => setTimeout(r, 1000)))
  await measure('vocabulary rebuild at 100,000 papers', async () => {
    const r = unwrap(await big.internal('runMaintenance', undefined), 'runMaintenance')
    if (!r.vocabularyCurrent) throw new Error('the vocabulary was not rebuilt')
  })
  await measure('20 concurrent searches at 100,000 papers', async () => {
    const answers = await Promise.all(SEARCHES.map((query) => big.dispatch('search', { query, limit: 50 })))
    answers.forEach((a, i) => unwrap(a, `search ${SEARCHES[i]}`))
  })
  await measure('BibTeX export of 100,000 papers', async () => {
    const r = unwrap(await big.dispatch('exportWithDialog', { format: 'bibtex', scope: { kind: 'all' } }), 'export') as { count: number }
    if (r.count < 100_000) throw new Error(`exported ${r.count} papers`)
  })
  await big.close()
  // the layout before the backend had its own process: the same searches with the library in this one
  {
    const lib = new Library(join(dir, 'big.sqlite'))
    const { dispatcher } = createMainDispatcher({ library: lib, settings: new SettingsStore(join(dir, 'settings.json')), host, send: () => {} })
    await measure('20 concurrent searches, the library in this process (the old layout, for comparison)', async () => {
      const answers = await Promise.all(SEARCHES.map((query) => dispatcher.dispatch('search', { query, limit: 50 })))
      answers.forEach((a, i) => unwrap(a, `search ${SEARCHES[i]}`))
    })
    lib.close()
  }

  const fresh = start(join(dir, 'fresh.sqlite'))
  await fresh.start()
  await measure('import of 10,000 papers (167 dump files)', async () => {
    const results = unwrap(await fresh.dispatch('importWithDialog', undefined), 'import') as { status: string; added: number }[]
    const added = results.reduce((n, r) => n + r.added, 0)
    if (added < 10_000) throw new Error(`imported ${added} papers`)
  })
  await fresh.close()
  process.stdout.write(`${JSON.stringify({ mainThread: rows, coldOpen100kMs, resolutionMs: RESOLUTION_MS, pushes } satisfies MainThreadReport & { pushes: number })}\n`)
}

export function mainThreadTable(r: MainThreadReport): string {
  return [
    `Main process event-loop delay while the backend works (monitorEventLoopDelay, ${r.resolutionMs} ms resolution; targets p99 < 20 ms, max < 50 ms)`,
    '',
    '| scenario | p99 | max | backend busy for | main CPU meanwhile |',
    '|---|---:|---:|---:|---:|',
    ...r.mainThread.map(
      (row) => `| ${row.scenario} | ${row.p99Ms} ms | ${row.maxMs} ms | ${Math.round(row.durationMs).toLocaleString('en')} ms | ${Math.round(row.mainCpuMs)} ms |`,
    ),
    '',
    `Cold open of a 100,000-paper library to the first feed page answered (backend start, migrations check, feed view, 60 summaries): ${r.coldOpen100kMs} ms (target < 1,000 ms)`,
  ].join('\n')
}
