/**
 * Dumps: the files imported, and the two steps of importing one: prepare (hash and parse, reading
 * the library only to know a file already imported) and write (papers, appearances, citation keys,
 * the search index and term vectors, in one write transaction per chunk of files).
 */
import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import { DumpFormatError, parseDumpBytes, resolveDump } from '../dump/parser'
import { type ImportedEntry, looksLikeJson, parseHfApiBytes } from '../dump/hfApi'
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
  dump?: { dumpDate: string; entries: ImportedEntry[]; warnings: string[] }
  result?: ImportResult
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
    const base = { path: input.path, dumpDate: null, papers: 0, added: 0, merged: 0, updated: 0, warnings: [] as string[], error: null }
    const sha256 = createHash('sha256').update(input.bytes).digest('hex')
    const prepared = { path: input.path, size: input.bytes.length, sha256 }
    const known = knownFile(this.db, sha256)
    if (known) return { ...prepared, result: { ...base, status: 'already-imported', ...known } }
    try {
      // a Daily Papers API response (JSON) or a saved page (text)
      const parsed = looksLikeJson(input.bytes)
        ? parseHfApiBytes(input.bytes, input.modifiedAt ?? new Date(), input.path)
        : resolveDump(parseDumpBytes(input.bytes), input.modifiedAt ?? new Date())
      return {
        ...prepared,
        dump: { dumpDate: parsed.dumpDate, entries: parsed.entries, warnings: parsed.warnings.map((w) => `line ${w.line}: ${w.message}`) },
      }
    } catch (e) {
      if (e instanceof DumpFormatError) return { ...prepared, result: { ...base, status: 'failed', error: e.message } }
      throw e
    }
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
