/**
 * Daily Papers API files: the page's day, and what a malformed file is told. On real answers from
 * the archive (tests/fixtures/hf-api/archive, see its README).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dayInFileName, parseHfApiBytes } from '../../src/main/dump/hfApi'
import { DumpFormatError } from '../../src/main/dump/parser'
import { Library } from '../../src/main/library/library'
import { utf8 } from '../helpers/fixtures'
import { API_DIR } from '../helpers/library'

const ARCHIVE = join(API_DIR, 'archive')
const bytes = (name: string) => readFileSync(join(ARCHIVE, name))
const entries = (name: string) => JSON.parse(readFileSync(join(ARCHIVE, name), 'utf8')) as { publishedAt: string; paper: Record<string, unknown> }[]
const LONG_AGO = new Date('2000-01-01T12:00:00Z')
const weekday = (day: string) => new Date(`${day}T12:00:00Z`).getUTCDay()

function failure(run: () => unknown): string {
  try {
    run()
  } catch (e) {
    expect(e).toBeInstanceOf(DumpFormatError)
    return (e as Error).message
  }
  throw new Error('expected the file to be refused')
}

describe('the page day of a file without submittedOnDailyAt', () => {
  it('the boundary files really are submitted the evening before, in UTC', () => {
    // what made both files the 4th: most of 2025-02-05's entries carry a 2025-02-04 UTC time
    const utcDays = entries('2025-02-05.json').map((e) => e.publishedAt.slice(0, 10))
    expect(utcDays.filter((d) => d === '2025-02-04').length).toBeGreaterThan(utcDays.length / 2)
    expect(entries('2025-02-05.json').every((e) => !('submittedOnDailyAt' in e.paper))).toBe(true)
  })

  it('is the day the page showed them, without the file name: 2025-02-04 and 2025-02-05 stay apart, Monday stays Monday', () => {
    expect(parseHfApiBytes(bytes('2025-02-03.json'), LONG_AGO).dumpDate).toBe('2025-02-03')
    expect(parseHfApiBytes(bytes('2025-02-04.json'), LONG_AGO).dumpDate).toBe('2025-02-04')
    expect(parseHfApiBytes(bytes('2025-02-05.json'), LONG_AGO).dumpDate).toBe('2025-02-05')
    expect(weekday(parseHfApiBytes(bytes('2025-02-03.json'), LONG_AGO).dumpDate)).toBe(1)
    for (const f of ['2025-02-03.json', '2025-02-04.json', '2025-02-05.json']) expect(parseHfApiBytes(bytes(f), LONG_AGO).warnings).toEqual([])
  })

  it('is the date the file is named by, when it is named by one', () => {
    expect(parseHfApiBytes(bytes('2025-02-05.json'), LONG_AGO, '2025-02-05.json').dumpDate).toBe('2025-02-05')
    expect(parseHfApiBytes(bytes('2025-02-05.json'), LONG_AGO, '/home/me/dumps/2025-02-05.json').dumpDate).toBe('2025-02-05')
    expect(parseHfApiBytes(bytes('2025-02-05.json'), LONG_AGO, 'C:\\dumps\\api_daily_papers_2025-02-05.json').dumpDate).toBe('2025-02-05')
  })

  it("never takes the paper's arXiv time for the submission: 2025-03-13 needs its name, and without one says the date is missing", () => {
    // in these files the entry's publishedAt is the paper's time, moved by whole hours
    for (const e of entries('2025-03-13.json')) expect(Math.abs((Date.parse(e.publishedAt) - Date.parse(e.paper.publishedAt as string)) % 3_600_000)).toBe(0)
    expect(parseHfApiBytes(bytes('2025-03-13.json'), LONG_AGO, '2025-03-13.json').dumpDate).toBe('2025-03-13')
    const unnamed = parseHfApiBytes(bytes('2025-03-13.json'), LONG_AGO)
    expect(unnamed.dumpDate).toBe('2000-01-01')
    expect(unnamed.warnings[0]!.message).toBe('the page date is missing; using 2000-01-01')
  })

  it('is the date a wrapped response names', () => {
    const wrapped = { status: 'success', date: '2025-02-05', count: 6, data: entries('2025-02-05.json') }
    expect(parseHfApiBytes(utf8(JSON.stringify(wrapped)), LONG_AGO, 'saved.json').dumpDate).toBe('2025-02-05')
  })
})

describe('the page day with submittedOnDailyAt', () => {
  it('comes from submittedOnDailyAt, whatever the file is called', () => {
    const file = join(API_DIR, 'api_daily_papers_2025-10-03.json')
    expect(parseHfApiBytes(readFileSync(file), LONG_AGO).dumpDate).toBe('2025-10-03')
    expect(parseHfApiBytes(readFileSync(file), LONG_AGO, '2025-01-01.json').dumpDate).toBe('2025-10-03')
  })
})

describe('dates in file names', () => {
  it('takes one real date, and nothing else', () => {
    expect(dayInFileName('2025-02-05.json')).toBe('2025-02-05')
    expect(dayInFileName('dumps/2025-02-05.json')).toBe('2025-02-05')
    expect(dayInFileName('api_daily_papers_2024-05-27.json')).toBe('2024-05-27')
    expect(dayInFileName('2024-05-27-to-2024-05-31.json')).toBeNull()
    expect(dayInFileName('2025-02-30.json')).toBeNull()
    expect(dayInFileName('12025-02-05.json')).toBeNull()
    expect(dayInFileName('2025-02-05/papers.json')).toBeNull()
    expect(dayInFileName(undefined)).toBeNull()
  })
})

describe('a malformed file', () => {
  it('is told what its entries are: the archive files that hold Python printouts', () => {
    expect(failure(() => parseHfApiBytes(bytes('2024-12-25.json'), LONG_AGO))).toBe(
      "Not a Daily Papers API file: 9 entries, none of them a paper object: every entry is a string (Python's printout of a paper, not JSON).",
    )
    expect(failure(() => parseHfApiBytes(bytes('2025-01-10.json'), LONG_AGO))).toMatch(/: 9 entries, none of them a paper object: every entry is a string/)
  })

  it('is told what the first entry is when they differ, or that the list is empty', () => {
    expect(failure(() => parseHfApiBytes(utf8('[1, "a", null]'), LONG_AGO))).toBe(
      'Not a Daily Papers API file: 3 entries, none of them a paper object: entry 1 is a number.',
    )
    expect(failure(() => parseHfApiBytes(utf8('[[1]]'), LONG_AGO))).toBe('Not a Daily Papers API file: 1 entry, none of them a paper object: entry 1 is a list.')
    expect(failure(() => parseHfApiBytes(utf8('[{"paper": 5}, {"paper": "x"}]'), LONG_AGO))).toBe(
      'Not a Daily Papers API file: 2 entries, none of them a paper object: every entry is an object that is not a paper.',
    )
    expect(failure(() => parseHfApiBytes(utf8('[]'), LONG_AGO))).toBe('Not a Daily Papers API file: its list of papers is empty.')
    expect(failure(() => parseHfApiBytes(utf8('[{"paper": {"summary": "no title"}}]'), LONG_AGO))).toBe('Not a Daily Papers API file: no entry has a title.')
  })

  it('fails alone in an import, with that message, and changes nothing', () => {
    const lib = new Library(':memory:')
    const r = lib.importDump({ path: '2024-12-25.json', bytes: bytes('2024-12-25.json') })
    expect(r.status).toBe('failed')
    expect(r.error).toMatch(/9 entries, none of them a paper object/)
    expect(lib.counts().total).toBe(0)
  })

  it('keeps the papers of a list where only some entries are strings, and warns about the others', () => {
    const list = [...entries('2025-02-05.json'), 'not a paper']
    const r = parseHfApiBytes(utf8(JSON.stringify(list)), LONG_AGO, '2025-02-05.json')
    expect(r.entries).toHaveLength(6)
    expect(r.warnings).toEqual([{ line: 7, message: 'skipped list item 7: not a paper' }])
  })
})
