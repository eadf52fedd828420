/** What the window says after an import (src/renderer/src/lib/toasts.ts, lib/format.ts). */
import { describe, expect, it } from 'vitest'
import type { ImportResult } from '../../src/shared/contract/shapes/library'
import { toastsForResults } from '../../src/renderer/src/lib/toasts'
import { importSummary } from '../../src/renderer/src/lib/format'

const result = (path: string, over: Partial<ImportResult>): ImportResult => ({
  path,
  status: 'imported',
  dumpDate: '2026-04-20',
  papers: 10,
  added: 10,
  updated: 0,
  merged: 0,
  warnings: [],
  error: null,
  ...over,
})

describe('import toasts', () => {
  it('are one per file for a few files', () => {
    let id = 0
    const toasts = toastsForResults([result('a.txt', {}), result('b.txt', { status: 'failed', error: 'Not a Daily Papers dump: it is an image' })], () => ++id)
    expect(toasts.map((t) => [t.title, t.tone])).toEqual([
      ['a.txt', 'ok'],
      ['b.txt', 'error'],
    ])
  })

  it('sum up a big import in one toast, and keep one per failed file', () => {
    let id = 0
    const results = [
      ...Array.from({ length: 40 }, (_, i) => result(`${i}.txt`, { added: 50, merged: 10, papers: 60, warnings: i === 3 ? ['line 7: cut off'] : [] })),
      result('old.txt', { status: 'already-imported', added: 0 }),
      result('photo.png', { status: 'failed', error: 'Not a Daily Papers dump: it is an image', dumpDate: null }),
    ]
    const toasts = toastsForResults(results, () => ++id)
    expect(toasts.map((t) => [t.title, t.tone])).toEqual([
      ['41 files imported', 'ok'],
      ['photo.png', 'error'],
    ])
    expect(toasts[0]!.body).toBe('2,000 new papers, 400 already in the library; 1 file imported before')
    expect(toasts[0]!.detail).toBe('Lines skipped in 1 file:\n3.txt: 1 line')
    expect(new Set(toasts.map((t) => t.id)).size).toBe(2)
  })

  it('say when nothing was new', () => {
    const again = (p: string) => result(p, { status: 'already-imported', added: 0 })
    expect(importSummary([again('x'), again('y')])).toBe('Nothing new: all 2 files were imported before')
    expect(importSummary([again('x')])).toBe('Nothing new: the file was imported before')
  })

  it('offer Details on the first toast after more than 3 files, or a file with warnings or a failure; not after a plain small import', () => {
    let id = 0
    const opened: (readonly ImportResult[])[] = []
    const onDetails = (r: readonly ImportResult[]) => opened.push(r)
    const many = Array.from({ length: 4 }, (_, i) => result(`${i}.txt`, {}))
    const big = toastsForResults(many, () => ++id, onDetails)
    expect(big.map((t) => t.action?.label ?? null)).toEqual(['Details'])
    big[0]!.action!.run()
    expect(opened).toEqual([many])

    const small = [result('a.txt', {}), result('b.txt', {})]
    expect(toastsForResults(small, () => ++id, onDetails).map((t) => t.action)).toEqual([undefined, undefined])
    const warned = [result('a.txt', { warnings: ['line 3: not an entry'] }), result('b.txt', {})]
    expect(toastsForResults(warned, () => ++id, onDetails).map((t) => t.action?.label ?? null)).toEqual(['Details', null])
    // all failed in a big import: no summary, the first failure carries Details
    const failed = Array.from({ length: 5 }, (_, i) => result(`${i}.png`, { status: 'failed', error: 'Not a Daily Papers dump: it is an image' }))
    expect(toastsForResults(failed, () => ++id, onDetails).map((t) => t.action?.label ?? null)).toEqual(['Details', null, null, null, null])
    // without a handler nothing changes
    expect(toastsForResults(many, () => ++id).map((t) => t.action)).toEqual([undefined])
  })
})
