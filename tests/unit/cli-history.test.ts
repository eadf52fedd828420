/**
 * `margin history`: the imports the CLI recorded, newest first, and one import's files and papers.
 * Runs the built bin (`npm run build` first) on a real library file with the shared dumps.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireBuiltCli, runMargin } from '../helpers/cli'
import { DUMP_FILES } from '../helpers/fixtures'

let dir: string
let library: string
const margin = (...args: string[]) => runMargin(library, ...args)

beforeAll(() => {
  requireBuiltCli()
  dir = mkdtempSync(join(tmpdir(), 'margin-cli-history-'))
  library = join(dir, 'lib.sqlite')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('margin history', () => {
  it('says there is nothing yet on a new library', () => {
    const r = margin('history')
    expect(r.code).toBe(0)
    expect(r.out).toContain('No imports yet')
  })

  it('lists each import newest first; a re-import shows 0 new; a missing file is recorded as failed', () => {
    const first = JSON.parse(margin('import', '--json', ...DUMP_FILES, join(dir, 'missing.txt')).out)
    expect(first.importId).toBe(1)
    const again = margin('import', '--json', DUMP_FILES[0]!)
    expect(again.code).toBe(0)
    expect(JSON.parse(again.out).importId).toBe(2)

    const list = margin('history', '--json')
    expect(list.code).toBe(0)
    const { imports, total } = JSON.parse(list.out)
    expect(total).toBe(2)
    expect(imports.map((i: Record<string, unknown>) => [i.id, i.source, i.files, i.added, i.merged, i.alreadyImported, i.failed])).toEqual([
      [2, 'cli', 1, 0, 0, 1, 0],
      [1, 'cli', 4, 105, 44, 0, 1],
    ])
    const text = margin('history').out.trimEnd().split('\n')
    expect(text).toHaveLength(2)
    expect(text[0]).toMatch(/^\s+2 .* cli +1 file: 0 new, 0 merged \(1 already imported\)$/)
    expect(text[1]).toMatch(/^\s+1 .* cli +4 files: 105 new, 44 merged \(1 failed\)$/)
    expect(margin('history', '--limit', '1').out).toContain('(1 of 2 imports; --limit 2 shows them all)')
  })

  it('shows one import: per file its day, new and merged, the failure with its reason, and the papers it added', () => {
    const r = margin('history', '1', '--json')
    expect(r.code).toBe(0)
    const details = JSON.parse(r.out)
    expect(details.files.map((f: Record<string, unknown>) => [f.dumpDate, f.status, f.added, f.merged])).toEqual([
      ['2026-04-20', 'imported', 44, 0],
      ['2026-04-16', 'imported', 32, 18],
      ['2026-04-13', 'imported', 29, 26],
      [null, 'failed', 0, 0],
    ])
    expect(details.files[3].error).toEqual({ code: 'notFound', message: expect.stringMatching(/no such file/) })
    expect(details.papersAddedTotal).toBe(105)
    expect(details.papersAdded).toHaveLength(100) // the default limit
    const text = margin('history', '1', '--limit', '2').out
    expect(text).toContain('(2026-04-16): 50 papers: 32 new, 18 already in the library')
    expect(text).toMatch(/missing\.txt: failed: no such file/)
    expect(text).toContain('Papers added (105):')
    expect(text).toContain('… and 103 more (--limit 105 lists them all)')
  })

  it('an unknown import exits 66 with a sentence on stderr; a malformed id is a usage error (64)', () => {
    const unknown = margin('history', '99')
    expect(unknown.code).toBe(66)
    expect(unknown.out).toBe('')
    expect(unknown.err).toMatch(/there is no import 99 in the history/)
    expect(margin('history', 'abc').code).toBe(64)
  })

  it('--help ends with an example', () => {
    const r = margin('history', '--help')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/Examples:\n\s+\$ margin history --limit 10\n\s+\$ margin history 12 --json/)
  })
})
