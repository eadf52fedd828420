/** Libraries for the export tests (issue 5): the shared dumps and the Daily Papers API files, imported for real. */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Library } from '../../src/main/library/library'
import { DUMP_FILES, dumpBytes, makeDump, entry, utf8 } from './fixtures'

export const API_DIR = join(__dirname, '..', 'fixtures', 'hf-api')
export const API_FILES = readdirSync(API_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => join(API_DIR, f))

/** A new library (in memory by default) with the three shared dumps imported (in file order, as `margin import` does). */
export function dumpLibrary(file = ':memory:'): Library {
  const lib = new Library(file)
  DUMP_FILES.forEach((path, i) => {
    const r = lib.importDump({ path, bytes: dumpBytes(i) })
    if (r.status !== 'imported') throw new Error(`${path}: ${r.error}`)
  })
  return lib
}

/** The shared dumps plus both API responses. */
export function fullLibrary(): Library {
  const lib = dumpLibrary()
  for (const path of API_FILES) {
    const r = lib.importDump({ path, bytes: readFileSync(path) })
    if (r.status !== 'imported') throw new Error(`${path}: ${r.error}`)
  }
  return lib
}

/** Imports a one-day dump with the given entries; returns the import result. */
export function importEntries(lib: Library, header: string, entries: string[], name = `extra-${header}.txt`) {
  return lib.importDump({ path: name, bytes: utf8(makeDump(header, entries)) })
}

export { entry }

/** Titles no BibTeX exporter should trust (issue 5). */
export const HOSTILE_TITLES = [
  '100% of What_You #Need & ~More^',
  'Unbalanced {Braces in a Title',
  'Closing} Brace and a \\Backslash with $Dollars$',
  '🚀 RocketLM: Emoji in Titles 🤖',
  'α-Divergence Meets Γ-Convergence: Greek Letters',
  '中文大模型: A CJK Benchmark',
  'Müller, Ångström and Øresund: Über Große Sprachmodelle',
]
