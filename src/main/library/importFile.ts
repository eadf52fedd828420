/**
 * Reading a file to import, for the CLI and the app alike: `stat` first, so a FIFO, a device such
 * as /dev/zero, a folder or a socket is refused at once (never opened: opening a FIFO for reading
 * waits for a writer forever), and so is a file over MAX_IMPORT_BYTES (never read). The file is
 * then opened without blocking and checked again on its descriptor, in case it was swapped meanwhile.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs'
import { MarginError } from '../errors'
import { MAX_IMPORT_BYTES } from '../../shared/contract/channels/imports'
import type { ImportInput } from './library'

const MB = 1024 * 1024

/** The sentences leave out the path: results and the CLI show it beside them. */
function tooLarge(size: number): MarginError {
  return new MarginError(
    'tooLarge',
    `the file is ${Math.max(1, Math.round(size / MB))} MB, larger than the ${MAX_IMPORT_BYTES / MB} MB a file may be (a daily dump is about 100 KB)`,
  )
}

function refuseUnlessImportable(info: Stats): void {
  if (info.isDirectory()) throw new MarginError('notAFile', 'this is a folder, not a file')
  if (!info.isFile()) throw new MarginError('notAFile', 'not a regular file (a pipe, a device or a socket), so not a dump')
  if (info.size > MAX_IMPORT_BYTES) throw tooLarge(info.size)
}

/** Reads a file for import or throws a MarginError (notFound, notAFile, tooLarge, io) with a sentence. */
export function readImportFile(path: string): ImportInput {
  let info: Stats
  try {
    info = statSync(path)
  } catch (e) {
    throw systemError(e)
  }
  refuseUnlessImportable(info)
  let fd: number
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (e) {
    throw systemError(e)
  }
  try {
    const opened = fstatSync(fd)
    refuseUnlessImportable(opened)
    // read at most one byte past the cap: a file that grew meanwhile is refused, never read whole
    const bytes = Buffer.alloc(Math.min(opened.size, MAX_IMPORT_BYTES) + 1)
    let length = 0
    for (let n; length < bytes.length && (n = readSync(fd, bytes, length, bytes.length - length, null)) > 0; ) length += n
    if (length > MAX_IMPORT_BYTES) throw tooLarge(length)
    return { path, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, length), modifiedAt: opened.mtime, readAgain: () => readImportFile(path).bytes }
  } catch (e) {
    if (e instanceof MarginError) throw e
    throw systemError(e)
  } finally {
    closeSync(fd)
  }
}

function systemError(e: unknown): MarginError {
  const code = (e as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return new MarginError('notFound', 'no such file')
  if (code === 'EACCES' || code === 'EPERM') return new MarginError('io', 'the file cannot be read (permission denied)')
  if (code === 'EISDIR') return new MarginError('notAFile', 'this is a folder, not a file')
  return new MarginError('io', `the file cannot be read: ${(e as Error).message}`)
}
