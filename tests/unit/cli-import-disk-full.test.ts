/**
 * A disk that fills up in the middle of `margin import`: the command exits 74 (EX_IOERR, not 65 "bad
 * data"), says "the disk is full" on stderr, and the library is sound and all-or-nothing per file.
 * A real tmpfs where this machine lets the test mount one (root); everywhere, the same import through
 * the CLI's own ImportBatch and exit-status table on a library capped by SQLite's max_page_count.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importExitCode } from '../../src/main/cli/commands/import'
import { EXIT } from '../../src/main/cli/exitCodes'
import { ImportBatch } from '../../src/main/library/importBatch'
import { Library } from '../../src/main/library/library'
import { MARGIN_BIN, requireBuiltCli } from '../helpers/cli'
import { DUMP_FILES, entry, makeDump } from '../helpers/fixtures'

let dir: string
const SLOW = { timeout: 120_000 }
const STACK = /^\s+at .+[:(]/m

/** Dumps of `papers` papers each with long abstracts (about 1.2 KB a paper), distinct per `seed`. */
function bigDumps(count: number, papers: number): string[] {
  const files: string[] = []
  for (let d = 0; d < count; d++) {
    const entries = Array.from({ length: papers }, (_, i) =>
      entry(`Scaling study ${d}-${i}: sparse mixtures of experts for dump ${d}`, `We measure how routing quality ${d} ${i} changes. `.repeat(24), '  • 3 authors\n·\nMar 1, 2026'),
    )
    const path = join(dir, `big-${d}.txt`)
    writeFileSync(path, makeDump(`Mar ${d + 2}`, entries))
    files.push(path)
  }
  return files
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'margin-import-full-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('a disk that fills up during an import', () => {
  it('(a real tmpfs) `margin import` exits 74 saying the disk is full; the library stays sound', SLOW, (ctx) => {
    requireBuiltCli()
    const mnt = join(dir, 'mnt')
    mkdirSync(mnt)
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt], { stdio: 'ignore' })
    } catch {
      return ctx.skip() // not root: the max_page_count case below covers the same path
    }
    try {
      const lib = join(mnt, 'library.sqlite')
      const run = (...args: string[]) => spawnSync(process.execPath, [MARGIN_BIN, '--library', lib, ...args], { encoding: 'utf8', timeout: 60_000 })
      expect(run('import', DUMP_FILES[0]!).status).toBe(0)
      // leave about 1 MB: enough to open the library for writing (its WAL, the day's backup), too little for 3 MB of papers
      const free = statfsSync(mnt).bavail * statfsSync(mnt).bsize
      writeFileSync(join(mnt, 'fill'), Buffer.alloc(Math.max(0, free - 1024 * 1024)))
      const r = run('import', ...bigDumps(6, 400))
      expect(r.status, r.stderr).toBe(EXIT.ioErr)
      expect(r.stderr).toMatch(/the disk is full/)
      expect(r.stderr).not.toMatch(STACK)
      expect(r.stdout).toMatch(/failed: The disk is full/)
      // sound, and still holding the first import
      rmSync(join(mnt, 'fill'))
      const db = new Database(lib, { readonly: true })
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(db.prepare('SELECT count(*) FROM papers').pluck().get()).toBeGreaterThanOrEqual(30)
      db.close()
    } finally {
      execFileSync('umount', [mnt])
    }
  })

  it('(max_page_count) the batch records diskFull, and the exit status is 74', () => {
    const lib = new Library(join(dir, 'capped.sqlite'))
    const batch = new ImportBatch(lib, { chunkEntries: 400 })
    lib.db.pragma(`max_page_count = ${(lib.db.pragma('page_count', { simple: true }) as number) + 150}`)
    const files = bigDumps(4, 400)
    try {
      for (const path of files) batch.add({ path, bytes: readFileSync(path), modifiedAt: new Date() })
    } finally {
      batch.finish()
    }
    const failed = batch.results.filter((r) => r.status === 'failed')
    expect(failed.length).toBeGreaterThan(0)
    expect(failed.every((r) => r.code === 'diskFull' && /disk is full/.test(r.error ?? ''))).toBe(true)
    expect(importExitCode(batch.results)).toBe(EXIT.ioErr)
    // a file that was not a dump beside them does not hide the full disk; alone it is 65
    expect(importExitCode([...batch.results, { ...failed[0]!, code: undefined }])).toBe(EXIT.ioErr)
    expect(importExitCode([{ ...failed[0]!, code: undefined }])).toBe(EXIT.dataErr)
    expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok')
    lib.close()
  })
})
