/**
 * A folder Margin exports into (a Markdown vault) that belongs to the user. The rules:
 * - Margin never deletes a file.
 * - It updates a file only while its content is exactly what Margin last wrote there (the manifest's
 *   hash); a file the user edited, or one Margin has no record of writing, is kept as it is and the
 *   new export goes beside it (`x (Margin).md`).
 * - It never follows a symlink and never writes outside the folder: a symlink (or a folder) where a
 *   file would go is left alone and reported.
 * - Every write, the manifest's included, is atomic (src/main/files/atomicWrite.ts).
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, realpathSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { syncFolder, writeFileAtomicSync } from './atomicWrite'
import { MANIFEST_NAME, type ManifestEntry, manifestText, parseManifest, sha256 } from './manifest'

/** Larger than any note Margin writes: such a file is read no further and is the user's. */
const MAX_OWN_FILE_BYTES = 16 * 1024 * 1024

export type KeptReason = 'edited' | 'unknown' | 'otherPaper'
export type SkippedReason = 'symlink' | 'notAFile' | 'unsafeName'

export interface FolderReport {
  /** The folder's real path. */
  dir: string
  /** New files. */
  written: string[]
  /** Files Margin wrote before, rewritten with new content. */
  updated: string[]
  unchanged: string[]
  /** Files left as they were because they are the user's; `exportedTo` holds the new export (null: not written). */
  kept: { file: string; reason: KeptReason; exportedTo: string | null }[]
  /** Symlinks and non-files where a file would go, left alone. */
  skipped: { file: string; reason: SkippedReason; exportedTo: string | null }[]
  /** One sentence per kept or skipped file (and anything else the user should know). */
  messages: string[]
}

type Found = { kind: 'missing' } | { kind: 'symlink' } | { kind: 'notAFile' } | { kind: 'file'; bytes: Buffer | null }
type Outcome = { done: true } | { done: false; kept: KeptReason } | { done: false; skipped: SkippedReason }

const code = (name: string): string => `\`${name}\``

function keptMessage(file: string, reason: KeptReason | SkippedReason, exportedTo: string | null): string {
  const why = {
    edited: `kept your edited ${code(file)}`,
    unknown: `kept ${code(file)} (Margin has no record of writing it)`,
    otherPaper: `kept ${code(file)} (another paper's export)`,
    symlink: `left ${code(file)} alone: it is a symbolic link, which Margin does not write through`,
    notAFile: `left ${code(file)} alone: it is not a regular file`,
    unsafeName: `did not write ${code(file)}: the name is not a plain file name`,
  }[reason]
  return exportedTo ? `${why}; the new export is ${code(exportedTo)}` : `${why}; the new export was not written`
}

/** A plain file name: no folder parts, nothing that resolves outside the folder. */
function isPlainName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name) && name.length <= 255
}

export class ExportFolder {
  readonly report: FolderReport
  private readonly manifest: Map<string, ManifestEntry>
  private readonly savedManifest: string
  /** False when `.margin-export.json` is a symlink or not a file: Margin then records nothing. */
  private readonly canRecord: boolean
  /** Files whose paper moved to another name in this export: another paper may take them over. */
  private readonly released = new Set<string>()
  /** Files were renamed into the folder since the last save: its entries need one flush. */
  private dirty = false

  private constructor(readonly dir: string) {
    this.report = { dir, written: [], updated: [], unchanged: [], kept: [], skipped: [], messages: [] }
    const found = this.find(MANIFEST_NAME)
    this.canRecord = found.kind === 'missing' || found.kind === 'file'
    const text = found.kind === 'file' && found.bytes ? found.bytes.toString('utf8') : null
    const parsed = text === null ? null : parseManifest(text)
    this.manifest = parsed ?? new Map()
    this.savedManifest = parsed ? manifestText(parsed) : ''
    if (!this.canRecord) {
      this.report.messages.push(
        `left ${code(MANIFEST_NAME)} alone (${found.kind === 'symlink' ? 'a symbolic link' : 'not a regular file'}): without it, Margin treats every file here as yours`,
      )
    } else if (found.kind === 'file' && !parsed) {
      this.report.messages.push(`${code(MANIFEST_NAME)} could not be read: the files it listed are treated as yours`)
    }
  }

  /** Creates the folder if needed and reads what Margin wrote there before. */
  static open(dir: string): ExportFolder {
    mkdirSync(dir, { recursive: true })
    const real = realpathSync.native(dir)
    if (!lstatSync(real).isDirectory()) throw Object.assign(new Error(`${dir} is not a folder`), { code: 'ENOTDIR' })
    return new ExportFolder(real)
  }

  /** File name → what Margin wrote there. */
  entries(): ReadonlyMap<string, ManifestEntry> {
    return this.manifest
  }

  /** Margin stops managing a file (it stays on disk, as it is, and is never touched again). */
  forget(name: string): void {
    this.manifest.delete(name)
    this.released.delete(name)
  }

  /** Another paper of this export may take over `name` while it is unchanged (keys that swapped). */
  release(name: string): void {
    this.released.add(name)
  }

  /**
   * Writes `content` as `name` for paper `id` under the folder's rules; when `name` is the user's,
   * the first of `alternates` that is free or Margin's gets it. Returns the file written (or found
   * already up to date), null when none could be.
   */
  put(name: string, content: string, id: number, alternates: readonly string[] = []): string | null {
    const bytes = Buffer.from(content, 'utf8')
    const first = this.tryPut(name, bytes, id)
    if (first.done) return name
    let exportedTo: string | null = null
    for (const alt of alternates) {
      if (this.tryPut(alt, bytes, id).done) {
        exportedTo = alt
        break
      }
    }
    if ('kept' in first) {
      this.report.kept.push({ file: name, reason: first.kept, exportedTo })
      this.report.messages.push(keptMessage(name, first.kept, exportedTo))
    } else {
      this.report.skipped.push({ file: name, reason: first.skipped, exportedTo })
      this.report.messages.push(keptMessage(name, first.skipped, exportedTo))
    }
    return exportedTo
  }

  /** Writes the manifest (atomically) when it changed; released files nobody took over are forgotten. */
  save(): void {
    for (const name of this.released) this.manifest.delete(name)
    this.released.clear()
    const text = manifestText(this.manifest)
    if (this.canRecord && text !== this.savedManifest) {
      writeFileAtomicSync(this.pathOf(MANIFEST_NAME), text, { syncFolder: false })
      this.dirty = true
    }
    if (this.dirty) syncFolder(this.dir)
    this.dirty = false
  }

  private tryPut(name: string, bytes: Buffer, id: number): Outcome {
    if (!isPlainName(name)) return { done: false, skipped: 'unsafeName' }
    const found = this.find(name)
    if (found.kind === 'symlink' || found.kind === 'notAFile') return { done: false, skipped: found.kind }
    const hash = sha256(bytes)
    if (found.kind === 'missing') {
      this.write(name, bytes)
      this.manifest.set(name, { sha256: hash, id })
      this.report.written.push(name)
      return { done: true }
    }
    if (found.bytes?.equals(bytes)) {
      this.manifest.set(name, { sha256: hash, id })
      this.released.delete(name)
      this.report.unchanged.push(name)
      return { done: true }
    }
    const entry = this.manifest.get(name)
    const untouched = !!entry && !!found.bytes && sha256(found.bytes) === entry.sha256
    if (entry && untouched && (entry.id === id || this.released.has(name))) {
      this.write(name, bytes)
      this.manifest.set(name, { sha256: hash, id })
      this.released.delete(name)
      this.report.updated.push(name)
      return { done: true }
    }
    return { done: false, kept: !entry ? 'unknown' : untouched ? 'otherPaper' : 'edited' }
  }

  /** The path of `name` in the folder, checked to be directly inside its real path. */
  private pathOf(name: string): string {
    const path = resolve(this.dir, name)
    if (!isPlainName(name) || dirname(path) !== this.dir || realpathSync.native(dirname(path)) !== this.dir) {
      throw new Error(`refusing to write ${name} outside ${this.dir}`)
    }
    return path
  }

  private write(name: string, bytes: Buffer): void {
    // rename replaces the directory entry: even a symlink put there since find() is not written through
    writeFileAtomicSync(this.pathOf(name), bytes, { syncFolder: false })
    this.dirty = true
  }

  /** What is at `name` now, without following a symlink; a regular file's bytes (null when too large). */
  private find(name: string): Found {
    const path = join(this.dir, name)
    let fd: number
    try {
      const st = lstatSync(path)
      if (st.isSymbolicLink()) return { kind: 'symlink' }
      if (!st.isFile()) return { kind: 'notAFile' }
      // O_NOFOLLOW: a symlink swapped in since lstat is refused (ELOOP), not read through
      fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0))
    } catch (e) {
      const c = (e as NodeJS.ErrnoException).code
      if (c === 'ENOENT') return { kind: 'missing' }
      if (c === 'ELOOP') return { kind: 'symlink' }
      throw e
    }
    try {
      const size = fstatSync(fd).size
      if (size > MAX_OWN_FILE_BYTES) return { kind: 'file', bytes: null }
      const bytes = Buffer.alloc(size)
      let done = 0
      while (done < size) {
        const n = readSync(fd, bytes, done, size - done, done)
        if (n === 0) break
        done += n
      }
      return { kind: 'file', bytes: bytes.subarray(0, done) }
    } finally {
      closeSync(fd)
    }
  }
}
