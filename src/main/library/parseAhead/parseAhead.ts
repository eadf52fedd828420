/**
 * Parsing ahead on the second core: a large import sends its files to a worker thread
 * (./worker.ts) that hashes and parses them and works out their entries' title keys and term
 * counts, while the import's own thread writes the files parsed before. Results are taken
 * synchronously (the import is a synchronous loop: receiveMessageOnPort, with Atomics.wait while
 * the worker is still busy), so the import keeps one shape whether it parses here or there.
 *
 * Whenever the import's thread would wait idle, it parses a file itself instead (jobs.ts: each file
 * is claimed by exactly one thread): while the worker starts (~70 ms for a Node worker), the file
 * it waits for; once the worker runs, the next file the worker has not reached, while the worker
 * parses the one it waits for. A small import may never need the worker; a large one keeps both
 * threads busy whichever is faster on the day.
 *
 * If the worker does not answer (it could not start, or died), the files still waiting are parsed
 * in this thread: the worker only ever makes an import faster, never different.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads'
import { parseImport, type ParsedImport } from '../../dump/parseImport'
import { claim, type EntriesAhead, type KnownFiles, type LaterCounts, type ParseJob, type ParseReply, SIGNAL, unpackLaterCounts, unpackParse } from './jobs'

/**
 * One file parsed: its day and entries (with what the parsing thread worked out ahead for them), or
 * why not. `later`: parsed in the import's thread, and the worker sends its entries' term counts
 * later (laterCounts(later)).
 */
export type ParseOutcome = (ParsedImport & { ahead?: EntriesAhead; later?: number }) | { refused: string }

/**
 * How long the worker may take to start (it says so), and to answer for one file, before this
 * thread gives up on it and parses everything itself.
 */
const LIMITS = { startMs: 5_000, answerMs: 20_000 }


let builtWorker: string | null = null

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/**
 * Called by the entries the build makes (the backend process, the CLI) with their own
 * import.meta.url: the parsing thread is built beside them (out/main/parseWorker.js). Libraries
 * opened afterwards parse large imports there; elsewhere (tests on the sources) they parse in their thread.
 */
export function useParseWorkerBeside(entryUrl: string): void {
  const path = join(dirname(fileURLToPath(entryUrl)), 'parseWorker.js')
  builtWorker = existsSync(path) ? path : null
}

/** The built parsing thread, when an entry found one (useParseWorkerBeside). */
export function builtParseWorker(): string | null {
  return builtWorker
}

/** A file taken back: its size and hash as parsed, what parsing gave, and its bytes (read again if they were moved). */
export interface Taken {
  size: number
  sha256: string
  outcome: ParseOutcome | 'known'
  read: () => Uint8Array
}

export class ParseAhead {
  private worker: Worker | null = null
  private port: MessagePort | null = null
  /** Set once the worker could not start or stopped answering: later files are parsed here. */
  private failed = false
  private signal = new Int32Array(new SharedArrayBuffer(SIGNAL.length * 4))
  private startedAt = 0
  private nextSeq = 0
  /**
   * Files sent and not yet answered, by sequence number (kept to parse here should the worker fail):
   * their bytes, or how to read them again when they were moved to the worker.
   */
  private readonly sent = new Map<
    number,
    { path: string; size: number; bytes: Uint8Array | null; readAgain?: () => Uint8Array; modifiedAt?: Date; vectors: boolean }
  >()
  /** Answers received for another batch's files (two imports may share the worker). */
  private readonly received = new Map<number, ParseReply>()
  /** Files this thread claimed ahead of their turn and parsed while it waited (the result, or what parsing threw). */
  private readonly parsedHere = new Map<number, () => Taken>()
  /** What tellKnown said, for the files this thread takes itself. */
  private readonly knownHere = new Set<string>()
  /**
   * Files this thread claimed and parsed itself, whose entries' term counts the worker sends once it
   * has nothing else to parse: the hash this thread read, and the counts once they came (null: none).
   */
  private readonly promised = new Map<number, { sha256: string; counts?: Uint8Array[] | null }>()

  /** Time this thread spent blocked waiting for the worker (the benchmark reports it). */
  waitedMs = 0
  /** Files the worker answered for; `known`: files hashed and found known (by either thread), not parsed. */
  answered = 0
  known = 0
  /** Files this thread claimed and parsed itself rather than wait idle (for a worker starting, or busy). */
  claimed = 0
  /** Of those, files whose term counts came from the worker afterwards. */
  countedLater = 0
  private readonly limits: typeof LIMITS

  constructor(
    private readonly workerPath: string,
    limits: Partial<typeof LIMITS> = {},
  ) {
    this.limits = { ...LIMITS, ...limits }
  }

  /** Whether the worker runs (it has started, and takes every file from now on). */
  get running(): boolean {
    return Atomics.load(this.signal, SIGNAL.started) === 1
  }

  /** Tells the worker files the library holds (their SHA-256): it will not parse them again. */
  tellKnown(hashes: string[]): void {
    for (const sha256 of hashes) this.knownHere.add(sha256)
    const message: KnownFiles = { known: hashes }
    this.start()?.postMessage(message)
  }

  /** Sends a file to be hashed and parsed; returns its number, for take(). */
  submit(input: { path: string; bytes: Uint8Array; modifiedAt?: Date; readAgain?: () => Uint8Array }, vectors: boolean): number {
    const seq = this.nextSeq++
    const port = this.start()
    // bytes that can be read again are moved (no copy of 35 MB a year); others are copied (Buffer's
    // slice is a view, possibly on Node's shared pool): their caller keeps them, and this thread
    // needs them should the worker fail
    const move = port !== null && input.readAgain !== undefined
    const size = input.bytes.length
    this.sent.set(seq, { path: input.path, size, bytes: move ? null : input.bytes, readAgain: input.readAgain, modifiedAt: input.modifiedAt, vectors })
    if (port) {
      const bytes = move ? input.bytes : new Uint8Array(input.bytes)
      const job: ParseJob = { seq, path: input.path, bytes, modifiedAt: input.modifiedAt?.getTime() ?? null, vectors }
      port.postMessage(job, [bytes.buffer as ArrayBuffer])
    }
    return seq
  }

  /**
   * File `seq`, hashed and parsed ('known': not parsed, as the library held its bytes when the
   * batch began). With `wait`, blocks this thread until the worker has it; without, returns null
   * when it is not ready yet. Throws what parsing throws (a bug, not a bad file), and what reading
   * a moved file again throws (a MarginError: the file is gone or unreadable now).
   */
  take(seq: number, wait: boolean): Taken | null {
    const early = this.parsedHere.get(seq)
    if (early) {
      this.parsedHere.delete(seq)
      return early()
    }
    const reply = this.reply(seq, wait)
    if (reply === null) return null
    if (reply === 'here' || reply === 'claimed' || 'failed' in reply) return this.parseHere(seq, reply === 'claimed')
    const input = this.sent.get(seq)!
    this.sent.delete(seq)
    const read = () => input.bytes ?? input.readAgain!()
    this.answered++
    const taken = { size: input.size, sha256: reply.sha256, read }
    if ('known' in reply) {
      this.known++
      return { ...taken, outcome: 'known' }
    }
    if ('refused' in reply) return { ...taken, outcome: { refused: reply.refused } }
    return { ...taken, outcome: unpackParse(reply.parsed) }
  }

  /**
   * File `seq` hashed, and parsed unless known, in this thread (its bytes read again if they were
   * moved). `claimed`: this thread claimed it from a live worker, which counts its terms later.
   */
  private parseHere(seq: number, claimed: boolean): Taken {
    const input = this.sent.get(seq)!
    this.sent.delete(seq)
    const bytes = input.bytes ?? input.readAgain!()
    const sha256 = sha256Of(bytes)
    const taken = { size: bytes.length, sha256, read: () => bytes }
    if (this.knownHere.has(sha256)) {
      this.known++
      return { ...taken, outcome: 'known' }
    }
    const outcome = parseImport({ ...input, bytes })
    if (!claimed || !input.vectors || !this.port || 'refused' in outcome) return { ...taken, outcome }
    this.promised.set(seq, { sha256 })
    return { ...taken, outcome: { ...outcome, later: seq } }
  }

  /**
   * The term counts of the entries of file `seq`, which this thread parsed itself (its outcome's
   * `later`), from the worker: undefined while they may still come, null when they will not (count
   * them here). Never waits.
   */
  laterCounts(seq: number): Uint8Array[] | null | undefined {
    const promise = this.promised.get(seq)
    if (!promise) return null
    if (promise.counts === undefined) while (this.port && this.receive());
    return promise.counts !== undefined ? promise.counts : this.port ? undefined : null
  }

  /** Drops what laterCounts kept for these files (their papers have their vectors, or will not). */
  forgetLaterCounts(seqs: Iterable<number>): void {
    for (const seq of seqs) this.promised.delete(seq)
  }

  /**
   * Claims the next file the running worker has not reached, if it is one of these, and parses it
   * now (take() returns it, or throws what parsing it threw, in its turn). False when there is none.
   */
  private parseNextHere(after: number): boolean {
    const next = Atomics.load(this.signal, SIGNAL.claimed)
    if (next <= after || !this.sent.has(next) || !claim(this.signal, next)) return false
    this.claimed++
    try {
      const taken = this.parseHere(next, true)
      this.parsedHere.set(next, () => taken)
    } catch (e) {
      this.parsedHere.set(next, () => {
        throw e
      })
    }
    return true
  }

  /** Stops the worker (the library closes). Files still to be taken are parsed in this thread. */
  close(): void {
    const worker = this.worker
    this.worker = null
    this.port?.close()
    this.port = null
    void worker?.terminate()
  }

  /** The worker's port, starting the worker on first use; null once it has failed. */
  private start(): MessagePort | null {
    if (this.port || this.failed) return this.port
    try {
      const { port1, port2 } = new MessageChannel()
      const worker = new Worker(this.workerPath, { workerData: { port: port2, signal: this.signal }, transferList: [port2] })
      // never keeps a CLI process alive; an error ends its use (waiting files are parsed here)
      worker.unref()
      port1.unref()
      worker.on('error', () => this.fail())
      worker.on('exit', () => {
        if (this.worker === worker) this.fail()
      })
      this.worker = worker
      this.port = port1
      this.startedAt = Date.now()
    } catch {
      this.fail()
    }
    return this.port
  }

  /** The worker is gone: every file sent and not answered is parsed here, and so are later ones. */
  private fail(): void {
    this.failed = true
    this.close()
  }

  /**
   * Takes one message from the worker, if one came: an answer is kept for take(), counts for
   * laterCounts(). False when none is there.
   */
  private receive(): boolean {
    const message = receiveMessageOnPort(this.port!)
    if (!message) return false
    const reply = message.message as ParseReply | LaterCounts
    if ('countsFor' in reply) {
      const promise = this.promised.get(reply.countsFor)
      if (promise && promise.counts === undefined) {
        // counts of other bytes than this thread parsed (the file changed on disk meanwhile) are no use
        promise.counts = reply.sha256 === promise.sha256 ? unpackLaterCounts(reply) : null
        if (promise.counts) this.countedLater++
      }
    } else if (this.sent.has(reply.seq)) this.received.set(reply.seq, reply)
    // (a worker that answers a file this thread claimed: the file is taken already)
    return true
  }

  /**
   * The worker's answer for `seq`; 'here' when this thread must parse it, 'claimed' when it took it
   * from the worker (which counts its terms later); null when not ready and not waiting.
   */
  private reply(seq: number, wait: boolean): ParseReply | 'here' | 'claimed' | null {
    const deadline = Date.now() + this.limits.answerMs
    const startBy = this.startedAt + this.limits.startMs
    for (;;) {
      const kept = this.received.get(seq)
      if (kept) {
        this.received.delete(seq)
        return kept
      }
      if (!this.port) return 'here'
      const seen = Atomics.load(this.signal, SIGNAL.answers)
      if (this.receive()) continue
      if (!wait) return null
      // rather than wait idle: the file itself when the worker has not taken it (it may be starting)
      if (claim(this.signal, seq)) {
        this.claimed++
        // a worker that never starts is given up: later files are not sent to it
        if (!this.running && Date.now() > startBy) this.fail()
        return 'claimed'
      }
      // or, while the worker parses it, the next file
      if (this.running && this.parseNextHere(seq)) continue
      // a worker that cannot start reports it as an event, which cannot arrive while this thread waits
      if (Date.now() > deadline || (!this.running && Date.now() > startBy)) {
        this.fail()
        return 'here'
      }
      // the worker bumps the counter after each answer it posts
      const t = performance.now()
      Atomics.wait(this.signal, SIGNAL.answers, seen, 100)
      this.waitedMs += performance.now() - t
    }
  }
}
