/**
 * Importing one settled file of the inbox folder, through the same path as any import
 * (ImportBatch, as every import: one transaction, recorded in the import history). Each file is remembered by its content's
 * sha-256, so a restart, a rename or a copy neither imports it again nor reports its failure again.
 * The file is only read: never moved, renamed or deleted, whatever happens.
 */
import { createHash } from 'node:crypto'
import { MarginError } from '../errors'
import { ImportBatch } from '../library/importBatch'
import { readImportFile } from '../library/importFile'
import type { Library } from '../library/library'
import type { ImportResult } from '../../shared/contract/shapes/library'

export interface InboxOutcome {
  name: string
  /** `seen`: this content came through the inbox before (under `seenAs`). */
  status: 'imported' | 'updated' | 'already-imported' | 'failed' | 'seen'
  result: ImportResult | null
  error: string | null
  seenAs?: string
}

export function importInboxFile(lib: Library, path: string, name: string): InboxOutcome {
  let input
  try {
    input = readImportFile(path)
  } catch (e) {
    // unreadable (permissions, gone): not remembered, the watcher reports it once per version of the file
    return { name, status: 'failed', result: null, error: e instanceof MarginError ? e.message : String(e) }
  }
  const sha256 = createHash('sha256').update(input.bytes).digest('hex')
  const known = lib.fetchLog.inboxFile(sha256)
  if (known) return { name, status: 'seen', result: null, error: known.error, seenAs: known.name }
  input.path = name
  // through the one import path, so the file is in the import history like any other
  const batch = new ImportBatch(lib, { source: 'inbox' })
  batch.add(input)
  const result = batch.finish()[0]!
  // a file refused by the parser (a failure without a code) is refused for good; one the library
  // could not write (busy, a full disk) is not remembered, so it is tried again when it changes or
  // the watch restarts
  const settled = result.status !== 'failed' || result.code === undefined
  if (settled) {
    lib.fetchLog.recordInboxFile({ sha256, name, status: result.status, error: result.error, seenAt: new Date().toISOString() })
  }
  if (result.status === 'imported' || result.status === 'updated') lib.learnVocabulary({ wait: false, rebuild: false })
  return { name, status: result.status, result, error: result.error }
}

/** One line per file, as `margin watch` prints it and the app shows it. */
export function describeInbox(o: InboxOutcome): string {
  const r = o.result
  const day = r?.dumpDate ? ` (${r.dumpDate})` : ''
  switch (o.status) {
    case 'imported':
      return `${o.name}${day}: ${r!.papers} papers: ${r!.added} new, ${r!.merged} already in the library`
    case 'updated':
      return `${o.name}${day}: updated the day's dump: ${r!.added} new, ${r!.merged} already in the library`
    case 'already-imported':
      return `${o.name}${day}: already imported, nothing changed`
    case 'seen':
      return `${o.name}: seen before${o.seenAs && o.seenAs !== o.name ? ` as ${o.seenAs}` : ''}, nothing changed`
    case 'failed':
      return `${o.name}${day}: failed: ${o.error} (left where it is)`
  }
}
