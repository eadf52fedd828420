/**
 * `margin import` of copies of a day already imported, as a user runs it (the built bin, a real
 * library file): a re-saved page says "already imported", a later fetch says what it updated.
 * `npm test` builds first; run `npm run build` before `vitest` alone.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireBuiltCli, runMargin } from '../helpers/cli'
import { DUMP_FILES, dumpText } from '../helpers/fixtures'
import { API_DIR } from '../helpers/library'

let dir: string
let library: string
const margin = (...args: string[]) => runMargin(library, ...args)
const API_FILE = join(API_DIR, 'api_daily_papers_2025-10-03.json')

beforeAll(() => {
  requireBuiltCli()
  dir = mkdtempSync(join(tmpdir(), 'margin-cli-days-'))
  library = join(dir, 'lib.sqlite')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('margin import of a day again', () => {
  it('says a re-saved page and a re-serialised response are already imported, and a later fetch updated the day', () => {
    expect(margin('import', DUMP_FILES[0]!, API_FILE).code).toBe(0)
    const crlf = join(dir, 'resaved.txt')
    writeFileSync(crlf, dumpText(0).replace(/\n/g, '\r\n'))
    const utf16 = join(dir, 'utf16.txt')
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(dumpText(0), 'utf16le')]))
    const list = JSON.parse(readFileSync(API_FILE, 'utf8')) as { paper: { upvotes: number } }[]
    const pretty = join(dir, 'pretty.json')
    writeFileSync(pretty, JSON.stringify(list, null, 4))
    const evening = join(dir, 'evening.json')
    writeFileSync(evening, JSON.stringify(list.map((e, i) => (i < 2 ? { ...e, paper: { ...e.paper, upvotes: e.paper.upvotes + 5 } } : e))))

    const r = margin('import', crlf, utf16, pretty, evening)
    expect(r.code).toBe(0)
    expect(r.out).toContain(`${crlf} (2026-04-20): already imported, nothing changed`)
    expect(r.out).toContain(`${utf16} (2026-04-20): already imported, nothing changed`)
    expect(r.out).toContain(`${pretty} (2025-10-03): already imported, nothing changed`)
    expect(r.out).toContain(`${evening} (2025-10-03): updated the day's dump: 2 with newer upvotes or details`)

    const json = JSON.parse(margin('import', '--json', crlf, evening).out)
    expect(json.files.map((f: { status: string; dumpDate: string; added: number; updated: number }) => [f.status, f.dumpDate, f.added, f.updated])).toEqual([
      ['already-imported', '2026-04-20', 0, 0],
      ['already-imported', '2025-10-03', 0, 0],
    ])
    const counts = margin('list', '--json')
    expect(JSON.parse(counts.out).papers).toHaveLength(44 + 39)
  })
})
