/**
 * Exports written straight into their file a chunk of papers at a time (exportToFile, what the
 * app's File ▸ Export… does) are byte for byte the text exportText makes whole (what the CLI prints),
 * across chunk boundaries, and a failure part way leaves the old file as it was.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportText, exportToFile, scopeIds } from '../../src/main/export'
import { bibtexChunks, type ExportPaper } from '../../src/main/export/bibtex'
import { cslChunks } from '../../src/main/export/csl'
import { writeChunksAtomicSync } from '../../src/main/files/atomicWrite'
import type { Library } from '../../src/main/library/library'
import { fullLibrary } from '../helpers/library'

let lib: Library
let dir: string
beforeAll(() => {
  lib = fullLibrary()
  dir = mkdtempSync(join(tmpdir(), 'margin-export-stream-'))
  // a note on a few papers, so --with-notes has something to write
  for (const id of lib.viewIds().slice(0, 5)) lib.setNote(id, `My note on ${id}: see §3 & {braces} — ünïcödé 🚀`)
})
afterAll(() => {
  lib.close()
  rmSync(dir, { recursive: true, force: true })
})

/** The scope's papers in chunks of `size` (the store's own chunking, made small). */
function chunksOf(size: number): ExportPaper[][] {
  return [...lib.exportRows.papers(scopeIds(lib, { kind: 'all' }), size)]
}

describe('an export written a chunk at a time', () => {
  const cases = [
    ['bibtex', {}],
    ['bibtex', { withNotes: true }],
    ['bibtex', { keepUnicode: true }],
    ['csl', {}],
    ['csl', { withNotes: true }],
  ] as const
  for (const [format, options] of cases) {
    it(`${format} ${JSON.stringify(options)}: the same bytes, count and warnings as the whole text`, () => {
      const whole = exportText(lib, format, { kind: 'all' }, options)
      expect(whole.count).toBeGreaterThan(100)
      const path = join(dir, `out.${format}`)
      const out = exportToFile(lib, format, { kind: 'all' }, path, options)
      expect(readFileSync(path, 'utf8')).toBe(whole.text)
      expect(out).toEqual({ count: whole.count, warnings: whole.warnings })
    })
  }

  it('is the same across chunk boundaries of any size, and for an empty scope', () => {
    const whole = { bibtex: exportText(lib, 'bibtex', { kind: 'all' }), csl: exportText(lib, 'csl', { kind: 'all' }) }
    for (const size of [1, 7, 250]) {
      const b = { count: 0, warnings: [] as string[] }
      expect([...bibtexChunks(chunksOf(size), {}, b)].join('')).toBe(whole.bibtex.text)
      expect(b).toEqual({ count: whole.bibtex.count, warnings: whole.bibtex.warnings })
      const c = { count: 0 }
      expect([...cslChunks(chunksOf(size), {}, c)].join('')).toBe(whole.csl.text)
      expect(c.count).toBe(whole.csl.count)
    }
    const none = { kind: 'selection' as const, ids: [999_999] }
    for (const format of ['bibtex', 'csl'] as const) {
      const path = join(dir, `none.${format}`)
      expect(exportToFile(lib, format, none, path).count).toBe(0)
      expect(readFileSync(path, 'utf8')).toBe(exportText(lib, format, none).text)
    }
  })

  it('leaves the old file whole and no temporary file when making a chunk fails part way', () => {
    const sub = mkdtempSync(join(dir, 'fail-'))
    const path = join(sub, 'refs.bib')
    writeFileSync(path, 'the old export\n')
    const into = { count: 0, warnings: [] as string[] }
    const papers = chunksOf(50)
    // the third chunk holds a paper without a key: bibtexEntry refuses it
    papers[2]![0] = { ...papers[2]![0]!, citationKey: null }
    expect(() => writeChunksAtomicSync(path, bibtexChunks(papers, {}, into))).toThrow(/no citation key/)
    expect(into.count).toBe(100) // two chunks were written to the temporary file before it
    expect(readFileSync(path, 'utf8')).toBe('the old export\n')
    expect(readdirSync(sub)).toEqual(['refs.bib'])
  })
})
