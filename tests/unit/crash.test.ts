/**
 * `margin import` killed at a random moment (SIGKILL: no cleanup of any kind, as when the machine
 * loses power or the user kills the terminal). Each time the library file is sound, each file is
 * in it whole or not at all, and importing the same files again completes it to exactly the
 * library an uninterrupted import gives (same papers, same ids, same citation keys).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Library } from '../../src/main/library/library'
import { requireBuiltCli } from '../helpers/cli'
import { DUMP_FILES } from '../helpers/fixtures'
import { CONSISTENT, consistency, startMargin, writeSynthDumps } from '../helpers/sharedLibrary'

const KILLS = 20

let dir: string
beforeAll(() => {
  requireBuiltCli()
  dir = mkdtempSync(join(tmpdir(), 'margin-crash-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** What an import decides: every paper with its id, identity and citation key, and the dumps. */
function content(db: Database.Database) {
  return {
    papers: db.prepare('SELECT id, title_key, citation_key, first_seen, last_seen FROM papers ORDER BY id').raw().all(),
    dumps: db.prepare('SELECT sha256, entries, added, merged FROM dumps ORDER BY id').raw().all(),
    appearances: db.prepare('SELECT count(*) FROM appearances').pluck().get(),
  }
}

describe('margin import killed at random moments', () => {
  it(`leaves a sound library that a re-import completes (${KILLS} kills)`, async () => {
    // the three real dumps and 25 synthetic ones: ~1,650 entries (the import transaction), then the
    // vocabulary and the checkpoint on close. (Several transactions per import, and a failed one
    // rolled back alone, are tested in library-import.test.ts.)
    const files = [...DUMP_FILES, ...writeSynthDumps(join(dir, 'dumps'), 25)]
    const inputs = () => files.map((path) => ({ path, bytes: readFileSync(path) }))

    // the uninterrupted import, and how long one takes here (the kills land anywhere in it)
    const refPath = join(dir, 'reference.sqlite')
    const started = performance.now()
    const full = await startMargin(refPath, 'import', ...files).done
    const duration = performance.now() - started
    expect(full.code).toBe(0)
    const refDb = new Database(refPath, { readonly: true })
    const reference = content(refDb)
    refDb.close()

    const outcomes: string[] = []
    for (let k = 0; k < KILLS; k++) {
      const path = join(dir, `killed-${k}.sqlite`)
      const delay = Math.round(Math.random() * duration * 1.1)
      const child = startMargin(path, 'import', ...files)
      await sleep(delay)
      child.kill('SIGKILL')
      const r = await child.done
      const where = `kill ${k} after ${delay} ms (${r.signal ?? `exited ${r.code}`})`

      // the file as the kill left it (maybe before its schema was even written)
      const raw = new Database(path)
      expect(raw.pragma('integrity_check', { simple: true }), where).toBe('ok')
      raw.close()
      // opened as the next run opens it: every file whole or absent
      const lib = new Library(path)
      const after = consistency(lib.db)
      expect(after, where).toMatchObject(CONSISTENT)
      outcomes.push(`${after.papers}`)

      // the same files again: the ones already in are recognised, the rest are imported
      const results = lib.importDumps(inputs(), { vocabulary: 'later' })
      expect(results.filter((x) => x.status === 'failed'), where).toEqual([])
      expect(content(lib.db), where).toEqual(reference)
      expect(consistency(lib.db), where).toMatchObject(CONSISTENT)
      lib.close()
      rmSync(path, { force: true })
    }
    // papers found after each kill (0 when killed before the first commit), for the log
    console.log(`crash test: import ${Math.round(duration)} ms; papers after each kill: ${outcomes.join(' ')}`)
  }, 180_000)
})
