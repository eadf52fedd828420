/**
 * A saved page (text dump) parsed as parseImport parses it, without the API's parser: the parsing
 * thread of a large import starts with this alone, and loads the API's parser (its zod schema, ~80 ms
 * of the thread's start) only once a JSON file comes.
 */
import type { ImportedEntry, ResolvedImport } from './hfApi'
import { DumpFormatError, parseDumpBytes, resolveDump } from './parser'

export interface ParsedImport {
  dumpDate: string
  entries: ImportedEntry[]
  warnings: string[]
}

export interface FileToParse {
  path: string
  bytes: Uint8Array
  modifiedAt?: Date
}

/** A text dump parsed, or why it is not a dump (`refused`). */
export function parseTextImport(input: FileToParse): ParsedImport | { refused: string } {
  return parsedOrRefused(() => resolveDump(parseDumpBytes(input.bytes), input.modifiedAt ?? new Date()))
}

/** What `parse` gives, as an import reports it; a file that is not a dump as `refused` (the sentence shown for it). Other errors throw. */
export function parsedOrRefused(parse: () => ResolvedImport): ParsedImport | { refused: string } {
  try {
    const parsed = parse()
    return { dumpDate: parsed.dumpDate, entries: parsed.entries, warnings: parsed.warnings.map((w) => `line ${w.line}: ${w.message}`) }
  } catch (e) {
    if (e instanceof DumpFormatError) return { refused: e.message }
    throw e
  }
}
