/**
 * "For you" and "Similar papers" in `npm run bench` (alone: `npm run bench -- --recommend`):
 *   - quality on the real archive of Daily Papers (tests/fixtures/recommend, ~9,600 papers): for each
 *     topic (papers whose title holds a phrase), star all but two of its papers and mark every starred
 *     paper read; where do the two held back rank among the unread? precision@10 (the share of the
 *     top ten that are the topic's papers, ten being the most the two can fill… so: hits in the top 10
 *     over min(10, held back)) and recall@10 of the held-back two, beside "newest first";
 *   - the share of import time the vectors take (the archive imported with and without them);
 *   - at ~100,000 papers (the archive imported ten times under other titles): loading the vectors,
 *     a retrain after one more star, ranking every unread paper, and "Similar papers".
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { Library } from '../../src/main/library/library'
import { Recommender } from '../../src/main/recommend/recommender'

interface ArchiveDay {
  file: string
  entries: { paper: { title: string } & Record<string, unknown> }[]
}

export const TOPICS = ['spiking', 'diffusion', 'reinforcement learning', 'video generation', 'text-to-speech', 'mixture-of-experts', 'gaussian splatting', 'code generation', 'retrieval', 'robot']

const enc = new TextEncoder()

export function loadArchive(): ArchiveDay[] {
  return JSON.parse(gunzipSync(readFileSync(resolve(process.cwd(), 'tests/fixtures/recommend/daily-papers-archive.json.gz'))).toString('utf8')) as ArchiveDay[]
}

function inputs(days: ArchiveDay[], copy = 0) {
  return days.map((d) => ({
    path: copy ? `copy${copy}-${d.file}` : d.file,
    bytes: enc.encode(JSON.stringify(copy ? d.entries.map((e) => ({ ...e, paper: { ...e.paper, title: `${e.paper.title} (${copy})` } })) : d.entries)),
  }))
}

const ms = (x: number) => Math.round(x * 10) / 10
function time<T>(fn: () => T): [T, number] {
  const t = performance.now()
  const r = fn()
  return [r, performance.now() - t]
}

export interface QualityRow {
  topic: string
  papers: number
  forYouHits: number
  newestHits: number
  ranks: number[]
}

/** Held-back ranks per topic on a library holding the archive. */
export function quality(lib: Library): { rows: QualityRow[]; forYouP10: number; newestP10: number; forYouR10: number; newestR10: number } {
  const all = lib.listPapers({ sort: 'date' })
  const rows: QualityRow[] = []
  for (const topic of TOPICS) {
    const members = all.filter((p) => p.title.toLowerCase().includes(topic)).map((p) => p.id)
    if (members.length < 5) continue
    // held back: two spread through the topic's papers (newest-first order), the rest starred and read
    const held = [members[Math.floor(members.length / 3)]!, members[Math.floor((2 * members.length) / 3)]!]
    const starred = members.filter((id) => !held.includes(id))
    lib.setRead(all.map((p) => p.id), false)
    lib.setStarred(all.map((p) => p.id), false)
    lib.setStarred(starred, true)
    lib.setRead(starred, true)
    const rec = new Recommender(lib)
    const ranked = rec.forYou().ids
    const newest = lib.viewIds('unread', 'date')
    const hits = (ids: number[]) => ids.slice(0, 10).filter((id) => members.includes(id)).length
    rows.push({ topic, papers: members.length, forYouHits: hits(ranked), newestHits: hits(newest), ranks: held.map((id) => ranked.indexOf(id) + 1) })
  }
  lib.setStarred(all.map((p) => p.id), false)
  lib.setRead(all.map((p) => p.id), false)
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)
  return {
    rows,
    // the top ten holds at most the two held back plus any topic papers left unread (none: all starred are read)
    forYouP10: avg(rows.map((r) => r.forYouHits / 10)),
    newestP10: avg(rows.map((r) => r.newestHits / 10)),
    forYouR10: avg(rows.map((r) => r.forYouHits / 2)),
    newestR10: avg(rows.map((r) => r.newestHits / 2)),
  }
}

export function benchRecommend(options: { big?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'margin-recommend-'))
  try {
    const archive = loadArchive()
    // import share: alternate with / without vectors, three rounds each, medians
    const withV: number[] = []
    const withoutV: number[] = []
    // CPU time of the process too (the wall clock of a loaded machine swings by more than the vectors cost)
    const cpuWith: number[] = []
    const cpuWithout: number[] = []
    for (let round = 0; round < 3; round++) {
      for (const vectors of [true, false]) {
        const path = join(dir, `import-${round}-${vectors}.sqlite`)
        const lib = new Library(path)
        lib.vectors = vectors
        const cpu = process.cpuUsage()
        const [, t] = time(() => lib.importDumps(inputs(archive), { vocabulary: 'later' }))
        const used = process.cpuUsage(cpu)
        ;(vectors ? withV : withoutV).push(t)
        ;(vectors ? cpuWith : cpuWithout).push((used.user + used.system) / 1000)
        lib.close()
        for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true })
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    const lib = new Library(join(dir, 'archive.sqlite'))
    lib.importDumps(inputs(archive), { vocabulary: 'later' })
    const papers = lib.counts().total
    const q = quality(lib)
    lib.close()

    let big: { papers: number; loadMs: number; matrixMs: number; firstRankMs: number; afterStarMs: number; rankOnlyMs: number; retrainMs: number; reasonsMs: number; similarMs: number } | null = null
    if (options.big !== false) {
      const bigLib = new Library(join(dir, 'big.sqlite'))
      for (let copy = 0; copy < 10; copy++) bigLib.importDumps(inputs(archive, copy), { vocabulary: 'later' })
      const total = bigLib.counts().total
      const ids = bigLib.viewIds('all', 'date')
      bigLib.setStarred(ids.filter((_, i) => i % 500 === 0), true)
      const rec = new Recommender(bigLib)
      const [, loadMs] = time(() => rec.refresh())
      const [, matrixMs] = time(() => rec.matrix())
      const [, firstRankMs] = time(() => rec.forYou())
      // one more star: what the app does next
      const star = ids[12345]!
      bigLib.setStarred([star], true)
      const [ranked, afterStarMs] = time(() => rec.forYou())
      const [, reasonsMs] = time(() => rec.reasons(ranked.ids.slice(0, 50)))
      const [, similarMs] = time(() => rec.similar(ids[777]!))
      // the retrain alone (ranking without it: the model is cached)
      const [, rankOnlyMs] = time(() => rec.forYou())
      big = { papers: total, loadMs: ms(loadMs), matrixMs: ms(matrixMs), firstRankMs: ms(firstRankMs), afterStarMs: ms(afterStarMs), rankOnlyMs: ms(rankOnlyMs), retrainMs: ms(afterStarMs - rankOnlyMs), reasonsMs: ms(reasonsMs), similarMs: ms(similarMs) }
      bigLib.close()
    }
    return {
      papers,
      importWithVectorsMs: ms(median(withV)),
      importWithoutVectorsMs: ms(median(withoutV)),
      vectorShare: Math.round(((median(withV) - median(withoutV)) / median(withV)) * 1000) / 10,
      importCpuWithMs: ms(median(cpuWith)),
      importCpuWithoutMs: ms(median(cpuWithout)),
      vectorCpuShare: Math.round(((median(cpuWith) - median(cpuWithout)) / median(cpuWith)) * 1000) / 10,
      quality: q,
      big,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export function recommendTable(r: ReturnType<typeof benchRecommend>): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`
  const lines = [
    `### For you and Similar papers (real archive, ${r.papers.toLocaleString('en')} papers)`,
    '',
    '| topic (title holds) | papers | held-back ranks (For you) | top-10 hits For you / newest first |',
    '|---|---:|---:|---:|',
    ...r.quality.rows.map((q) => `| ${q.topic} | ${q.papers} | ${q.ranks.join(', ')} | ${q.forYouHits} / ${q.newestHits} |`),
    '',
    '| measure | result | target |',
    '|---|---:|---:|',
    `| precision@10 over ${r.quality.rows.length} topics (held-back two among the unread): For you / newest first | ${pct(r.quality.forYouP10)} / ${pct(r.quality.newestP10)} | beats newest first |`,
    `| recall@10 of the held-back two: For you / newest first | ${pct(r.quality.forYouR10)} / ${pct(r.quality.newestR10)} | |`,
    `| import of the archive with / without vectors (median of 3) | ${r.importWithVectorsMs} / ${r.importWithoutVectorsMs} ms: vectors ${r.vectorShare}% of import time | < 20% |`,
    `| … the same imports' CPU time (user + system, median of 3) | ${r.importCpuWithMs} / ${r.importCpuWithoutMs} ms: vectors ${r.vectorCpuShare}% | < 20% |`,
  ]
  if (r.big) {
    const b = r.big
    lines.push(
      `| ${b.papers.toLocaleString('en')} papers: load vectors from SQLite; build the tf-idf matrix (once per import) | ${b.loadMs} ms; ${b.matrixMs} ms | |`,
      `| … after one more star: retrain + rank every unread paper | ${b.afterStarMs} ms (retrain ${b.retrainMs} ms, ranking ${b.rankOnlyMs} ms) | < 100 ms ranking, < 200 ms retrain |`,
      `| … reasons for a page of 50; Similar papers (5 nearest) | ${b.reasonsMs} ms; ${b.similarMs} ms | |`,
    )
  }
  return lines.join('\n')
}
