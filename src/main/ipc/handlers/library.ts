import type { libraryChannels } from '../../../shared/contract/channels/library'
import type { Handlers } from '../dispatcher'

export const libraryHandlers: Handlers<typeof libraryChannels> = {
  checkLibrary: (_input, ctx) => ctx.library.check(),
}
