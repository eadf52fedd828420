/**
 * Large imports parse on a second core (src/main/library/parseAhead/parseAhead.ts, the built
 * out/main/parseWorker.js): the library they leave must be exactly the library the same import
 * leaves when it parses in its own thread, whatever the worker does, including not answering.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { type ImportInput, Library } from '../../src/main/library/library'
import { ImportBatch, PARSE_AHEAD_MIN_FILES } from '../../src/main/library/importBatch'
import { readImportFile } from '../../src/main/library/importFile'
import { ParseAhead } from '../../src/main/library/parseAhead/parseAhead'
import { DUMP_FILES, dumpBytes, entry, makeDump, utf8 } from '../helpers/fixtures'
import { API_DIR } from '../helpers/library'

const WORKER = join(__dirname, '..', '..', 'out', 'main', 'parseWorker.js')
const ARCHIVE = join(API_DIR, 'archive')

interface Input {
  path: string
  bytes: Uint8Array
  modifiedAt: Date
}

/**
 * Real dumps and API days, plus what an import meets: the same bytes twice, a file that is no dump,
 * a paper inserted by one file and given a longer abstract by a later one (its vector must be of
 * the longer text), and a day saved twice.
 */
function inputs(): Input[] {
  const when = new Date('2025-06-01T12:00:00Z')
  const files: Input[] = DUMP_FILES.map((path, i) => ({ path, bytes: dumpBytes(i), modifiedAt: when }))
  for (const name of readdirSync(API_DIR).filter((f) => f.endsWith('.json')).sort()) files.push({ path: name, bytes: readFileSync(join(API_DIR, name)), modifiedAt: when })
  for (const name of readdirSync(ARCHIVE).sort()) files.push({ path: name, bytes: readFileSync(join(ARCHIVE, name)), modifiedAt: when })
  const short = makeDump('Mar 3', [entry('Parsing Ahead on a Second Core', 'A short abstract.', '  • 2 authors\n·\nMar 1, 2025')])
  const long = makeDump('Mar 4', [
    entry('Parsing Ahead on a Second Core', 'A much longer abstract about pipelines, threads and import speed.', '  • 2 authors\n·\nMar 1, 2025'),
  ])
  files.push({ path: 'short.txt', bytes: utf8(short), modifiedAt: when })
  files.push({ path: 'png.txt', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), modifiedAt: when })
  files.push({ path: 'again.txt', bytes: dumpBytes(0), modifiedAt: when })
  files.push({ path: 'long.txt', bytes: utf8(long), modifiedAt: when })
  // the day saved again later, with one paper more
  const later = makeDump('Mar 3', [
    entry('Parsing Ahead on a Second Core', 'A short abstract.', '  • 2 authors\n·\nMar 1, 2025'),
    entry('Writing Behind on the First', 'Another paper of the same day.', '  • 1 author\n·\nMar 2, 2025'),
  ])
  files.push({ path: 'short-again.txt', bytes: utf8(later), modifiedAt: when })
  // a real API day whose abstracts hold what UTF-8 encoders may disagree on: a lone surrogate (JSON
  // may escape one), an emoji, accents, a NUL; the worker sends abstracts as UTF-8 bytes
  const day = JSON.parse(readFileSync(join(API_DIR, 'api_daily_papers_2024-05-27.json'), 'utf8')) as { title: string; paper: { title: string; summary: string } }[]
  const odd = ['A lone \ud800 surrogate, a rocket 🚀, Schrödinger’s naïve café.', 'Ends on a lone low surrogate \udc00', 'A NUL \u0000 inside, and 𝔐athematical letters.']
  odd.forEach((summary, i) => {
    // new papers (their abstracts are inserted); one key base only the import's thread can spell (ß → ss)
    day[i]!.title = day[i]!.paper.title = i === 0 ? 'Straße Odd Text' : `Odd Text ${i + 1}`
    day[i]!.paper.summary = summary
  })
  files.push({ path: 'odd-text.json', bytes: utf8(JSON.stringify(day)), modifiedAt: when })
  return files
}

/** Everything an import writes, without the clock's timestamps. */
function contents(lib: Library) {
  const all = (sql: string) => lib.db.prepare(sql).all()
  return {
    papers: all('SELECT * FROM papers ORDER BY id').map((p) => ({ ...(p as object), added_at: undefined })),
    // byte for byte (strings read back could hide two encodings of one text)
    text: all("SELECT id, typeof(abstract), hex(abstract), hex(title) FROM papers ORDER BY id"),
    appearances: all('SELECT * FROM appearances ORDER BY dump_id, position'),
    dumps: all('SELECT id, file_name, size, sha256, dump_date, entries, added, merged, warnings FROM dumps ORDER BY id'),
    files: all('SELECT sha256, dump_id, file_name, size, entries, added, merged, updated FROM dump_files ORDER BY dump_id, sha256'),
    vectors: all('SELECT paper_id, hex(terms) AS terms FROM paper_vectors ORDER BY paper_id'),
    keys: all('SELECT base, next FROM citation_key_next ORDER BY base'),
    index: all('SELECT rowid, title, abstract, org, note, tags, authors, ids FROM search_fts ORDER BY rowid'),
  }
}

function importAll(lib: Library, files: ImportInput[], chunkEntries: number, inFlightBytes?: number) {
  const batch = new ImportBatch(lib, { files: files.length, chunkEntries, inFlightBytes })
  try {
    for (const f of files) batch.add(f)
  } finally {
    batch.finish()
  }
  return batch.results
}

/** The abstracts among `papers` (rows of contents().papers). */
function abstractsOf(papers: object[]): string[] {
  return papers.map((p) => (p as { abstract: string }).abstract)
}

function tempLibrary(): Library {
  return new Library(join(mkdtempSync(join(tmpdir(), 'margin-parse-ahead-')), 'library.sqlite'))
}

describe('parsing ahead in a worker thread', () => {
  let files: Input[]
  let expected: { results: ReturnType<typeof importAll>; contents: ReturnType<typeof contents> }

  beforeAll(() => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` first (npm test does)`)
    files = inputs()
    expect(files.length).toBeGreaterThanOrEqual(PARSE_AHEAD_MIN_FILES)
    const here = tempLibrary()
    expect(here.parseAhead).toBeNull() // the sources' Library parses in its own thread
    expected = { results: importAll(here, files, 40), contents: contents(here) }
    here.close()
    // what the comparison is worth: every kind of file met, and the grown paper's vector
    const statuses = expected.results.map((r) => r.status)
    expect(statuses).toContain('imported')
    expect(statuses).toContain('updated')
    expect(statuses).toContain('already-imported')
    expect(statuses).toContain('failed')
    expect(expected.contents.papers.length).toBeGreaterThan(100)
    expect(expected.contents.vectors).toHaveLength(expected.contents.papers.length)
    const odd = abstractsOf(expected.contents.papers)
    expect(odd).toContain('A lone \ufffd surrogate, a rocket 🚀, Schrödinger’s naïve café.')
    expect(odd).toContain('A NUL \u0000 inside, and 𝔐athematical letters.')
    expect(expected.contents.papers).toContainEqual(expect.objectContaining({ title: 'Straße Odd Text', citation_key: 'strasse2024' }))
  })

  it.each([40, 500, 5000])('writes exactly what parsing here writes (transactions of %i entries)', (chunk) => {
    const lib = tempLibrary()
    lib.useParseWorker(WORKER)
    const results = importAll(lib, files, chunk)
    // (files the import's thread parsed itself while the worker started: all of them, if it is slow)
    expect(lib.parseAhead!.answered + lib.parseAhead!.claimed).toBe(files.length)
    expect(results).toEqual(expected.results)
    expect(contents(lib)).toEqual(expected.contents)
    const grown = lib.db.prepare("SELECT abstract FROM papers WHERE title = 'Parsing Ahead on a Second Core'").pluck().get()
    expect(grown).toMatch(/much longer/)
    lib.close()
  })

  it('with little room in flight (the batch waits for the worker as files are added), it writes the same', () => {
    const lib = tempLibrary()
    lib.useParseWorker(WORKER)
    const results = importAll(lib, files, 500, 64 * 1024)
    expect(lib.parseAhead!.answered + lib.parseAhead!.claimed).toBe(files.length)
    expect(results).toEqual(expected.results)
    expect(contents(lib)).toEqual(expected.contents)
    lib.close()
  })

  it('files imported before are hashed in the worker, not parsed, and come back as already imported', async () => {
    const here = tempLibrary()
    importAll(here, files, 500)
    const again = importAll(here, files, 500)
    here.close()
    const lib = tempLibrary()
    lib.useParseWorker(WORKER)
    importAll(lib, files, 500)
    const before = contents(lib)
    await vi.waitUntil(() => lib.parseAhead!.running, { timeout: 5000 })
    const { answered, claimed } = lib.parseAhead!
    expect(importAll(lib, files, 500)).toEqual(again)
    expect(again.every((r) => r.status === 'already-imported' || r.status === 'failed')).toBe(true)
    expect(lib.parseAhead!.answered - answered + lib.parseAhead!.claimed - claimed).toBe(files.length)
    // whichever thread took it, every file the library holds was hashed, not parsed: all but those
    // that are not dumps (a PNG, two Python printouts)
    expect(lib.parseAhead!.known).toBe(files.length - again.filter((r) => r.status === 'failed').length)
    expect(again.filter((r) => r.status === 'failed')).toHaveLength(3)
    expect(contents(lib)).toEqual(before)
    lib.close()
  })

  it('a batch of a few files parses in its own thread (no worker started)', () => {
    const lib = tempLibrary()
    lib.useParseWorker(WORKER)
    importAll(lib, files.slice(0, PARSE_AHEAD_MIN_FILES - 1), 5000)
    expect(lib.parseAhead!.answered).toBe(0)
    lib.close()
  })

  const broken = (source: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'margin-broken-worker-'))
    writeFileSync(join(dir, 'worker.mjs'), source)
    return join(dir, 'worker.mjs')
  }

  /** The real worker, started once the test writes the file `go`. */
  const startsWhenTold = () => {
    const go = join(mkdtempSync(join(tmpdir(), 'margin-slow-worker-')), 'go')
    const slow = broken(
      `import { existsSync } from 'node:fs'\nwhile (!existsSync(${JSON.stringify(go)})) await new Promise((resolve) => setTimeout(resolve, 20))\nawait import(${JSON.stringify(WORKER)})\n`,
    )
    return { slow, go }
  }

  /** The inputs written to files in a folder of their own, and read back as `margin import` reads them. */
  const onDisk = () => {
    const dir = mkdtempSync(join(tmpdir(), 'margin-parse-ahead-files-'))
    const paths = files.map((f, i) => join(dir, `${String(i).padStart(2, '0')}-${basename(f.path)}`))
    files.forEach((f, i) => writeFileSync(paths[i]!, f.bytes))
    return paths
  }

  it('files read as the CLI reads them are moved to the worker, not copied, and write the same library', () => {
    const paths = onDisk()
    const here = tempLibrary()
    const expectedHere = importAll(here, paths.map((p) => readImportFile(p)), 500)
    const wanted = contents(here)
    here.close()
    const lib = tempLibrary()
    lib.useParseWorker(WORKER)
    const inputs = paths.map((p) => readImportFile(p))
    expect(importAll(lib, inputs, 500)).toEqual(expectedHere)
    // moved: the caller's bytes are gone to the other thread
    expect(inputs.every((i) => i.bytes.byteLength === 0)).toBe(true)
    expect(contents(lib)).toEqual(wanted)
    lib.close()
  })

  it('a moved file parsed here after all (the worker still starting) is read again; one deleted meanwhile fails alone', () => {
    const paths = onDisk()
    const gone = 2
    const here = tempLibrary()
    const expectedHere = importAll(here, paths.filter((_, i) => i !== gone).map((p) => readImportFile(p)), 500)
    const wanted = contents(here)
    here.close()
    const lib = tempLibrary()
    lib.parseAhead = new ParseAhead(broken('await new Promise(() => {})\n')) // never starts
    const batch = new ImportBatch(lib, { files: paths.length, chunkEntries: 500 })
    for (const p of paths) batch.add(readImportFile(p))
    rmSync(paths[gone]!)
    const results = batch.finish()
    expect(lib.parseAhead.claimed).toBe(paths.length)
    expect(results[gone]).toMatchObject({ status: 'failed', code: 'notFound', error: 'no such file' })
    expect(results.filter((_, i) => i !== gone)).toEqual(expectedHere)
    expect(contents(lib)).toEqual(wanted)
    lib.close()
  })

  it('a worker slow to start: the import parses the files itself meanwhile rather than wait, and writes the same', async () => {
    const { slow, go } = startsWhenTold()
    const lib = tempLibrary()
    lib.parseAhead = new ParseAhead(slow)
    const results = importAll(lib, files, 500)
    expect(lib.parseAhead.claimed).toBe(files.length)
    expect(lib.parseAhead.waitedMs).toBe(0)
    expect(results).toEqual(expected.results)
    expect(contents(lib)).toEqual(expected.contents)
    // once it runs, the worker takes files too (this thread only those it would otherwise wait for:
    // all of them, when the worker is slow to reach its first); every file is taken once, known ones not parsed
    writeFileSync(go, '')
    await vi.waitUntil(() => lib.parseAhead!.running, { timeout: 5000 })
    importAll(lib, files, 500)
    expect(lib.parseAhead.answered + lib.parseAhead.claimed).toBe(2 * files.length)
    expect(lib.parseAhead.known).toBe(files.length - expected.results.filter((r) => r.status === 'failed').length)
    lib.close()
  })

  it('files this thread parsed itself are counted by the worker once it is free, and their vectors written by a later transaction', async () => {
    const { slow, go } = startsWhenTold()
    const lib = tempLibrary()
    lib.parseAhead = new ParseAhead(slow)
    // a transaction per file: the short paper's vector waits while a later file gives it its longer abstract
    const batch = new ImportBatch(lib, { files: files.length, chunkEntries: 1 })
    for (const f of files) batch.add(f)
    batch.write()
    const count = (table: string) => lib.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
    // every file parsed here while the worker could not start: written, their vectors not yet
    expect(lib.parseAhead.claimed).toBe(files.length)
    expect(count('papers')).toBe(expected.contents.papers.length)
    expect(count('paper_vectors')).toBeLessThan(count('papers'))
    writeFileSync(go, '')
    // once it runs, the worker counts the files it was sent and this thread took
    await vi.waitUntil(() => files.every((_, seq) => lib.parseAhead!.laterCounts(seq) !== undefined), { timeout: 10_000 })
    expect(batch.finish()).toEqual(expected.results)
    // (every file that parsed as a day: the worker counts before it knows which entries are new papers)
    expect(lib.parseAhead.countedLater).toBe(expected.results.filter((r) => r.dumpDate !== null).length)
    expect(contents(lib)).toEqual(expected.contents)
    lib.close()
  })

  it('papers waiting for their vectors are bounded: past the bound, this thread counts them', () => {
    const { slow } = startsWhenTold() // never told: the worker does not run during this import
    const lib = tempLibrary()
    lib.parseAhead = new ParseAhead(slow)
    const batch = new ImportBatch(lib, { files: files.length, chunkEntries: 1, vectorsWaiting: 10 })
    for (const f of files) batch.add(f)
    batch.write()
    const count = (table: string) => lib.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
    expect(count('papers') - count('paper_vectors')).toBe(10)
    // the last transaction counts what never came
    expect(batch.finish()).toEqual(expected.results)
    expect(contents(lib)).toEqual(expected.contents)
    lib.close()
  })

  it('a worker slower than the import: this thread parses the next files while the worker parses the one it waits for, and writes the same', async () => {
    // the real worker, 50 ms slower per file: each hash it starts (after it claimed the file) sleeps first
    const slowEach = broken(
      `import crypto from 'node:crypto'
import { syncBuiltinESMExports } from 'node:module'
const createHash = crypto.createHash
` +
        `crypto.createHash = (...a) => (Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50), createHash(...a))
` +
        `syncBuiltinESMExports()
await import(${JSON.stringify(WORKER)})
`,
    )
    const lib = tempLibrary()
    lib.parseAhead = new ParseAhead(slowEach)
    lib.parseAhead.tellKnown([]) // starts it
    await vi.waitUntil(() => lib.parseAhead!.running, { timeout: 5000 })
    const results = importAll(lib, files, 500)
    const { answered, claimed } = lib.parseAhead
    expect(answered + claimed).toBe(files.length)
    // waiting for a file the worker had, this thread parsed the ones after it instead
    expect(claimed).toBeGreaterThan(answered)
    expect(results).toEqual(expected.results)
    expect(contents(lib)).toEqual(expected.contents)
    lib.close()
  })

  it.each([
    ['never starts', 'setInterval(() => {}, 1000)\n'],
    ['cannot load', 'import "./no-such-module.mjs"\n'],
    [
      'dies on the first file',
      "import { workerData } from 'node:worker_threads'\nAtomics.store(workerData.signal, 1, 1)\nworkerData.port.on('message', () => process.exit(3))\n",
    ],
    [
      'answers wrongly',
      "import { workerData } from 'node:worker_threads'\nAtomics.store(workerData.signal, 1, 1)\nworkerData.port.on('message', (job) => { workerData.port.postMessage({ seq: job.seq, failed: 'no' }); Atomics.add(workerData.signal, 0, 1); Atomics.notify(workerData.signal, 0) })\n",
    ],
  ])('a worker that %s: the import parses here and writes the same library', (_, source) => {
    const lib = tempLibrary()
    lib.parseAhead = new ParseAhead(broken(source), { startMs: 300, answerMs: 300 })
    const results = importAll(lib, files, 500)
    expect(lib.parseAhead.answered).toBe(0)
    expect(results).toEqual(expected.results)
    expect(contents(lib)).toEqual(expected.contents)
    lib.close()
  })
})
