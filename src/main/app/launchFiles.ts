/**
 * Dumps handed to Margin by the OS or the command line (`margin-app dump.txt`, "Open With",
 * a second instance's arguments): which argv entries are files to import. Electron-free.
 */
import { statSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * The files named in `argv` after the executable (and, unpackaged, the app's entry script):
 * switches are skipped, relative paths resolve against `cwd`, and only existing files count.
 */
export function filesFromArgv(argv: readonly string[], options: { isPackaged: boolean; cwd: string }): string[] {
  const args = argv.slice(options.isPackaged ? 1 : 2)
  const files: string[] = []
  for (const arg of args) {
    if (!arg || arg.startsWith('-')) continue
    const path = resolve(options.cwd, arg)
    try {
      if (statSync(path).isFile() && !files.includes(path)) files.push(path)
    } catch {
      // not a file: Chromium and the OS pass other arguments too
    }
  }
  return files
}

/**
 * Collects paths until the window can show results, then hands each batch to `importer` in order
 * (one import at a time, so two "Open With" clicks never run two imports at once).
 */
export class LaunchQueue {
  private pending: string[] = []
  private ready = false
  private chain: Promise<void> = Promise.resolve()

  constructor(
    private readonly importer: (paths: string[]) => Promise<void>,
    private readonly log: (message: string, error: unknown) => void = (m, e) => console.error(m, e),
  ) {}

  add(paths: readonly string[]): void {
    if (!paths.length) return
    this.pending.push(...paths)
    if (this.ready) this.flush()
  }

  /** The window's page has loaded: import what arrived before it, and from now on at once. */
  start(): void {
    this.ready = true
    this.flush()
  }

  /** Resolves when every batch handed over so far has been imported (tests wait on it). */
  idle(): Promise<void> {
    return this.chain
  }

  private flush(): void {
    if (!this.pending.length) return
    const batch = this.pending
    this.pending = []
    this.chain = this.chain.then(() => this.importer(batch)).catch((e: unknown) => this.log('[launch] import failed:', e))
  }
}
