/** Preferences kept as a small JSON file in the user-data folder, next to the library. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { Settings, type SettingsPatch } from '../ipc/channels/settings'

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

  update(patch: SettingsPatch): Settings {
    const next = Settings.parse({
      ...this.current,
      ...patch,
      paneWidths: { ...this.current.paneWidths, ...patch.paneWidths },
    })
    this.current = next
    mkdirSync(dirname(this.path), { recursive: true })
    const tmp = `${this.path}.tmp`
    writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`)
    renameSync(tmp, this.path)
    return this.get()
  }
}
