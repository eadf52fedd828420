/**
 * One import of many files (ImportBatch), as the CLI, the app and the benchmark run it, and the
 * result of a file that failed.
 */
import type { ImportInput, Library, PreparedDump } from './library'
import type { ErrorCode } from '../../shared/errors'
import type { ImportResult } from './schemas'

/** Entries written per transaction: enough to feed FTS5 in bulk, few enough to report progress. */
export const IMPORT_CHUNK = 5000

/**
 * One import of many files, as the CLI, the app and the benchmark run it: each file is read and
 * parsed as it is added, and the parsed files are written together once they hold IMPORT_CHUNK
 * entries (and at finish). Memory stays bounded by one chunk however many files come.
 *
 * While the batch runs, SQLite's automatic WAL checkpoints are off: each would copy every page the
 * import just wrote into the database file inside the import (~0.3 s per year of dumps here). The
 * log is copied once, later: by Library.checkpoint() when the app is idle, or when the library closes.
 */
export class ImportBatch {
  /** One result per file added, in the order added (filled in as files are written). */
  readonly results: ImportResult[] = []
  private waiting: { index: number; prepared: PreparedDump }[] = []
  private entries = 0
  private readonly onResult?: (index: number, result: ImportResult) => void
  private readonly chunkEntries: number

  constructor(
    private readonly library: Library,
    options: {
      /** Called as each file's result is known (for progress). */
      onResult?: (index: number, result: ImportResult) => void
      /** Entries per transaction (default IMPORT_CHUNK). */
      chunkEntries?: number
    } = {},
  ) {
    this.onResult = options.onResult
    this.chunkEntries = options.chunkEntries ?? IMPORT_CHUNK
    library.bulkWrites(true)
  }

  /** Files added whose results are not known yet. */
  get pending(): number {
    return this.waiting.length
  }

  add(input: ImportInput): void {
    const prepared = this.library.prepareDump(input)
    const index = this.results.length
    this.results.push(prepared.result ?? { ...failedResult(input.path, 'not written yet'), dumpDate: prepared.dump!.dumpDate })
    if (prepared.result) return this.settle(index, prepared.result)
    this.waiting.push({ index, prepared })
    this.entries += prepared.dump!.entries.length
    if (this.entries >= this.chunkEntries) this.write()
  }

  /** Records a file that could not even be read. */
  fail(path: string, error: string, code?: ErrorCode): void {
    this.results.push(failedResult(path, error, code))
    this.settle(this.results.length - 1, this.results.at(-1)!)
  }

  /** Writes the files still waiting (a transaction), without ending the batch. */
  write(): void {
    const chunk = this.waiting
    this.waiting = []
    this.entries = 0
    const written = this.library.writeDumps(chunk.map((c) => c.prepared))
    chunk.forEach((c, i) => this.settle(c.index, written[i]!))
  }

  /** Writes what is waiting and turns automatic checkpoints back on. */
  finish(): ImportResult[] {
    try {
      if (this.waiting.length) this.write()
    } finally {
      this.library.bulkWrites(false)
    }
    return this.results
  }

  private settle(index: number, result: ImportResult): void {
    this.results[index] = result
    this.onResult?.(index, result)
  }
}

export function failedResult(path: string, error: string, code?: ErrorCode): ImportResult {
  return { path, status: 'failed', dumpDate: null, papers: 0, added: 0, merged: 0, warnings: [], error, ...(code ? { code } : {}) }
}
