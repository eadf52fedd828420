/**
 * A note saved as one edit: the edit found between two versions rebuilds the newer one exactly
 * (random edits of a real-sized note, surrogate pairs never cut), and the library applies an edit
 * only to the exact version it was made against, in one write transaction.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Library } from '../../src/main/library/library'
import { diffNotes } from '../../src/shared/noteEdit'
import { isWellFormed } from '../../src/shared/unicode'
import { bigMathNote } from '../e2e/harness/notes-probe'
import { dumpBytes } from '../helpers/fixtures'

const apply = (text: string, e: { from: number; to: number; insert: string }) => text.slice(0, e.from) + e.insert + text.slice(e.to)

describe('diffNotes', () => {
  it('rebuilds the newer text from the older for random edits, anywhere in a 200 KB note', () => {
    let seed = 7
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n)
    let text = bigMathNote(200_000, 1000)
    for (let i = 0; i < 300; i++) {
      const from = rand(text.length + 1)
      const to = Math.min(text.length, from + rand(i % 3 === 0 ? 9000 : 5))
      const insert = ['', 'x', '$\\alpha$', '😀 ', 'the estimate '.repeat(rand(600))][rand(5)]!
      const next = text.slice(0, from) + insert + text.slice(to)
      const edit = diffNotes(text, next)
      expect(apply(text, edit)).toBe(next)
      expect(edit.to - edit.from).toBeLessThanOrEqual(to - from + insert.length + 8192)
      text = next
    }
  })

  it('never cuts a surrogate pair in two, so every edit is well-formed text', () => {
    const before = 'a😀b'
    const after = 'a😁b' // same high surrogate, different low one
    const edit = diffNotes(before, after)
    expect(isWellFormed(edit.insert)).toBe(true)
    expect(apply(before, edit)).toBe(after)
    expect(diffNotes('same', 'same')).toEqual({ from: 4, to: 4, insert: '' })
  })
})

describe('Library.patchNote', () => {
  let dir: string
  let lib: Library
  let id: number
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'margin-note-edit-'))
    lib = new Library(join(dir, 'library.sqlite'))
    lib.importDump({ path: 'a.txt', bytes: dumpBytes(0), modifiedAt: new Date() })
    id = lib.viewIds('all', 'date')[0]!
  })
  afterAll(() => {
    lib.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('applies an edit to the version it was made against, and refuses any other version', () => {
    const first = lib.setNote(id, 'Spiking networks learn.')!
    const at = lib.patchNote(id, { savedAt: first, length: 23 }, { from: 22, to: 23, insert: ' dynamic affinities.' })
    expect(at).toMatch(/^\d{4}-/)
    expect(lib.getPaper(id)!.note).toBe('Spiking networks learn dynamic affinities.')
    // the same edit again: its base is gone (the stored note moved on)
    expect(lib.patchNote(id, { savedAt: first, length: 23 }, { from: 22, to: 23, insert: '!' })).toBe('stale')
    // another process changed the note: same length, other time
    const elsewhere = lib.setNote(id, 'Spiking networks learn dynamic affinities?')!
    expect(lib.patchNote(id, { savedAt: at as string, length: 42 }, { from: 0, to: 0, insert: 'X' })).toBe('stale')
    expect(lib.getPaper(id)!.note).toBe('Spiking networks learn dynamic affinities?')
    // an edit past the end is refused, not clamped
    expect(lib.patchNote(id, { savedAt: elsewhere, length: 42 }, { from: 40, to: 50, insert: '' })).toBe('stale')
    const after = lib.patchNote(id, { savedAt: elsewhere, length: 42 }, { from: 42, to: 42, insert: ' Zygomorphic.' })
    expect(after).toMatch(/^\d{4}-/)
    expect(lib.getPaper(id)!.note).toBe('Spiking networks learn dynamic affinities? Zygomorphic.')
    expect(lib.patchNote(99_999, { savedAt: null, length: 0 }, { from: 0, to: 0, insert: 'x' })).toBeNull()
  })

  it('an edit that would cut a surrogate pair is refused (the caller sends the whole text)', () => {
    const at = lib.setNote(id, 'a😀b')!
    expect(lib.patchNote(id, { savedAt: at, length: 4 }, { from: 2, to: 3, insert: 'x' })).toBe('stale')
    expect(lib.getPaper(id)!.note).toBe('a😀b')
  })
})
