import { describe, expect, it } from 'vitest'
import { parseDumpBytes, parseDumpText, resolveDump, DumpFormatError } from '../../src/main/dump/parser'
import { decodeDumpBytes, decodeDumpPieces } from '../../src/main/dump/decode'
import { dumpText, entry, makeDump, utf8 } from '../helpers/fixtures'

const ABSTRACT = 'We study how neurons fire. It works well.'

describe('the shared dumps', () => {
  it('parse into 44, 50 and 55 entries with no warnings', () => {
    const counts = [0, 1, 2].map((i) => {
      const parsed = parseDumpText(dumpText(i))
      expect(parsed.warnings).toEqual([])
      return parsed.entries.length
    })
    expect(counts).toEqual([44, 50, 55])
  })

  it('read the header date and the author-count, organisation, date and upvote forms', () => {
    const parsed = parseDumpText(dumpText(0))
    expect(parsed.header).toEqual({ month: 4, day: 20, year: null })
    const first = parsed.entries[0]!
    expect(first.title).toBe('Learning dynamic representations of the functional connectome in neurobiological networks')
    expect(first.abstract).toMatch(/^The static synaptic connectivity/)
    expect(first.abstract).toContain('https://github.com/dyballa/dynamic-connectomes.')
    expect(first).toMatchObject({ authorsCount: 5, org: null, date: { month: 2, day: 21, year: 2024 }, upvotes: null, line: 13 })

    const withVotes = parsed.entries.find((e) => e.upvotes !== null)!
    expect(withVotes.upvotes).toBeGreaterThan(0)

    const org = parseDumpText(dumpText(2)).entries.find((e) => e.title.startsWith('Configurable Foundation Models'))!
    expect(org).toMatchObject({ org: { handle: 'openbmb', name: 'OpenBMB' }, authorsCount: null, upvotes: 2 })
    expect(org.date).toEqual({ month: 9, day: 4, year: 2024 })
  })

  it('keep entries that have no metadata block', () => {
    const parsed = parseDumpText(dumpText(0))
    const bare = parsed.entries.find((e) => e.title.startsWith('On the Mechanism and Dynamics of Modular Addition'))!
    expect(bare).toMatchObject({ authorsCount: null, org: null, date: null, upvotes: null, truncated: false })
    // the entry after it is parsed as its own paper, not swallowed
    const i = parsed.entries.indexOf(bare)
    expect(parsed.entries[i + 1]!.title).toMatch(/^Does Object Binding Naturally Emerge/)
  })

  it('keep LaTeX in abstracts verbatim', () => {
    const all = [0, 1, 2].flatMap((i) => parseDumpText(dumpText(i)).entries)
    expect(all.some((e) => e.abstract.includes('{\\it viz}'))).toBe(true)
  })
})

describe('metadata forms built by the tests', () => {
  const parse = (meta: string) => parseDumpText(makeDump('Nov 20', [entry('A paper', ABSTRACT, meta)])).entries[0]!

  it('organisation lines split into handle and display name', () => {
    expect(parse('SakanaAI Sakana AI\n·\nFeb 24').org).toEqual({ handle: 'SakanaAI', name: 'Sakana AI' })
  })
  it('dates with and without year and with upvotes', () => {
    expect(parse('  • 5 authors\n·\nFeb 8, 2024 1')).toMatchObject({ date: { month: 2, day: 8, year: 2024 }, upvotes: 1 })
    expect(parse('  • 1 author\n·\nFeb 27 3')).toMatchObject({ authorsCount: 1, date: { month: 2, day: 27, year: null }, upvotes: 3 })
    expect(parse('  • 2 authors\n·\nFeb 24')).toMatchObject({ date: { month: 2, day: 24, year: null }, upvotes: null })
    expect(parse('  • 2 authors\n·\nMar 3 1.2k').upvotes).toBe(1200)
  })
  it('a block with no author line still gives the date', () => {
    expect(parse('·\nJan 5, 2023')).toMatchObject({ authorsCount: null, org: null, date: { year: 2023 } })
  })
})

describe('year inference', () => {
  const resolve = (text: string, fallback = new Date('2026-11-23T00:00:00Z')) => resolveDump(parseDumpText(text), fallback)

  it('the issue example: Nov 20 with newest explicit year 2024 is 2025-11-20; its Feb 24 is 2025-02-24', () => {
    const r = resolve(
      makeDump('Nov 20', [entry('Old', ABSTRACT, '  • 2 authors\n·\nMar 1, 2024'), entry('New', ABSTRACT, '  • 2 authors\n·\nFeb 24')]),
    )
    expect(r.dumpDate).toBe('2025-11-20')
    expect(r.entries.map((e) => e.publishedAt)).toEqual(['2024-03-01', '2025-02-24'])
  })

  it('a yearless date after the dump date belongs to the year before', () => {
    const r = resolve(makeDump('Jan 10', [entry('A', ABSTRACT, '  • 2 authors\n·\nDec 30 4'), entry('B', ABSTRACT, '  • 1 author\n·\nMar 1, 2025')]))
    expect(r.dumpDate).toBe('2026-01-10')
    expect(r.entries[0]!.publishedAt).toBe('2025-12-30')
  })

  it('without explicit years the file time decides, and a header after it is from the year before', () => {
    const text = makeDump('Dec 31', [entry('A', ABSTRACT, '  • 2 authors\n·\nDec 29')])
    expect(resolve(text, new Date('2027-01-02T10:00:00Z')).dumpDate).toBe('2026-12-31')
    expect(resolve(text, new Date('2027-12-31T10:00:00Z')).dumpDate).toBe('2027-12-31')
  })

  it('the shared dumps are Apr 20, Apr 16 and Apr 13 of 2026', () => {
    expect([0, 1, 2].map((i) => resolve(dumpText(i)).dumpDate)).toEqual(['2026-04-20', '2026-04-16', '2026-04-13'])
  })

  it('a missing header falls back to the file date and says so', () => {
    const text = [entry('A', ABSTRACT, '  • 2 authors\n·\nDec 29, 2024'), entry('B', ABSTRACT, '  • 2 authors\n·\nJan 3')].join('\n\n')
    const r = resolve(text, new Date('2025-02-01T00:00:00Z'))
    expect(r.dumpDate).toBe('2025-02-01')
    expect(r.entries[1]!.publishedAt).toBe('2025-01-03')
    expect(r.warnings[0]!.message).toMatch(/page date is missing/)
  })
})

describe('real-world files', () => {
  const text = dumpText(1)
  const expected = parseDumpText(text).entries

  it('decodes a file in pieces cut at line breaks, parsed exactly as the whole text (entries, warnings and their line numbers)', () => {
    for (const i of [0, 1, 2]) {
      const lines = dumpText(i).split('\n')
      // a stray line in the middle (a warning with its line number), CRLF, and letters of two and three bytes at the end of every long line (titles, abstracts)
      lines.splice(Math.floor(lines.length / 2), 0, '', 'Ünexpected ✓ line', '')
      for (const text of [lines.join('\n'), lines.join('\r\n'), lines.map((l) => (l.length > 60 ? `${l} é✓` : l)).join('\n')]) {
        const bytes = utf8(text)
        const pieces = decodeDumpPieces(bytes)
        expect(pieces.length).toBeGreaterThan(1)
        expect(pieces.slice(0, -1).every((p) => p.endsWith('\n'))).toBe(true)
        expect(pieces.join('')).toBe(decodeDumpBytes(bytes))
        const parsed = parseDumpText(text)
        expect(parsed.warnings.length).toBeGreaterThan(0)
        expect(parseDumpBytes(bytes)).toEqual(parsed)
      }
    }
  })

  it('UTF-8 with a BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)])
    expect(parseDumpBytes(bytes).entries).toEqual(expected)
  })

  it('UTF-16 LE and BE with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    expect(parseDumpBytes(le).entries).toEqual(expected)
    const be = Buffer.from(le.subarray(2)).swap16()
    expect(parseDumpBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be])).entries).toEqual(expected)
  })

  it('CRLF line endings and trailing whitespace', () => {
    const crlf = text.split('\n').map((l) => `${l}  \t`).join('\r\n')
    expect(parseDumpText(crlf).entries).toEqual(expected)
    // carriage returns alone (old Mac tools), and one such line among line feeds
    expect(parseDumpText(text.split('\n').join('\r')).entries).toEqual(expected)
    const lines = text.split('\n')
    expect(parseDumpText(`${lines.slice(0, 3).join('\r')}\n${lines.slice(3).join('\n')}`).entries).toEqual(expected)
    // browsers often end lines with no-break spaces; lines of only such spaces separate paragraphs
    const nbsp = text.split('\n').map((l) => `${l}\u00a0 `).join('\n')
    expect(parseDumpText(nbsp).entries).toEqual(expected)
  })

  it('page furniture after the last entry is skipped with line numbers, never a paper', () => {
    const withFooter = `${text.trimEnd()}\n\nSystem theme\n\n  Company \n\nTOS\n\nPrivacy\n\nAbout\n`
    const parsed = parseDumpText(withFooter)
    expect(parsed.entries).toEqual(expected)
    const lines = text.trimEnd().split('\n').length
    expect(parsed.warnings).toEqual([
      { line: lines + 2, message: 'skipped page furniture "System theme"' },
      { line: lines + 4, message: 'skipped page furniture "Company"' },
      { line: lines + 6, message: 'skipped page furniture "TOS"' },
      { line: lines + 8, message: 'skipped page furniture "Privacy"' },
      { line: lines + 10, message: 'skipped page furniture "About"' },
    ])
  })

  it('a last entry cut off mid-abstract is kept, marked and reported', () => {
    const cut = `${text.trimEnd()}\n\nA Paper Cut Off\n\nWe propose a method that does sev`
    const parsed = parseDumpText(cut)
    expect(parsed.entries).toHaveLength(expected.length + 1)
    expect(parsed.entries.at(-1)).toMatchObject({ title: 'A Paper Cut Off', truncated: true, date: null })
    expect(parsed.warnings.map((w) => w.message)).toEqual(['"A Paper Cut Off" is cut off mid-abstract; imported what is there'])
  })

  it('a title with nothing after it is skipped with a warning', () => {
    const parsed = parseDumpText(`${text.trimEnd()}\n\nOnly A Title\n\nSystem theme`)
    expect(parsed.entries).toEqual(expected)
    expect(parsed.warnings[0]!.message).toMatch(/Only A Title.*ends before its abstract/)
  })
})

describe('files that hold no papers are refused with a reason', () => {
  const refuse = (bytes: Uint8Array) => {
    try {
      parseDumpBytes(bytes)
    } catch (e) {
      expect(e).toBeInstanceOf(DumpFormatError)
      return (e as Error).message
    }
    throw new Error('expected a refusal')
  }

  it('empty and blank files', () => {
    expect(refuse(new Uint8Array())).toMatch(/empty/)
    expect(refuse(utf8('  \n\n \r\n'))).toMatch(/blank/)
  })
  it('binary files and images', () => {
    expect(refuse(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toMatch(/PNG image/)
    expect(refuse(new Uint8Array([1, 2, 3, 0, 255, 254, 7]))).toMatch(/binary/)
    expect(refuse(new Uint8Array([0x66, 0x6f, 0xff, 0xfe, 0x80, 0x81]))).toMatch(/not UTF-8/)
  })
  it('ordinary prose', () => {
    const prose = 'Dear diary,\n\nToday I read about neurons.\n\nThey fire a lot, apparently.\n\nMore tomorrow.'
    expect(refuse(utf8(prose))).toMatch(/neither the "Daily Papers" page header nor any paper metadata/)
  })
  it('a header with no entries', () => {
    expect(refuse(utf8(makeDump('Apr 20', [])))).toMatch(/no entries follow/)
  })
})
