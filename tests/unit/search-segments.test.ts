/**
 * An import's search-index segments (src/main/library/searchIndex/indexer.ts): each transaction
 * writes one, unmerged, with FTS5's automatic merging back on before it commits; the app merges
 * them when idle, and the CLI once it is done. Whatever the segments, searches find the same papers.
 */
import Database from 'better-sqlite3'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Library } from '../../src/main/library/library'
import { DUMP_FILES, dumpBytes, entry, makeDump, utf8 } from '../helpers/fixtures'

/** The real dumps, then six days more of papers on the same subjects: each file a transaction of its own below. */
const inputs = () => [
  ...DUMP_FILES.map((path, i) => ({ path, bytes: dumpBytes(i) })),
  ...Array.from({ length: 6 }, (_, d) => ({
    path: `day-${d}.txt`,
    bytes: utf8(
      makeDump(`Mar ${d + 1}`, [
        entry(`Spiking Transformers for Vision, Part ${d}`, `A neural model of the visual cortex, learning from spikes (day ${d}).`),
        entry(`Brain-Scale Learning ${d}`, `Transformer models of the brain and what they learn (day ${d}).`),
      ]),
    ),
  })),
]
const QUERIES = ['learning', 'neural', 'brain', 'transformer', 'spiking', 'model', 'cortex', 'vision']

function tempLibrary(): Library {
  return new Library(join(mkdtempSync(join(tmpdir(), 'margin-segments-')), 'library.sqlite'))
}

/** The index's segments, its merge setting, and what each query finds. */
function state(lib: Library) {
  const found = lib.db.prepare('SELECT group_concat(rowid) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid)').pluck()
  return {
    segments: lib.db.prepare('SELECT count(DISTINCT segid) FROM search_fts_idx').pluck().get() as number,
    automerge: lib.db.prepare("SELECT v FROM search_fts_config WHERE k = 'automerge'").pluck().get(),
    found: QUERIES.map((q) => found.get(q)),
  }
}

describe("an import's search-index segments", () => {
  it('are written one per transaction and left unmerged, automerge back on; merging later finds the same papers', () => {
    const lib = tempLibrary()
    lib.importDumps(inputs(), { chunkEntries: 1, vocabulary: 'later' })
    const before = state(lib)
    expect(before.segments).toBeGreaterThanOrEqual(4)
    expect(before.automerge).toBe(4)
    expect(before.found.every((ids) => typeof ids === 'string' && ids.length > 0)).toBe(true)
    expect(lib.mergeSearchIndex()).toBe(true)
    const after = state(lib)
    expect(after.segments).toBeLessThan(before.segments)
    expect(after.found).toEqual(before.found)
    expect(() => lib.db.exec("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')")).not.toThrow()
    // nothing left to merge: a no-op
    expect(lib.mergeSearchIndex()).toBe(true)
    expect(state(lib)).toEqual(after)
    lib.close()
  })

  it('are not merged during the import: it writes exactly what it writes with merging off for good', () => {
    // enough text for FTS5 to start merging: six days of 300 papers, each a transaction
    let seed = 7
    const word = () => `w${((seed = (seed * 48271) % 2147483647) % 5000).toString(36)}`
    const days = Array.from({ length: 6 }, (_, d) => ({
      path: `big-${d}.txt`,
      bytes: utf8(makeDump(`Apr ${d + 1}`, Array.from({ length: 300 }, (_, i) => entry(`Paper ${d} ${i} ${word()} ${word()}`, Array.from({ length: 80 }, word).join(' ') + '.')))),
    }))
    // what the import writes, counted in rows (FTS5's own tables included)
    const writes = (lib: Library) => {
      const changes = lib.db.prepare('SELECT total_changes()').pluck()
      const before = changes.get() as number
      lib.importDumps(days, { chunkEntries: 1, vocabulary: 'later' })
      return (changes.get() as number) - before
    }
    const never = tempLibrary()
    never.db.exec("INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 0)")
    const lib = tempLibrary()
    expect(writes(lib)).toBe(writes(never))
    expect(state(lib).found).toEqual(state(never).found)
    // each keeps its own setting
    expect([state(lib).automerge, state(never).automerge]).toEqual([4, 0])
    lib.close()
    never.close()
  })

  it('are merged at the end of an import that does not leave its upkeep for later (the CLI)', () => {
    const later = tempLibrary()
    later.importDumps(inputs(), { chunkEntries: 1, vocabulary: 'later' })
    const now = tempLibrary()
    now.importDumps(inputs(), { chunkEntries: 1 })
    expect(state(now).segments).toBeLessThan(state(later).segments)
    expect(state(now).found).toEqual(state(later).found)
    later.close()
    now.close()
  })

  it('a merge that meets another writer gives up at once (wait: false) and leaves the index as it was', () => {
    const lib = tempLibrary()
    lib.importDumps(inputs(), { chunkEntries: 1, vocabulary: 'later' })
    const before = state(lib)
    const other = new Database(lib.db.name)
    other.exec('BEGIN IMMEDIATE')
    expect(lib.mergeSearchIndex({ wait: false })).toBe(false)
    other.exec('ROLLBACK')
    other.close()
    expect(state(lib)).toEqual(before)
    expect(lib.mergeSearchIndex({ wait: false })).toBe(true)
    expect(state(lib).segments).toBeLessThan(before.segments)
    lib.close()
  })
})
