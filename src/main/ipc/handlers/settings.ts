import type { settingsChannels } from '../../../shared/contract/channels/settings'
import type { Handlers } from '../dispatcher'
import { readOnlyMessage } from '../../library/open'

export const settingsHandlers: Handlers<typeof settingsChannels> = {
  getSettings: (_input, { settings }) => settings.get(),
  updateSettings: (patch, { settings }) => settings.update(patch),
  openExternal: async ({ url }, { host }) => {
    await host.openExternal(url)
  },
  appInfo: (_input, { library, app }) => ({
    version: app.version,
    libraryPath: library.path,
    platform: app.platform,
    readOnly: library.readOnlyReason ? { reason: library.readOnlyReason, message: readOnlyMessage(library.readOnlyReason) } : null,
  }),
}
