/**
 * Citation keys come from a per-base counter (O(log n) per paper) but must be exactly the keys the
 * first-free rule gives (freeKey: the first of base, basea, baseb, … that no paper holds), also
 * after keys were renamed away (a freed slot is given again), renamed onto a future slot (skipped),
 * and when one base's keys fall in another's range (`x2024ab` is `x2024a` + `b`).
 */
import { describe, expect, it } from 'vitest'
import { baseCitationKey, freeKey, suffix, suffixIndex } from '../../src/main/library/citationKeys'
import { Library } from '../../src/main/library/library'
import { rng } from '../bench/synth'
import { entry, makeDump, utf8 } from '../helpers/fixtures'

const keyOf = (lib: Library, title: string) =>
  lib.db.prepare('SELECT citation_key FROM papers WHERE title = ?').pluck().get(title) as string

describe('per-base key counters', () => {
  it('suffixIndex inverts suffix', () => {
    for (const n of [0, 1, 2, 25, 26, 27, 52, 701, 702, 703, 18277, 18278]) expect(suffixIndex(suffix(n))).toBe(n)
  })

  it('give exactly the first free key, through renames and overlapping bases', () => {
    const lib = new Library(':memory:')
    const rand = rng(11)
    // one organisation and title words that extend each other: base xo2024deeper is base
    // xo2024deep + "er", so each one's keys fall in the other's range
    const words = ['Deep', 'Deeper', 'Deepest', 'Graph']
    let n = 0
    for (let round = 0; round < 40; round++) {
      const titles = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => `${words[Math.floor(rand() * words.length)]} paper ${n++}`)
      const bytes = utf8(makeDump('Apr 20', titles.map((t) => entry(t, 'An abstract.', 'xo XO Lab\n·\nJan 5, 2024'))))
      // the keys the first-free rule gives, computed on the library before the import writes them
      const prepared = lib.prepareDump({ path: `round-${round}.txt`, bytes })
      const expected: string[] = []
      lib.db.exec('SAVEPOINT probe')
      for (const e of prepared.dump!.entries) {
        const key = freeKey(lib.db, baseCitationKey({ title: e.title, orgHandle: e.org?.handle ?? null, publishedAt: e.publishedAt, firstSeen: prepared.dump!.dumpDate }))
        expected.push(key)
        // hold the key, as the import will, so the next title sees it taken
        lib.db
          .prepare("INSERT INTO papers (title, title_key, first_seen, last_seen, added_at, citation_key) VALUES (?, ?, '', '', '', ?)")
          .run(key, `probe ${key}`, key)
      }
      lib.db.exec('ROLLBACK TO probe; RELEASE probe')
      // every round is the same page day: the first creates it, the others add their papers to it
      expect(lib.writeDumps([prepared])[0]!.status).toBe(round === 0 ? 'imported' : 'updated')
      expect(titles.map((t) => keyOf(lib, t)), `round ${round}`).toEqual(expected)
      expect(expected.every((k) => k.startsWith('xo2024'))).toBe(true)

      // now and then the user renames a key: away (its slot is free again) or onto a later slot
      if (round % 3 === 2) {
        const ids = lib.db.prepare('SELECT id FROM papers ORDER BY id').pluck().all() as number[]
        const id = ids[Math.floor(rand() * ids.length)]!
        const target = rand() < 0.5 ? `renamed${round}` : `xo2024deep${suffix(3 + Math.floor(rand() * 12))}`
        try {
          lib.setCitationKey(id, target)
        } catch {
          // taken already: refused, nothing changes
        }
      }
    }
    lib.close()
  })
})
