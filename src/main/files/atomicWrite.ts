/**
 * Every file Margin writes goes through here: the bytes go to a new temporary file in the same
 * folder (`.name.<random>.tmp`, created exclusively, so it never follows a link), are flushed to
 * disk, and the temporary file is renamed over the target. A reader (or a crash, or a full disk)
 * sees the old file whole or the new one whole, never a mix; on failure the temporary file is
 * removed and the error is rethrown.
 *
 * The target itself is replaced, not written through: if it is a symlink, the link is replaced by a
 * file. Callers that must not do that check first (the Markdown vault refuses symlinks; a file the
 * user named explicitly can be resolved with `resolveTarget`).
 */
import { randomBytes } from 'node:crypto'
import { closeSync, fchmodSync, fsyncSync, lstatSync, openSync, realpathSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { open, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

export interface AtomicWriteOptions {
  /** Permission bits of a new file (before the umask). An existing file keeps its own. */
  mode?: number
  /**
   * Flush the folder after the rename (default true). A caller writing many files into one folder
   * passes false and calls `syncFolder` once at the end: each flush costs ~5 ms on a VM's disk.
   */
  syncFolder?: boolean
  /** Test seam: writes the bytes to the open temporary file (to inject ENOSPC or EIO). */
  write?: (fd: number, bytes: Uint8Array) => void
}

/** A fresh temporary name beside `path`; the leading dot hides it from most file lists. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
}

/** The mode to give the new file: the existing regular file's permissions, else the default. */
function modeFor(path: string, mode = 0o666): { mode: number; keep: boolean } {
  try {
    const st = lstatSync(path)
    if (st.isFile()) return { mode: st.mode & 0o7777, keep: true }
  } catch {
    // no file yet
  }
  return { mode, keep: false }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done, bytes.byteLength - done)
}

/** Flushes the folder's entries (the renames) where the platform allows it (not Windows). */
export function syncFolder(dir: string): void {
  let fd: number | undefined
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // best effort: the file's own data is already on disk
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

const bytesOf = (data: string | Uint8Array): Uint8Array => (typeof data === 'string' ? Buffer.from(data, 'utf8') : data)

export function writeFileAtomicSync(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  writeChunksAtomicSync(path, [data], options)
}

/**
 * The same for a file made piece by piece (a 100,000-paper export): each chunk is written to the
 * temporary file as it comes, so the whole text is never held at once; the rename happens only
 * after the last chunk, and a failure on any of them (or in the code making them) leaves the old file.
 */
export function writeChunksAtomicSync(path: string, chunks: Iterable<string | Uint8Array>, options: AtomicWriteOptions = {}): void {
  const { mode, keep } = modeFor(path, options.mode)
  const tmp = tempPathFor(path)
  let fd: number | undefined
  let created = false
  try {
    fd = openSync(tmp, 'wx', mode)
    created = true
    // the umask narrowed the mode given to open; an existing file's permissions are kept exactly
    if (keep) fchmodSync(fd, mode)
    for (const chunk of chunks) (options.write ?? writeAll)(fd, bytesOf(chunk))
    fsyncSync(fd)
    closeSync(fd)
    fd = undefined
    renameSync(tmp, path)
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd)
      } catch {
        // already failing; the temporary file is removed below
      }
    }
    if (created) {
      try {
        unlinkSync(tmp)
      } catch {
        // renamed after all, or its folder went away
      }
    }
    throw e
  }
  if (options.syncFolder !== false) syncFolder(dirname(path))
}

/** The same, without holding the event loop while a large export is written (the app's main process). */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: Pick<AtomicWriteOptions, 'mode'> = {}): Promise<void> {
  const bytes = bytesOf(data)
  const { mode, keep } = modeFor(path, options.mode)
  const tmp = tempPathFor(path)
  const handle = await open(tmp, 'wx', mode)
  try {
    if (keep) await handle.chmod(mode)
    await handle.writeFile(bytes)
    await handle.sync()
    await handle.close()
    await rename(tmp, path)
  } catch (e) {
    await handle.close().catch(() => {})
    await unlink(tmp).catch(() => {})
    throw e
  }
  syncFolder(dirname(path))
}

/**
 * Where to write a file the user named (`--out refs.bib`, the save dialog): a symlink they chose is
 * followed to its real file, so the link stays a link and the file it points to gets the export.
 */
export function resolveTarget(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}
