import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

export const DUMPS_DIR = join(__dirname, '..', 'fixtures', 'daily-dumps')

/** The three shared dumps, newest header first: Apr 20, Apr 16, Apr 13 (2026). */
export const DUMP_FILES = readdirSync(DUMPS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => join(DUMPS_DIR, f))

export function dumpText(index: number): string {
  return readFileSync(DUMP_FILES[index]!, 'utf8')
}

export function dumpBytes(index: number): Uint8Array {
  return readFileSync(DUMP_FILES[index]!)
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

/** A small dump the tests can vary: a header dated `header`, then the given entry paragraphs. */
export function makeDump(header: string, entries: string[]): string {
  return [
    'new',
    'Get trending papers in your email inbox!',
    'Subscribe',
    'Daily Papers',
    'byAK and the research community',
    header,
    ...entries,
  ].join('\n\n')
}

export function entry(title: string, abstract: string, meta?: string): string {
  return meta === undefined ? `${title}\n\n${abstract}` : `${title}\n\n${abstract}\n\n${meta}`
}
