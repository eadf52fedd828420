/**
 * `npm run bench` — the search and import benchmark of issue 4. Builds synthetic libraries of
 * 10,000 and 100,000 papers from the shared dumps (tests/bench/synth.ts), then measures, in this
 * process (as the Electron main process would run it):
 *   - per-query latency (p50/p95) over a fixed list of single words, typos, several words,
 *     phrases and filter-only queries, and plain fuse.js over the same library for comparison;
 *   - typo recall: a misspelt title query finds its paper in the top 10 (and first);
 *   - import speed of ~20,000 entries (a year of dumps read from disk, as `margin import` does),
 *     search index included, beside SQLite's own floor for the same rows;
 *   - catch-up after importing one 60-paper dump into the 100,000-paper library;
 *   - the first query after opening the 100,000-paper library;
 *   - the size of the search index;
 *   - citation keys: importing 10,000 papers that share one base key against 10,000 distinct ones.
 * `npm run bench -- --json` prints one JSON object instead of the table.
 * Options: --quick (10k only), --sizes 10000,100000, --dir <where the libraries go> (default: a temp dir),
 * --notes (only the notes pane's figures, tests/bench/notes-bench.ts; needs `npm run build`),
 * --recommend (only For you and Similar papers, tests/bench/recommend-bench.ts),
 * --search (only keystroke-to-results in Chromium, tests/bench/search-bench.ts; needs `npm run build`),
 * --search-profile (where a keystroke's time goes: the page's script, style and layout, the search
 * calls' round trips, the page's JavaScript by function; tests/bench/search-profile.ts),

 * --import (only the import of a year of dumps and its floors, tests/bench/import-bench.ts),
 * --main-thread (only the main process's event-loop delay while the backend works and the cold
 * open, tests/bench/main-thread-bench.ts; needs `npm run build`; the full bench runs it too unless --quick).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import Fuse from 'fuse.js'
import { Library } from '../../src/main/library/library'
import { builtParseWorker, useParseWorkerBeside } from '../../src/main/library/parseAhead/parseAhead'
import { searchPapers } from '../../src/main/search/search'
import { catchUpVocabulary } from '../../src/main/library/searchIndex/vocabulary'
import { tokenize } from '../../src/main/library/searchIndex/text'
import { benchImport, importLog, importRows, type ImportReport } from './import-bench'
import { benchMainThread, mainThreadTable, runMainThreadChild, type MainThreadReport } from './main-thread-bench'
import { benchNotes, notesTable } from './notes-bench'
import { benchRecommend, recommendTable } from './recommend-bench'
import { benchKeystrokes, keystrokeTable, type KeystrokeRow } from './search-bench'
import { profileKeystrokes } from './search-profile'
import { median, ms, openFresh, percentile, time } from './measure'
import { Synth, loadBasePapers, rng } from './synth'

const args = process.argv.slice(2)
const json = args.includes('--json')
const quick = args.includes('--quick')
const sizesArg = args[args.indexOf('--sizes') + 1]
const SIZES = args.includes('--sizes') && sizesArg ? sizesArg.split(',').map(Number) : quick ? [10_000] : [10_000, 100_000]
const dirArg = args.includes('--dir') ? args[args.indexOf('--dir') + 1] : undefined
const DIR = dirArg ?? mkdtempSync(join(tmpdir(), 'margin-bench-'))
const FIXTURES = resolve(process.cwd(), 'tests/fixtures/daily-dumps')
const PER_DUMP = 60
const ROUNDS = 5

const log = (...a: unknown[]) => {
  if (!json) console.error(...a)
}

// imports parse on the second core as in the app and the CLI: the build's parsing thread (npm run build)
useParseWorkerBeside(pathToFileURL(resolve(process.cwd(), 'out/main/backend.js')).href)

/** A year of dumps imported (tests/bench/import-bench.ts). */
function importBench(base: ReturnType<typeof loadBasePapers>): ImportReport {
  if (!builtParseWorker()) log('import: out/main/parseWorker.js is missing (run `npm run build`): imports parse in one thread')
  const dir = join(DIR, 'import')
  mkdirSync(dir, { recursive: true })
  return benchImport({ dir, synth: new Synth(base, 1), perDump: PER_DUMP, dumps: Number(process.env.BENCH_IMPORT_DUMPS ?? 334) })
}

/** The fixed query list: single words (common to rare), typos, several words, phrases, filters. */
const QUERIES = [
  'learning', 'neural', 'brain', 'transformer', 'spiking', 'connectome', 'hippocampus',
  'transfomer', 'spikng neurons', 'nueral netwroks', 'reprsentation', 'hipocampus',
  'spiking neural networks', 'brain transformer encoders', 'functional connectome dynamics', 'visual cortex representations',
  '"neural networks"', 'transformer -vision',
  'transf', 'spiking neur',
  'is:unread', 'is:unread year:>=2023', 'org:openbmb', 'year:2019 -is:read',
  'transformer is:unread year:>=2020', 'brain org:meta',
]




const enc = new TextEncoder()
/** Imports dump texts as one import (ImportBatch), as `margin import a.txt b.txt …` does. */
function importAll(lib: Library, dumps: string[], startDay: number): void {
  const results = lib.importDumps(
    dumps.map((text, i) => ({ path: `synthetic-${startDay + i}.txt`, bytes: enc.encode(text), modifiedAt: new Date(Date.UTC(2020, 0, 1 + startDay + i)) })),
    { vocabulary: 'later' }, // measured on its own (catchUpVocabulary), as the app learns when idle
  )
  // synthetic pages print only a month and day, so past a year of them a page joins an existing day
  // ('updated'); every entry must still be added as a new paper
  for (const r of results) {
    if ((r.status !== 'imported' && r.status !== 'updated') || r.added !== PER_DUMP) throw new Error(`${r.path}: ${r.status}, ${r.added} added ${r.error ?? ''}`)
  }
}


/**
 * Import time of `papers` papers whose citation keys share one base (`neuroformer2024`, then
 * `neuroformer2024a`, … `neuroformer2024ntp`) against as many distinct bases: the same work
 * otherwise, so the difference is what the key allocation costs per paper of a crowded base.
 */
function benchCitationKeys(papers: number): { papers: number; sharedBaseMs: number; distinctBasesMs: number; lastSharedKey: string } {
  const perDump = 100
  const run = (name: string, title: (i: number) => string) => {
    const lib = openFresh(join(DIR, `keys-${name}.sqlite`))
    const inputs = Array.from({ length: papers / perDump }, (_, d) => {
      const entries = Array.from({ length: perDump }, (_, k) => {
        const i = d * perDump + k
        return `${title(i)}\n\nWe study model ${i} of the cortex.\n\n  • 3 authors\n·\nJan 5, 2024`
      })
      const text = ['Daily Papers', 'byAK and the research community', 'Apr 20', ...entries].join('\n\n')
      return { path: `keys-${name}-${d}.txt`, bytes: enc.encode(text), modifiedAt: new Date(Date.UTC(2026, 3, 21)) }
    })
    const [results, t] = time(() => lib.importDumps(inputs, { vocabulary: 'later' }))
    const added = results.reduce((n, r) => n + r.added, 0)
    if (added !== papers) throw new Error(`key bench (${name}) added ${added} papers, expected ${papers}`)
    const last = lib.db.prepare('SELECT citation_key FROM papers ORDER BY id DESC LIMIT 1').pluck().get() as string
    lib.close()
    return { t, last }
  }
  const shared = run('shared', (i) => `Neuroformer variant ${i}: pretraining for brain data`)
  const distinct = run('distinct', (i) => `Neuroformer${i} variant: pretraining for brain data`)
  return { papers, sharedBaseMs: ms(shared.t), distinctBasesMs: ms(distinct.t), lastSharedKey: shared.last }
}

/** A typo the way people make them: a letter dropped, doubled, swapped with its neighbour, or wrong. */
function typo(word: string, rand: () => number): string {
  const i = 1 + Math.floor(rand() * (word.length - 2))
  switch (Math.floor(rand() * 4)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1)
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i)
    case 2:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
    default:
      return word.slice(0, i) + 'etaoinsr'[Math.floor(rand() * 8)]!.replace(word[i]!, 'u') + word.slice(i + 1)
  }
}

interface SearchRow {
  papers: number
  p50Ms: number
  p95Ms: number
  maxMs: number
  plainFuseP50Ms: number | null
  plainFuseP95Ms: number | null
  plainFuseNote?: string
  speedup: number | null
  typoRecall: number
  typoTop1: number
  typoQueries: number
  /** the misspelt word was searched as the word meant */
  typoCorrected: number
  /** the same queries typed correctly: paper in the top 10 (near-duplicate synthetic titles cap this) */
  exactRecall: number
  /** of the queries whose correct form finds the paper in the top 10, the share whose typo form does too */
  typoRecallVsExact: number
  vocabularyBuildMs: number
  indexBytes: number
}

function benchSearch(lib: Library, papers: number, vocabularyBuildMs: number): SearchRow {
  // warm up (statement cache, page cache), then ROUNDS rounds over the list
  // the app's query: the default page of results (200), as the search box asks for it
  for (const q of QUERIES) searchPapers(lib, q)
  const times: number[] = []
  const perQuery = new Map<string, number[]>()
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of QUERIES) {
      const [, t] = time(() => searchPapers(lib, q))
      times.push(t)
      perQuery.set(q, [...(perQuery.get(q) ?? []), t])
    }
  }
  if (!json) {
    const worst = [...perQuery].map(([q, ts]) => [q, percentile(ts, 50)] as const).sort((a, b) => b[1] - a[1]).slice(0, 5)
    log(`  slowest queries at ${papers}: ${worst.map(([q, t]) => `${q} ${ms(t)} ms`).join(' · ')}`)
  }

  // typo recall: a query of 2-3 of a paper's rarer title words, one of them misspelt
  const rand = rng(7)
  const all = lib.db.prepare('SELECT id, title FROM papers').all() as { id: number; title: string }[]
  const docs = lib.db.prepare('SELECT docs FROM search_terms WHERE term = ?').pluck()
  let hits = 0
  let first = 0
  let asked = 0
  let corrected = 0
  let exactHits = 0
  let hitsWhereExactHits = 0
  while (asked < 200) {
    const p = all[Math.floor(rand() * all.length)]!
    const words = [...new Set(tokenize(p.title).filter((w) => /^[a-z]{6,}$/.test(w)))]
    if (words.length < 2) continue
    words.sort((a, b) => ((docs.get(a) as number) ?? 0) - ((docs.get(b) as number) ?? 0))
    const chosen = words.slice(0, 3)
    const k = Math.floor(rand() * chosen.length)
    const misspelt = typo(chosen[k]!, rand)
    const q = chosen.map((w, i) => (i === k ? misspelt : w)).join(' ') + ' '
    const r = searchPapers(lib, q, { limit: 10 })
    const ids = r.results.map((h) => h.id)
    asked++
    if (ids.includes(p.id)) hits++
    if (ids[0] === p.id) first++
    // the misspelt word was searched as the word meant (or is itself a word of the library)
    if (r.corrections.length === 0 || r.corrections.some((c) => c.terms.includes(chosen[k]!))) corrected++
    // synthetic libraries hold near-duplicate titles: does the typo cost anything against the same
    // query typed correctly?
    const exact = searchPapers(lib, `${chosen.join(' ')} `, { limit: 10 }).results.map((h) => h.id)
    if (exact.includes(p.id)) {
      exactHits++
      if (ids.includes(p.id)) hitsWhereExactHits++
    }
  }

  const p95 = percentile(times, 95)
  return {
    papers,
    p50Ms: ms(percentile(times, 50)),
    p95Ms: ms(p95),
    maxMs: ms(Math.max(...times)),
    plainFuseP50Ms: null,
    plainFuseP95Ms: null,
    speedup: null,
    typoRecall: hits / asked,
    typoTop1: first / asked,
    typoQueries: asked,
    typoCorrected: corrected / asked,
    exactRecall: exactHits / asked,
    typoRecallVsExact: exactHits ? hitsWhereExactHits / exactHits : 1,
    vocabularyBuildMs: ms(vocabularyBuildMs),
    indexBytes: indexSize(lib),
  }
}

/**
 * Plain fuse.js over every title and abstract, same queries (text only), within a time budget (at
 * 100,000 papers one query takes seconds: the first few are measured, the rest skipped). Run last:
 * it leaves the process with gigabytes of garbage.
 */
function benchPlainFuse(lib: Library, row: SearchRow): void {
  const papers = row.papers
  const textQueries = QUERIES.filter((q) => !q.includes(':')).map((q) => q.replaceAll('"', '').replace(/-\w+/, '').trim())
  let plainFuseNote: string | undefined
  const rows = lib.db.prepare('SELECT id, title, abstract FROM papers').all() as { id: number; title: string; abstract: string }[]
  const [fuse] = time(() => new Fuse(rows, { keys: [{ name: 'title', weight: 2 }, 'abstract'], includeScore: true }))
  const budgetMs = papers > 50_000 ? 30_000 : 60_000
  const fuseTimes: number[] = []
  const started = performance.now()
  for (const q of textQueries) {
    const [, t] = time(() => fuse.search(q, { limit: 50 }))
    fuseTimes.push(t)
    if (performance.now() - started > budgetMs) break
  }
  const plainFuseP50 = ms(percentile(fuseTimes, 50))
  const plainFuseP95 = ms(percentile(fuseTimes, 95))
  if (fuseTimes.length < textQueries.length) plainFuseNote = `${fuseTimes.length} of ${textQueries.length} queries, ${budgetMs / 1000} s budget`
  Object.assign(row, {
    plainFuseP50Ms: plainFuseP50,
    plainFuseP95Ms: plainFuseP95,
    ...(plainFuseNote ? { plainFuseNote } : {}),
    speedup: Math.round(plainFuseP95 / row.p95Ms),
  })
}

/** `--first-query <library>` (a child process, as after an app start): open, one typo query. */
function firstQuery(path: string): void {
  const [lib, openMs] = time(() => new Library(path))
  const [r, queryMs] = time(() => searchPapers(lib, 'spikng neurons is:unread'))
  const mem = process.memoryUsage()
  lib.close()
  process.stdout.write(JSON.stringify({ openMs, queryMs, results: r.results.length, heapUsedBytes: mem.heapUsed, rssBytes: mem.rss }))
}

/** Bytes the search index takes in the library file (FTS5 shadow tables and the vocabulary). */
function indexSize(lib: Library): number {
  try {
    return lib.db
      .prepare("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'search_%' OR name LIKE 'sqlite_autoindex_search_%'")
      .pluck()
      .get() as number
  } catch {
    return -1 // SQLite built without dbstat
  }
}

async function main() {
  if (args.includes('--first-query')) return firstQuery(args[args.indexOf('--first-query') + 1]!)
  const base = loadBasePapers(FIXTURES)
  const out: {
    search: SearchRow[]
    import: ImportReport
    citationKeys?: { papers: number; sharedBaseMs: number; distinctBasesMs: number; lastSharedKey: string }
    catchUp?: { papers: number; libraryPapers: number; importMs: number; catchUpMs: number; totalMs: number; foundNewPaper: boolean }
    firstQuery?: { papers: number; openMs: number; queryMs: number; totalMs: number }
    memory?: { papers: number; indexBytes: number; heapUsedBytes: number; rssBytes: number }
    keystrokeToResults?: KeystrokeRow[] | string
    mainThread?: MainThreadReport['mainThread']
    coldOpen100kMs?: number
    machine: { cpus: number; node: string; sqlite: string }
  } = { search: [], import: undefined as unknown as ImportReport, machine: { cpus: 0, node: process.version, sqlite: '' } }
  out.machine.cpus = cpus().length

  // --- import: a year of dumps (20,040 entries) read from disk and imported as `margin import` and
  // the app do (one ImportBatch), beside SQLite's floors (tests/bench/import-bench.ts) ---
  out.import = importBench(base)
  log(importLog(out.import))

  out.citationKeys = benchCitationKeys(10_000)
  log(`citation keys: ${out.citationKeys.papers} papers sharing one base key ${out.citationKeys.sharedBaseMs} ms, distinct keys ${out.citationKeys.distinctBasesMs} ms`)

  for (const size of SIZES) {
    const synth = new Synth(base, 42)
    const ndumps = Math.ceil(size / PER_DUMP)
    const path = join(DIR, `library-${size}.sqlite`)
    let lib = openFresh(path)
    out.machine.sqlite ||= lib.db.prepare('SELECT sqlite_version()').pluck().get() as string
    const [, tGen] = time(() => {
      for (let i = 0; i < ndumps; i += 50) {
        const batch = Array.from({ length: Math.min(50, ndumps - i) }, (_, k) => synth.dump(new Date(Date.UTC(2020, 0, 1 + i + k)), PER_DUMP).text)
        importAll(lib, batch, i)
      }
      // as the app does when idle after an import
      lib.mergeSearchIndex()
      lib.checkpoint()
    })
    const papers = lib.counts().total
    // mark some papers read and starred so the filters have something to do
    lib.db.exec('UPDATE papers SET read = 1 WHERE id % 3 = 0; UPDATE papers SET starred = 1 WHERE id % 17 = 0')
    log(`library of ${papers} papers built in ${ms(tGen / 1000)} s`)
    const [, tVocab] = time(() => catchUpVocabulary(lib.db))
    log(`  vocabulary built in ${ms(tVocab)} ms (${lib.db.prepare('SELECT count(*) FROM search_terms').pluck().get()} terms)`)
    const row = benchSearch(lib, papers, tVocab)
    out.search.push(row)
    log(`  p50 ${row.p50Ms} ms, p95 ${row.p95Ms} ms; typo recall@10 ${row.typoRecall}`)

    if (size === SIZES.at(-1)) {
      // catch-up after one more 60-paper dump
      // five more dumps, one at a time; the median is reported (a single import can land on an FTS5 merge)
      const runs = Array.from({ length: 5 }, (_, k) => {
        const d = synth.dump(new Date(Date.UTC(2030, 0, 1 + k)), PER_DUMP)
        const [, tI] = time(() => importAll(lib, [d.text], 99_999 + k))
        const [, tC] = time(() => catchUpVocabulary(lib.db))
        return { titles: d.titles, tI, tC }
      })
      const { titles } = runs.at(-1)!
      const tImport = median(runs.map((r) => r.tI))
      const tCatch = median(runs.map((r) => r.tC))
      const probe = typo(tokenize(titles[0]!).sort((a, b) => b.length - a.length)[0]!, rng(3))
      const found = searchPapers(lib, `${probe} ${tokenize(titles[0]!).slice(0, 2).join(' ')}`, { limit: 10 }).results.length > 0
      out.catchUp = { papers: PER_DUMP, libraryPapers: papers, importMs: ms(tImport), catchUpMs: ms(tCatch), totalMs: ms(tImport + tCatch), foundNewPaper: found }
      log(`  one more dump of ${PER_DUMP}: import ${ms(tImport)} ms + vocabulary catch-up ${ms(tCatch)} ms`)
      // first query after an app start: a new process opens the library and searches
      lib.close()
      const child = spawnSync(process.execPath, [process.argv[1]!, '--first-query', path], { encoding: 'utf8' })
      if (child.status !== 0) throw new Error(`first-query child failed: ${child.stderr}`)
      const fq = JSON.parse(child.stdout) as { openMs: number; queryMs: number; heapUsedBytes: number; rssBytes: number }
      out.firstQuery = { papers, openMs: ms(fq.openMs), queryMs: ms(fq.queryMs), totalMs: ms(fq.openMs + fq.queryMs) }
      out.memory = { papers, indexBytes: row.indexBytes, heapUsedBytes: fq.heapUsedBytes, rssBytes: fq.rssBytes }
      log(`  first query after opening (new process): open ${ms(fq.openMs)} ms + query ${ms(fq.queryMs)} ms`)
      lib = new Library(path)
    }
    benchPlainFuse(lib, row)
    log(`  plain fuse.js p95 ${row.plainFuseP95Ms} ms`)
    lib.close()
  }
  if (!quick) {
    const report = mainThreadBench()
    out.mainThread = report.mainThread
    out.coldOpen100kMs = report.coldOpen100kMs
    if (!json) console.log(`${mainThreadTable(report)}\n`)
  }
  if (!dirArg) rmSync(DIR, { recursive: true, force: true })
  out.keystrokeToResults = await benchKeystrokes(process.cwd(), SIZES, log)

  if (json) {
    process.stdout.write(`${JSON.stringify(out)}\n`)
    return
  }
  const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`
  const lines = [
    `Margin search benchmark — ${out.machine.cpus} cores, Node ${out.machine.node}, SQLite ${out.machine.sqlite}`,
    '',
    '| papers | p50 | p95 (target) | plain fuse.js p95 | speed-up | typo recall@10 (same query typed correctly) | typo first | typo corrected | vocabulary build | index size |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...out.search.map(
      (r) =>
        `| ${r.papers.toLocaleString('en')} | ${r.p50Ms} ms | ${r.p95Ms} ms (< ${r.papers < 50_000 ? 16 : 50} ms) | ${r.plainFuseP95Ms} ms${r.plainFuseNote ? ` (${r.plainFuseNote})` : ''} | ${r.speedup}× | ${(r.typoRecall * 100).toFixed(1)}% (${(r.exactRecall * 100).toFixed(1)}%) | ${(r.typoTop1 * 100).toFixed(1)}% | ${(r.typoCorrected * 100).toFixed(1)}% | ${r.vocabularyBuildMs} ms | ${mb(r.indexBytes)} |`,
    ),
    '',
    '| measure | result | target |',
    '|---|---:|---:|',
    ...importRows(out.import),
    ...(out.citationKeys
      ? [`| import ${out.citationKeys.papers.toLocaleString('en')} papers sharing one base key (the last is \`${out.citationKeys.lastSharedKey}\`) / with distinct keys | ${out.citationKeys.sharedBaseMs} ms / ${out.citationKeys.distinctBasesMs} ms | about equal |`]
      : []),
    ...(out.catchUp
      ? [`| import a ${out.catchUp.papers}-paper dump (median of 5) into ${out.catchUp.libraryPapers.toLocaleString('en')} papers + vocabulary catch-up | ${out.catchUp.importMs} + ${out.catchUp.catchUpMs} = ${out.catchUp.totalMs} ms | < 50 ms |`]
      : []),
    ...(out.firstQuery
      ? [`| first query after opening ${out.firstQuery.papers.toLocaleString('en')} papers (open + query) | ${out.firstQuery.openMs} + ${out.firstQuery.queryMs} = ${out.firstQuery.totalMs} ms | < 300 ms |`]
      : []),
    ...(out.memory
      ? [`| search index at ${out.memory.papers.toLocaleString('en')} papers (on disk, FTS5 + vocabulary; no in-memory index) | ${mb(out.memory.indexBytes)} | reported |`, `| memory of a process that opened ${out.memory.papers.toLocaleString('en')} papers and searched (JS heap / RSS) | ${mb(out.memory.heapUsedBytes)} / ${mb(out.memory.rssBytes)} | |`]
      : []),
    '',
    keystrokeTable(out.keystrokeToResults),
  ]
  console.log(lines.join('\n'))
}

/** The main process's event-loop delay while the backend works (tests/bench/main-thread-bench.ts). */
function mainThreadBench(): MainThreadReport {
  const dir = join(DIR, 'main-thread')
  mkdirSync(dir, { recursive: true })
  return benchMainThread({ dir, log })
}

// One scenario alone with its flag; all of them (the Chromium notes one unless --json) without.
const FOCUS_FLAGS = ['--notes', '--recommend', '--search', '--search-profile', '--main-thread', '--import']
const focused = FOCUS_FLAGS.some((f) => args.includes(f))
const mainThreadRun = args.indexOf('--main-thread-run')
if (mainThreadRun >= 0) {
  // the child that stands in for Electron's main process
  await runMainThreadChild(args[mainThreadRun + 1]!, args[mainThreadRun + 2]!)
} else if (args.includes('--main-thread')) {
  const report = mainThreadBench()
  if (!dirArg) rmSync(DIR, { recursive: true, force: true })
  console.log(json ? JSON.stringify({ mainThread: report.mainThread, coldOpen100kMs: report.coldOpen100kMs }) : mainThreadTable(report))
} else if (args.includes('--import')) {
  const report = importBench(loadBasePapers(FIXTURES))
  if (!dirArg) rmSync(DIR, { recursive: true, force: true })
  console.log(json ? JSON.stringify({ import: report }) : ['| measure | result | target |', '|---|---:|---:|', ...importRows(report)].join('\n'))
} else if (args.includes('--search-profile')) {
  // where a keystroke's time goes (tests/bench/search-profile.ts)
  await profileKeystrokes(process.cwd(), SIZES, log)
} else if (args.includes('--search')) {
  // keystroke to results in Chromium alone
  const keystrokeToResults = await benchKeystrokes(process.cwd(), SIZES, log)
  console.log(json ? JSON.stringify({ keystrokeToResults }) : keystrokeTable(keystrokeToResults))
} else if (!focused) await main()
// For you and Similar papers (tests/bench/recommend-bench.ts)
if (mainThreadRun < 0 && (args.includes('--recommend') || (!focused && !args.includes('--first-query')))) {
  const recommend = benchRecommend({ big: !quick })
  console.log(json ? JSON.stringify({ recommend }) : `\n${recommendTable(recommend)}`)
}
// The notes pane in Chromium (tests/bench/notes-bench.ts)
if (mainThreadRun < 0 && (args.includes('--notes') || (!focused && !args.includes('--first-query') && !json))) {
  const notes = await benchNotes(process.cwd())
  console.log(json ? JSON.stringify({ notes }) : `\n${notesTable(notes)}`)
}
