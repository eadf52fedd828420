/**
 * One file to import, parsed: a Daily Papers API response (JSON) or a saved page (text), into its
 * day, entries and warnings. Pure (no library, no Electron): the import runs it in its own thread or
 * in its parsing thread (src/main/library/parseAhead) alike.
 */
import { looksLikeJson } from './decode'
import { parseHfApiBytes } from './hfApi'
import { type FileToParse, type ParsedImport, parsedOrRefused, parseTextImport } from './parseTextImport'

export type { ParsedImport }

/** The file parsed, or why it is not a dump (`refused`: the sentence shown for it). Other errors throw. */
export function parseImport(input: FileToParse): ParsedImport | { refused: string } {
  if (!looksLikeJson(input.bytes)) return parseTextImport(input)
  return parsedOrRefused(() => parseHfApiBytes(input.bytes, input.modifiedAt ?? new Date(), input.path))
}
