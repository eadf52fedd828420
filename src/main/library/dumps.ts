/**
 * Dumps: the files imported, and the two steps of importing one: prepare (hash and parse, reading
 * the library only to know a file already imported) and write (papers, appearances, citation keys,
 * the search index and term vectors, in one write transaction per chunk of files).
 */
import type Database from 'better-sqlite3'
import type { ImportedEntry } from '../dump/hfApi'
import { parseImport } from '../dump/parseImport'
import { type ParseOutcome, sha256Of } from './parseAhead/parseAhead'
import type { EntriesAhead } from './parseAhead/jobs'
import { CitationKeyAllocator } from './citationKeys'
import { indexImported } from './searchIndex/indexer'
import { statement, writeTransaction } from './statements'
import { toErrorInfo } from '../errors'
import type { DumpRecord, ImportResult } from '../../shared/contract/shapes/library'
import type { ErrorInfo } from '../../shared/errors'
import { knownFile, writeDay } from './writeDay'
import { failedResult } from './importBatch'
import { type TextRow, writeImportedVectors } from './vectorStore'

export interface ImportInput {
  /** Shown in results and stored with the dump record (a path or a file name). */
  path: string
  bytes: Uint8Array
  /** The file's modification time: decides the dump's year when no entry prints one. */
  modifiedAt?: Date
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
  /** Parsed; `ahead`: what the parsing thread worked out for each entry, when it parsed the file. */
  dump?: { dumpDate: string; entries: ImportedEntry[]; warnings: string[]; ahead?: EntriesAhead }
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

  /**
   * writeDumps for ImportBatch: `record` runs inside the transaction with what each written file did
   * (the import history is written with the papers); `error` says why the transaction failed, when it did.
   */
  writeChunk(
    prepared: readonly PreparedDump[],
    record?: (written: WrittenDump[]) => void,
    { vectors = true }: { vectors?: boolean } = {},
  ): { results: ImportResult[]; error: ErrorInfo | null } {
    const toWrite = prepared.filter((p) => p.dump)
    if (toWrite.length === 0) return { results: prepared.map((p) => p.result!), error: null }
    const written = new Map<PreparedDump, WrittenDump>()
    try {
      // the write lock first (BEGIN IMMEDIATE): another process may be importing into the same file
      writeTransaction(this.db, () => {
        const lastId = statement(this.db, 'SELECT coalesce(max(id), 0) FROM papers').pluck().get() as number
        const changed = new Set<number>()
        const keys = new CitationKeyAllocator(this.db)
        const added = vectors ? new Map<number, TextRow>() : undefined
        for (const p of toWrite) written.set(p, { size: p.size, ...writeDay(this.db, { ...p, dump: p.dump! }, { lastId, changed, keys, added }) })
        keys.save()
        indexImported(this.db, lastId, [...changed]) // search index
        record?.(toWrite.map((p) => written.get(p)!))
        if (added) writeImportedVectors(this.db, [...added.values()], [...changed]) // For you, Similar papers
      })
    } catch (e) {
      // busy (another process held the lock past busy_timeout), full disk, read-only: a sentence of their own
      const info = toErrorInfo(e)
      const error = info.code === 'internal' ? `Could not save to the library: ${info.message}` : info.message
      const results = prepared.map((p) =>
        p.dump
          ? { ...failedResult(p.path, error, info.code), dumpDate: p.dump.dumpDate, warnings: p.dump.warnings }
          : p.result!,
      )
      return { results, error: { ...info, message: error } }
    }
    return { results: prepared.map((p) => written.get(p)?.result ?? p.result!), error: null }
  }
}
