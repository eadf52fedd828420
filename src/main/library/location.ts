import { homedir } from 'node:os'
import { join } from 'node:path'

/** The app's name as Electron uses it for its user-data folder (package.json productName). */
export const APP_NAME = 'Margin'
export const LIBRARY_FILE = 'library.sqlite'

/**
 * Electron's `app.getPath('userData')` computed without Electron, so the CLI opens the same file as
 * the app: %APPDATA%\Margin, ~/Library/Application Support/Margin, or $XDG_CONFIG_HOME/Margin.
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_NAME)
}

/** MARGIN_LIBRARY overrides the location for both the app and the CLI (handy for tests and sandboxes). */
export function defaultLibraryPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.MARGIN_LIBRARY || join(defaultUserDataDir(env), LIBRARY_FILE)
}
