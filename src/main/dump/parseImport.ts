/**
 * One file to import, parsed: a Daily Papers API response (JSON) or a saved page (text), into its
 * day, entries and warnings. Pure (no library, no Electron): the import runs it in its own thread or
 * in a worker thread (./parseWorker.ts) alike.
 */
import { DumpFormatError, parseDumpBytes, resolveDump } from './parser'
import { type ImportedEntry, looksLikeJson, parseHfApiBytes } from './hfApi'

export interface ParsedImport {
  dumpDate: string
  entries: ImportedEntry[]
  warnings: string[]
}

/** The file parsed, or why it is not a dump (`refused`: the sentence shown for it). Other errors throw. */
export function parseImport(input: { path: string; bytes: Uint8Array; modifiedAt?: Date }): ParsedImport | { refused: string } {
  try {
    const parsed = looksLikeJson(input.bytes)
      ? parseHfApiBytes(input.bytes, input.modifiedAt ?? new Date(), input.path)
      : resolveDump(parseDumpBytes(input.bytes), input.modifiedAt ?? new Date())
    return { dumpDate: parsed.dumpDate, entries: parsed.entries, warnings: parsed.warnings.map((w) => `line ${w.line}: ${w.message}`) }
  } catch (e) {
    if (e instanceof DumpFormatError) return { refused: e.message }
    throw e
  }
}
