/**
 * Watches one folder for files that appear or change, and hands each on once it has settled: its
 * size and modification time unchanged for `settleMs` (a browser still writing a download is not
 * read half-way). Node's fs.watch says when to look; a scan every `pollMs` is the fallback where its
 * events are unreliable (network drives, some container file systems), so nothing depends on them.
 * Only the folder itself is read (not its subfolders), and nothing in it is ever moved or deleted.
 */
import { type FSWatcher, readdirSync, statSync, watch } from 'node:fs'
import { extname, join } from 'node:path'

/** What the importer reads: page dumps as text, Markdown or HTML, and API answers as JSON. */
export const INBOX_EXTENSIONS = ['.txt', '.text', '.md', '.html', '.htm', '.json']

/** A file worth looking at: an importable extension, not hidden (editors' and browsers' temporary files are). */
export function isInboxCandidate(name: string): boolean {
  return !name.startsWith('.') && INBOX_EXTENSIONS.includes(extname(name).toLowerCase())
}

export interface SettledFile {
  path: string
  name: string
  size: number
  modifiedAt: Date
  /** The file was already there when watching began. */
  initial: boolean
}

export interface FolderWatcherOptions {
  settleMs?: number
  pollMs?: number
  /** Called once per settled version of a file, one at a time (the next waits for a returned promise). */
  onSettled: (file: SettledFile) => void | Promise<void>
  /** A scan that failed (the folder vanished, permissions): reported, and the watcher keeps trying. */
  onError?: (error: Error) => void
}

interface Seen {
  size: number
  mtimeMs: number
  stableSince: number
  handled: boolean
  initial: boolean
}

export class FolderWatcher {
  private readonly seen = new Map<string, Seen>()
  private watcher: FSWatcher | null = null
  private timer: NodeJS.Timeout | null = null
  private queue: Promise<void> = Promise.resolve()
  private closed = false
  private first = true
  private lastError: string | null = null
  readonly settleMs: number
  readonly pollMs: number

  constructor(
    readonly folder: string,
    private readonly options: FolderWatcherOptions,
  ) {
    this.settleMs = options.settleMs ?? 2000
    this.pollMs = options.pollMs ?? Math.min(500, Math.max(50, this.settleMs / 4))
  }

  /** Starts watching; throws when the folder cannot be read at all. */
  start(): void {
    const info = statSync(this.folder)
    if (!info.isDirectory()) throw Object.assign(new Error(`${this.folder} is not a folder`), { code: 'ENOTDIR' })
    this.scan()
    try {
      this.watcher = watch(this.folder, { persistent: true }, () => this.scan())
      this.watcher.on('error', () => {
        // events stopped (the folder was removed or renamed): the polling goes on
        this.watcher?.close()
        this.watcher = null
      })
    } catch {
      // fs.watch is not available here: polling alone
    }
    this.timer = setInterval(() => this.scan(), this.pollMs)
  }

  /** Stops watching; resolves once a file being handled is finished. */
  async close(): Promise<void> {
    this.closed = true
    this.watcher?.close()
    if (this.timer) clearInterval(this.timer)
    await this.queue
  }

  private scan(): void {
    if (this.closed) return
    const now = Date.now()
    let names: string[]
    try {
      names = readdirSync(this.folder).filter(isInboxCandidate)
      this.lastError = null
    } catch (e) {
      const message = (e as Error).message
      if (message !== this.lastError) this.options.onError?.(e as Error)
      this.lastError = message
      return
    }
    const present = new Set<string>()
    for (const name of names) {
      const path = join(this.folder, name)
      let size: number, mtimeMs: number
      try {
        const s = statSync(path)
        if (!s.isFile()) continue
        ;({ size, mtimeMs } = s)
      } catch {
        continue // gone meanwhile
      }
      present.add(name)
      const old = this.seen.get(name)
      if (!old || old.size !== size || old.mtimeMs !== mtimeMs) {
        this.seen.set(name, { size, mtimeMs, stableSince: now, handled: false, initial: this.first })
        continue
      }
      if (!old.handled && now - old.stableSince >= this.settleMs) {
        old.handled = true
        const file: SettledFile = { path, name, size, modifiedAt: new Date(mtimeMs), initial: old.initial }
        this.queue = this.queue.then(async () => {
          if (this.closed) return
          try {
            await this.options.onSettled(file)
          } catch (e) {
            this.options.onError?.(e as Error)
          }
        })
      }
    }
    for (const name of this.seen.keys()) if (!present.has(name)) this.seen.delete(name)
    this.first = false
  }
}
