/**
 * One import of many files (ImportBatch), as the CLI, the app and the benchmark run it, and the
 * result of a file that failed.
 */
import type { ErrorCode } from '../../shared/errors'
import { ImportRecorder } from './importRecorder'
import type { ImportInput, Library, PreparedDump } from './library'
import type { ParseAhead, Taken } from './parseAhead/parseAhead'
import { MarginError } from '../errors'
import type { ImportTransaction } from './importTransaction'
import { LaterVectors } from './laterVectors'
import type { ImportResult } from '../../shared/contract/shapes/library'

/** Entries written per transaction: enough to feed FTS5 in bulk, few enough to report progress. */
export const IMPORT_CHUNK = 5000

/**
 * From how many files an import parses in the library's parsing thread (Library.useParseWorker):
 * below it, starting the thread would cost more than it saves.
 */
export const PARSE_AHEAD_MIN_FILES = 8

/**
 * The first transaction of a batch that parses ahead is written once this many entries are parsed
 * (FTS5 still fed in bulk) rather than a whole chunk: the import's thread starts writing early.
 */
const PARSE_AHEAD_FIRST_CHUNK = 1000

/**
 * Bytes of files sent to the parsing thread and not yet taken back, at most (bounds memory: this
 * thread keeps them, should the worker fail, and the worker holds a copy until it parses it). A
 * year of dumps (~35 MB) fits: the batch takes it all in before it waits for the worker.
 */
const PARSE_AHEAD_BYTES = 64 * 1024 * 1024

/**
 * One import of many files, as the CLI, the app and the benchmark run it: each file is read and
 * parsed as it is added, and the parsed files are written together once they hold IMPORT_CHUNK
 * entries (and at finish). Memory stays bounded by one chunk however many files come.
 *
 * While the batch runs, SQLite's automatic WAL checkpoints are off: each would copy every page the
 * import just wrote into the database file inside the import (~0.3 s per year of dumps here). The
 * log is copied once, later: by Library.checkpoint() when the app is idle, or when the library closes.
 *
 * Each batch is one import in the history (ImportRecorder): its files are recorded in the
 * transactions that write their papers.
 *
 * A batch of many files (`files` ≥ PARSE_AHEAD_MIN_FILES) on a library with a parsing thread hashes
 * each file here and sends it there to be parsed and counted, and writes the files parsed so far
 * meanwhile: the same files, in the same order. When it has to wait for the parsing thread while
 * writing the rest (finish, write), it writes the files it holds into an open transaction instead,
 * and goes on writing each file into it as it comes: the transaction commits at IMPORT_CHUNK
 * entries as ever, and before the call returns (nothing else can write on the connection meanwhile).
 */
export class ImportBatch {
  /** One result per file added, in the order added (filled in as files are written). */
  readonly results: ImportResult[] = []
  /** Files of the transaction to come, in order: the first `written` are in `open` already. */
  private waiting: { index: number; prepared: PreparedDump }[] = []
  private open: ImportTransaction | null = null
  private written = 0
  /** Files in the parsing thread, in the order added (their bytes may have moved there). */
  private parsing: { index: number; input: ImportInput; size: number; seq: number }[] = []
  private parsingBytes = 0
  /** Transactions written so far. */
  private transactions = 0
  private readonly ahead: ParseAhead | null
  /** Vectors of papers from files this thread parsed itself: the parsing thread counts them later. */
  private readonly later: LaterVectors | null
  private entries = 0
  private readonly onResult?: (index: number, result: ImportResult) => void
  private readonly chunkEntries: number
  private readonly inFlightBytes: number
  private readonly recordRefused: boolean
  private readonly history: ImportRecorder
  /** Why the last write failed: busy, read-only or full, the library cannot take a history record either. */
  private writeError: ErrorCode | null = null

  constructor(
    private readonly library: Library,
    options: {
      /** Called as each file's result is known (for progress). */
      onResult?: (index: number, result: ImportResult) => void
      /** Entries per transaction (default IMPORT_CHUNK). */
      chunkEntries?: number
      /**
       * Where the files came from, kept in the history: 'app-drop', 'app-dialog', 'app-launch', 'cli'
       * (an open set: a watched folder or a fetch can add theirs). Default 'other'.
       */
      source?: string
      /**
       * Whether a file the parser refuses is kept in the history (default true). A fetched day that
       * does not parse changes nothing at all, not even the history.
       */
      recordRefused?: boolean
      /** How many files will be added, when known: a batch of many parses them in the library's parsing thread. */
      files?: number
      /** Bytes in the parsing thread at most (default PARSE_AHEAD_BYTES; tests make it small). */
      inFlightBytes?: number
      /** Papers whose vectors wait for counts from the parsing thread, at most (default IMPORT_CHUNK; tests make it small). */
      vectorsWaiting?: number
    } = {},
  ) {
    this.recordRefused = options.recordRefused ?? true
    this.onResult = options.onResult
    this.chunkEntries = options.chunkEntries ?? IMPORT_CHUNK
    this.inFlightBytes = options.inFlightBytes ?? PARSE_AHEAD_BYTES
    this.history = new ImportRecorder(library.db, options.source ?? 'other', !library.readOnly)
    this.ahead = (options.files ?? 0) >= PARSE_AHEAD_MIN_FILES ? library.parseAhead : null
    this.later = this.ahead ? new LaterVectors(this.ahead, options.vectorsWaiting ?? IMPORT_CHUNK) : null
    // files imported before are hashed, not parsed (a folder imported again each day)
    this.ahead?.tellKnown(library.dumpStore.knownHashes())
    library.bulkWrites(true)
  }

  /** This import's id in the history (null until something of it was recorded). */
  get importId(): number | null {
    return this.history.id
  }

  /** Files added whose results are not known yet. */
  get pending(): number {
    return this.waiting.length + this.parsing.length
  }

  add(input: ImportInput): void {
    const index = this.results.length
    this.results.push(failedResult(input.path, 'not written yet'))
    if (!this.ahead) return this.accept(index, this.library.prepareDump(input))
    const size = input.bytes.length
    this.parsing.push({ index, input, size, seq: this.ahead.submit(input, this.library.vectors) })
    this.parsingBytes += size
    // take back what is parsed already; wait for the oldest file while too much is in flight
    this.collect(() => this.parsingBytes > this.inFlightBytes)
  }

  /**
   * Takes back files from the parsing thread, in order: those ready, and while `wait()` those not
   * yet. Rather than wait idle, this thread writes what it holds: with `fill` (the caller commits
   * before it returns), into the open transaction; else, once that is a useful transaction of its
   * own: PARSE_AHEAD_FIRST_CHUNK entries for the first (so writing starts early), half a chunk later
   * (each transaction costs a commit of the indexes' pages and an FTS5 segment).
   */
  private collect(wait: () => boolean, fill = false): void {
    while (this.parsing.length) {
      const { index, input, size, seq } = this.parsing[0]!
      let taken = this.take(seq, false)
      if (taken === null) {
        if (!wait()) return
        if (fill) this.fill()
        else {
          const least = this.transactions === 0 ? PARSE_AHEAD_FIRST_CHUNK : this.chunkEntries / 2
          if (this.entries >= Math.min(least, this.chunkEntries)) this.writeWaiting(false)
        }
        taken = this.take(seq, true)!
      }
      this.parsing.shift()
      this.parsingBytes -= size
      if (taken instanceof MarginError) {
        this.failAt(index, input.path, taken.message, taken.code)
        continue
      }
      // the library decides what is known (the worker's list is as of the batch's start)
      const identified = this.library.identifyHashedDump({ path: input.path, size: taken.size, sha256: taken.sha256 })
      if (identified.result) this.accept(index, identified)
      else if (taken.outcome !== 'known') this.accept(index, this.library.completeDump(identified, taken.outcome))
      else {
        // known when the batch began, not now: parsed here after all
        const bytes = readOrError(taken.read)
        if (bytes instanceof MarginError) this.failAt(index, input.path, bytes.message, bytes.code)
        else this.accept(index, this.library.prepareDump({ ...input, bytes }))
      }
    }
  }

  /** File `seq` from the parsing thread, or why its moved bytes could not be read again here. */
  private take(seq: number, wait: boolean): Taken | MarginError | null {
    return readOrError(() => this.ahead!.take(seq, wait))
  }

  /** A file hashed and parsed: refused at once, or waiting to be written (a write when the chunk is full). */
  private accept(index: number, prepared: PreparedDump): void {
    if (prepared.result) {
      if (this.recordRefused) this.history.wait({ position: index, size: prepared.size, result: prepared.result, errorCode: 'notADump' })
      return this.settle(index, prepared.result)
    }
    this.results[index] = { ...this.results[index]!, dumpDate: prepared.dump!.dumpDate }
    this.waiting.push({ index, prepared })
    this.entries += prepared.dump!.entries.length
    if (this.open) this.fill()
    if (this.entries >= this.chunkEntries) this.writeWaiting(false)
  }

  /** Writes the files waiting into the open transaction (opening it). */
  private fill(): void {
    this.open ??= this.library.importTransaction()
    for (; this.written < this.waiting.length; this.written++) this.open.write(this.waiting[this.written]!.prepared)
  }

  /** Runs `fn`, which may fill a transaction: on an error of its own, what that transaction holds is undone. */
  private filling(fn: () => void): void {
    try {
      fn()
    } catch (e) {
      this.open?.rollback(e)
      this.open = null
      throw e
    }
  }

  /** Records a file that could not even be read (`code`: why, from src/shared/errors.ts). */
  fail(path: string, error: string, code: ErrorCode = 'io'): void {
    this.results.push(failedResult(path, 'not read'))
    this.failAt(this.results.length - 1, path, error, code)
  }

  private failAt(index: number, path: string, error: string, code: ErrorCode): void {
    const result = failedResult(path, error, code)
    this.history.wait({ position: index, size: null, result, errorCode: code })
    this.settle(index, result)
  }

  /** Writes the files still waiting (a transaction), without ending the batch. */
  write(): void {
    this.filling(() => {
      this.collect(() => true, true)
      this.writeWaiting(false)
    })
  }

  /** Writes what is waiting, ends the import in the history, and turns automatic checkpoints back on. */
  finish(): ImportResult[] {
    try {
      this.filling(() => {
        this.collect(() => true, true)
        if (this.waiting.length) this.writeWaiting(true)
        this.later?.finish(this.library.db)
      })
      if (!this.writeError || !['busy', 'readOnly', 'diskFull'].includes(this.writeError)) this.history.finish()
    } finally {
      this.library.bulkWrites(false)
    }
    return this.results
  }

  /** One transaction: the files waiting, and their history (with the end of the import when `last`). */
  private writeWaiting(last: boolean): void {
    this.fill()
    const transaction = this.open!
    const chunk = this.waiting
    this.transactions++
    this.waiting = []
    this.written = 0
    this.open = null
    this.entries = 0
    let recorded: number | null = null
    const { results, error } = transaction.commit(
      (written) => {
        recorded = this.history.recordIn(
          written.map((w, i) => ({ position: chunk[i]!.index, size: w.size, result: w.result, dumpId: w.dumpId, firstNewId: w.firstNewId, lastNewId: w.lastNewId })),
          last,
        )
      },
      this.later ? { vectors: this.later, last } : undefined,
    )
    if (error === null && recorded !== null) this.history.committed(recorded, last)
    this.writeError = error?.code ?? null
    chunk.forEach((c, i) => {
      // a failed transaction wrote nothing: its files are recorded later as failed, with the reason
      if (error) this.history.wait({ position: c.index, size: c.prepared.size, result: results[i]!, errorCode: error.code })
      this.settle(c.index, results[i]!)
    })
  }

  private settle(index: number, result: ImportResult): void {
    this.results[index] = result
    this.onResult?.(index, result)
  }
}

/** What `read` gives, or the MarginError it threw (a file read again: gone or unreadable now). */
function readOrError<T>(read: () => T): T | MarginError {
  try {
    return read()
  } catch (e) {
    if (e instanceof MarginError) return e
    throw e
  }
}

export function failedResult(path: string, error: string, code?: ErrorCode): ImportResult {
  return { path, status: 'failed', dumpDate: null, papers: 0, added: 0, merged: 0, updated: 0, warnings: [], error, ...(code ? { code } : {}) }
}
