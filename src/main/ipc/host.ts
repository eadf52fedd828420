/**
 * What only the desktop shell can do, behind an interface so the handlers never touch Electron:
 * Electron implements it in src/main/app/host.ts, the browser test harness with paths the test sets.
 */
export interface FileFilter {
  name: string
  extensions: readonly string[]
}

export interface Host {
  /** Paths chosen by the user; [] when cancelled. */
  showOpenDialog(options: { title: string; filters?: FileFilter[]; multiple?: boolean }): Promise<string[]>
  /** The path chosen by the user; null when cancelled. */
  showSaveDialog(options: { title: string; defaultPath?: string; filters?: FileFilter[] }): Promise<string | null>
  /** A folder chosen (or created) by the user; null when cancelled. */
  showFolderDialog(options: { title: string; defaultPath?: string; buttonLabel?: string }): Promise<string | null>
  /** Opens an http(s) URL in the system browser (the caller has already checked the scheme). */
  openExternal(url: string): Promise<void>
}
