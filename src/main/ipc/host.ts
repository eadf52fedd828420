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
  showOpenDialog(options: { title: string; filters?: readonly FileFilter[]; multiple?: boolean }): Promise<string[]>
  /** The path chosen by the user; null when cancelled. */
  showSaveDialog(options: { title: string; defaultPath?: string; filters?: FileFilter[] }): Promise<string | null>
  /** A folder chosen (or created) by the user; null when cancelled. */
  showFolderDialog(options: { title: string; defaultPath?: string; buttonLabel?: string }): Promise<string | null>
  /** Opens an http(s) URL in the system browser (the caller has already checked the scheme). */
  openExternal(url: string): Promise<void>
}

/** File ▸ Import Dumps… and the empty screen's button ask with these (whichever process shows it). */
export const IMPORT_DUMPS_DIALOG = {
  title: 'Import Daily Papers dumps',
  filters: [
    { name: 'Daily Papers dumps and API files', extensions: ['txt', 'text', 'md', 'json'] },
    { name: 'All files', extensions: ['*'] },
  ],
  multiple: true,
} as const satisfies Parameters<Host['showOpenDialog']>[0]
