/**
 * How a parsed file crosses from the parsing thread to the import's thread
 * (src/main/library/parseAhead/packing.ts): unpacked, it is the file as parsed, field for field,
 * null and absent alike, for every real dump and API day.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ImportedEntry } from '../../src/main/dump/hfApi'
import { parseImport } from '../../src/main/dump/parseImport'
import type { ParsedImport } from '../../src/main/dump/parseTextImport'
import { packFile, unpackFile } from '../../src/main/library/parseAhead/packing'
import { keyBaseWith } from '../../src/main/library/citationKeyBase'
import { titleKey } from '../../src/main/library/titleKey'
import { DUMP_FILES, dumpBytes } from '../helpers/fixtures'
import { API_DIR } from '../helpers/library'

function roundTrip(parsed: ParsedImport): void {
  const keys = parsed.entries.map((e) => titleKey(e.title))
  // null where a letter needs its LaTeX name (as in the parsing thread)
  const bases = parsed.entries.map((e) => keyBaseWith({ title: e.title, orgHandle: e.org?.handle ?? null, publishedAt: e.publishedAt, firstSeen: parsed.dumpDate }, () => null))
  const packed = packFile(parsed, { titleKeys: keys, keyBases: bases })
  // what postMessage does to it: the string copied, the arrays moved
  const { parsed: back, titleKeys, keyBases } = unpackFile(structuredClone(packed, { transfer: [packed.lengths.buffer, packed.numbers.buffer] }))
  expect(back).toStrictEqual(parsed)
  expect(titleKeys).toEqual(keys)
  expect(keyBases).toEqual(bases)
}

const when = new Date('2025-06-01T12:00:00Z')

describe('a parsed file, packed and unpacked', () => {
  it('is every real dump as parsed', () => {
    DUMP_FILES.forEach((path, i) => {
      const parsed = parseImport({ path, bytes: dumpBytes(i), modifiedAt: when })
      if ('refused' in parsed) throw new Error(`${path}: ${parsed.refused}`)
      expect(parsed.entries.length).toBeGreaterThan(0)
      roundTrip(parsed)
    })
  })

  it('is every API day as parsed (arXiv ids and authors included)', () => {
    const names = readdirSync(API_DIR).filter((f) => f.endsWith('.json'))
    let withAuthors = 0
    for (const name of names) {
      const parsed = parseImport({ path: name, bytes: readFileSync(join(API_DIR, name)), modifiedAt: when })
      if ('refused' in parsed) continue
      withAuthors += parsed.entries.filter((e) => e.authors?.length).length
      roundTrip(parsed)
    }
    expect(withAuthors).toBeGreaterThan(0)
  })

  it('keeps null apart from absent, empty strings, empty author lists and any character', () => {
    const base: ImportedEntry = {
      title: 'T',
      abstract: '',
      authorsCount: null,
      org: null,
      publishedAt: null,
      publishedExplicit: false,
      upvotes: null,
      line: 1,
      truncated: false,
    }
    roundTrip({
      dumpDate: '2025-03-04',
      warnings: ['line 2: skipped "\u0000"', ''],
      entries: [
        base,
        { ...base, title: 'Ünïcødé 🚀 \u0000 NUL', abstract: 'α'.repeat(300), authorsCount: 0, upvotes: 0, arxivId: null, authors: null },
        { ...base, org: { handle: 'h', name: '' }, publishedAt: '2025-03-01', publishedExplicit: true, arxivId: '2503.01234', authors: [] },
        { ...base, authorsCount: 3, upvotes: 1234, line: 99, truncated: true, authors: ['A', '', 'Zoë'] },
        // strings longer than a piece of the packed text, and empty ones around them
        { ...base, title: 'x'.repeat(40_000), abstract: '', arxivId: 'é'.repeat(16 * 1024) },
        { ...base, title: '', abstract: 'y'.repeat(16 * 1024 - 1), authors: ['', 'z'.repeat(70_000), ''] },
      ],
    })
  })
})
