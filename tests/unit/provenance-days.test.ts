/** The reader's provenance (src/renderer/src/lib/provenance.ts) and what an update of a day says (lib/format.ts). */
import { describe, expect, it } from 'vitest'
import type { ImportResult } from '../../src/shared/contract/shapes/library'
import { importMessage } from '../../src/renderer/src/lib/format'
import { chipDay, provenanceDays } from '../../src/renderer/src/lib/provenance'
import { toastForResult } from '../../src/renderer/src/lib/toasts'

describe('provenance by day', () => {
  it('is one entry per day, oldest first, with the best count and every file (a library from before dumps were days)', () => {
    const days = provenanceDays([
      { dumpDate: '2025-11-20', fileName: 'a.txt', upvotes: 12 },
      { dumpDate: '2024-12-31', fileName: 'old.txt', upvotes: null },
      { dumpDate: '2025-11-20', fileName: 'a-crlf.txt', upvotes: 30 },
      { dumpDate: '2025-11-20', fileName: 'a-morning.json', upvotes: 9 },
    ])
    expect(days).toEqual([
      { day: '2024-12-31', upvotes: null, files: ['old.txt'] },
      { day: '2025-11-20', upvotes: 30, files: ['a.txt', 'a-crlf.txt', 'a-morning.json'] },
    ])
  })

  it('dates a chip with its year', () => {
    expect(chipDay('2025-11-20')).toBe('20 Nov 2025')
    expect(chipDay('2024-12-31')).toBe('31 Dec 2024')
    expect(chipDay('2026-01-01')).toBe('1 Jan 2026')
  })
})

describe('a day updated by a later file', () => {
  const updated: ImportResult = {
    path: 'evening.json',
    status: 'updated',
    dumpDate: '2025-10-03',
    papers: 39,
    added: 1,
    merged: 1,
    updated: 3,
    warnings: [],
    error: null,
  }
  it('says what the file added and raised, in an ok toast', () => {
    expect(importMessage(updated)).toMatch(/^Updated the dump of .*2025: 2 papers added \(1 new\), 3 with newer upvotes or details$/)
    expect(importMessage({ ...updated, added: 0, merged: 0 })).toMatch(/2025: 3 with newer upvotes or details$/)
    expect(toastForResult(updated, 1).tone).toBe('ok')
  })
})
