/**
 * Dumps: the files imported, and the first step of importing one: prepare (hash and parse, reading
 * the library only to know a file already imported). The second, writing (papers, appearances,
 * citation keys, the search index and term vectors), is ./importTransaction.ts.
 */
import type Database from 'better-sqlite3'
import type { ImportedEntry } from '../dump/hfApi'
import { parseImport } from '../dump/parseImport'
import { type ParseOutcome, sha256Of } from './parseAhead/parseAhead'
import type { EntriesAhead } from './parseAhead/jobs'
import { statement } from './statements'
import type { DumpRecord, ImportResult } from '../../shared/contract/shapes/library'
import { knownFile } from './writeDay'

export interface ImportInput {
  /** Shown in results and stored with the dump record (a path or a file name). */
  path: string
  bytes: Uint8Array
  /** The file's modification time: decides the dump's year when no entry prints one. */
  modifiedAt?: Date
  /**
   * Reads the file again (readImportFile gives it): the bytes are then the import's own, moved to
   * the parsing thread rather than copied, and read again should this thread need them.
   */
  readAgain?: () => Uint8Array
}

/** What writing one prepared dump did (for the import history). */
export interface WrittenDump {
  size: number
  result: ImportResult
  dumpId: number | null
  /** The papers it added have consecutive ids: these two. */
  firstNewId: number | null
  lastNewId: number | null
}

/** A file hashed and parsed, ready to write; or, with `result`, refused before writing. */
export interface PreparedDump {
  path: string
  size: number
  sha256: string
  /**
   * Parsed; `ahead`: what the parsing thread worked out for each entry, when it parsed the file;
   * `later`: the file's number there, when this thread parsed it and that thread counts its terms later.
   */
  dump?: { dumpDate: string; entries: ImportedEntry[]; warnings: string[]; ahead?: EntriesAhead; later?: number }
  result?: ImportResult
}

function emptyResult(path: string): Omit<ImportResult, 'status'> {
  return { path, dumpDate: null, papers: 0, added: 0, merged: 0, updated: 0, warnings: [], error: null }
}

export class DumpStore {
  constructor(private readonly db: Database.Database) {}

  /** Every dump imported, newest day first. */
  list(): DumpRecord[] {
    return statement(
      this.db,
      `SELECT id, file_name AS fileName, size, sha256, dump_date AS dumpDate, imported_at AS importedAt, entries,
         added, merged FROM dumps ORDER BY dump_date DESC, id DESC`,
    ).all() as DumpRecord[]
  }

  /** Hashes and parses one file. Reads the library (is the file known?) but never writes it. */
  prepare(input: ImportInput): PreparedDump {
    const identified = this.identify(input)
    return identified.result ? identified : this.complete(identified, parseImport(input))
  }

  /**
   * The first half of prepare: hashes the file and, when its exact bytes were imported before,
   * says so in `result` (no need to parse it).
   */
  identify(input: ImportInput): PreparedDump {
    return this.identifyHashed({ path: input.path, size: input.bytes.length, sha256: sha256Of(input.bytes) })
  }

  /** identify, for a file hashed already (by the parsing thread). */
  identifyHashed(file: { path: string; size: number; sha256: string }): PreparedDump {
    const known = knownFile(this.db, file.sha256)
    return known ? { ...file, result: { ...emptyResult(file.path), status: 'already-imported', ...known } } : file
  }

  /** The SHA-256 of every file imported (the parsing thread skips these). */
  knownHashes(): string[] {
    return statement(this.db, 'SELECT sha256 FROM dump_files').pluck().all() as string[]
  }

  /** The second half: the identified file with what parsing it gave (here or in the parsing thread). */
  complete(identified: PreparedDump, parsed: ParseOutcome): PreparedDump {
    if ('refused' in parsed) return { ...identified, result: { ...emptyResult(identified.path), status: 'failed', error: parsed.refused } }
    return { ...identified, dump: parsed }
  }
}
