/** Preferences kept as a small JSON file in the user-data folder, next to the library. */
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { resolveTarget, writeFileAtomicSync } from '../files/atomicWrite'
import { Settings, type SettingsPatch } from '../../shared/contract/channels/settings'

export const SETTINGS_FILE = 'settings.json'

export class SettingsStore {
  private current: Settings

  constructor(readonly path: string) {
    this.current = SettingsStore.load(path)
  }

  /** A missing or damaged file gives the defaults (a broken preference must not stop the app). */
  static load(path: string): Settings {
    try {
      const parsed = Settings.safeParse(JSON.parse(readFileSync(path, 'utf8')))
      if (parsed.success) return parsed.data
    } catch {
      // missing or not JSON
    }
    return Settings.parse({})
  }

  get(): Settings {
    return structuredClone(this.current)
  }

  /** The renderer's patch, or (from the main process only) the inbox folder and the API's URL too. */
  update(patch: SettingsPatch & Partial<Pick<Settings, 'inboxFolder' | 'apiUrl'>>): Settings {
    const next = Settings.parse({
      ...this.current,
      ...patch,
      paneWidths: { ...this.current.paneWidths, ...patch.paneWidths },
    })
    mkdirSync(dirname(this.path), { recursive: true })
    // the file first: a failed write (full disk) leaves the old file and the old preferences
    // (a settings.json that is a symlink, as dotfile managers make, stays one)
    writeFileAtomicSync(resolveTarget(this.path), `${JSON.stringify(next, null, 2)}\n`)
    this.current = next
    return this.get()
  }
}
