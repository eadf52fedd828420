/**
 * The parsing thread of a large import (started by ./parseAhead.ts): hashes each file it is sent,
 * parses it unless the library holds those bytes already, and works out what it can of every entry
 * ahead (./jobs.ts), while the import's own thread writes the files parsed before. Replies in the
 * order files came, on the port it was given, and bumps a shared counter after each reply so a
 * thread blocked in Atomics.wait wakes up.
 *
 * A file the import's thread claimed first (it parsed it itself rather than wait) is not answered
 * in turn: its entries' term counts are worked out once no other file waits, and sent for a later
 * transaction of the import (the import's thread has the less time to spare of the two).
 *
 * It starts with the text dumps' parser alone: the API's parser brings zod, ~80 ms of a start the
 * import's thread waits for, and is loaded once the first JSON file comes.
 */
import { createHash } from 'node:crypto'
import { type MessagePort, workerData } from 'node:worker_threads'
import { looksLikeJson } from '../../dump/decode'
import { type FileToParse, type ParsedImport, parseTextImport } from '../../dump/parseTextImport'
import { claim, type KnownFiles, laterCounts, type ParseJob, type ParseReply, packParse, SIGNAL, transferables } from './jobs'

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array }
// running: the import's thread waits for answers from now on instead of giving up on this thread
Atomics.store(signal, SIGNAL.started, 1)

type Parse = (input: FileToParse) => ParsedImport | { refused: string }
let parseAny: Parse | null = null

const known = new Set<string>()
/** Messages in the order they came (a JSON file waits for the API's parser to load; later ones wait behind it). */
const queue: (ParseJob | KnownFiles)[] = []
/** Files the import's thread claimed, whose term counts it wants: counted when the queue is empty. */
const countLater: ParseJob[] = []
/** Files kept for countLater at most (their bytes, ~100 KB a dump): past it, the import's thread counts them. */
const COUNT_LATER_MAX = 256
let draining = false

port.on('message', (message: ParseJob | KnownFiles) => {
  queue.push(message)
  void drain()
})

async function drain(): Promise<void> {
  if (draining) return
  draining = true
  try {
    for (;;) {
      const message = queue.shift()
      if (message) {
        if ('known' in message) for (const sha256 of message.known) known.add(sha256)
        else await answer(message)
        continue
      }
      const job = countLater.shift()
      if (!job) break
      await countFor(job)
      // files sent meanwhile come first
      await new Promise((resolve) => setImmediate(resolve))
    }
  } finally {
    draining = false
  }
}

/** The file parsed, or null when the library holds its bytes (`sha256`). */
async function parse(job: ParseJob, sha256: string): Promise<ReturnType<Parse> | null> {
  if (known.has(sha256)) return null
  const input = { path: job.path, bytes: job.bytes, modifiedAt: job.modifiedAt === null ? undefined : new Date(job.modifiedAt) }
  if (!parseAny && looksLikeJson(job.bytes)) parseAny = (await import('../../dump/parseImport')).parseImport
  return (parseAny ?? parseTextImport)(input)
}

const hash = (job: ParseJob) => createHash('sha256').update(job.bytes).digest('hex')

async function answer(job: ParseJob): Promise<void> {
  if (!claim(signal, job.seq)) {
    if (!job.vectors) return
    if (countLater.length < COUNT_LATER_MAX) countLater.push(job)
    else post(laterCounts(job.seq, '', null).reply, [])
    return
  }
  let reply: ParseReply
  let transfer: ArrayBuffer[] = []
  const sha256 = hash(job)
  try {
    const parsed = await parse(job, sha256)
    if (parsed === null) reply = { seq: job.seq, sha256, known: true }
    else if ('refused' in parsed) reply = { seq: job.seq, sha256, refused: parsed.refused }
    else {
      const packed = packParse(parsed, job.vectors)
      transfer = transferables(packed)
      reply = { seq: job.seq, sha256, parsed: packed }
    }
  } catch (e) {
    // the import's thread parses this file again itself, and fails there as it always did
    reply = { seq: job.seq, sha256, failed: e instanceof Error ? e.message : String(e) }
  }
  post(reply, transfer)
}

async function countFor(job: ParseJob): Promise<void> {
  const sha256 = hash(job)
  let entries = null
  try {
    const parsed = await parse(job, sha256)
    if (parsed && !('refused' in parsed)) entries = parsed.entries
  } catch {
    // none: the import's thread counts them itself
  }
  const { reply, transfer } = laterCounts(job.seq, sha256, entries)
  post(reply, transfer)
}

function post(message: unknown, transfer: ArrayBuffer[]): void {
  port.postMessage(message, transfer)
  Atomics.add(signal, SIGNAL.answers, 1)
  Atomics.notify(signal, SIGNAL.answers)
}
