import { inboxService } from '../../inbox/inboxService'
import type { inboxChannels } from '../../../shared/contract/channels/inbox'
import type { Handlers } from '../dispatcher'

export const inboxHandlers: Handlers<typeof inboxChannels> = {
  inboxStatus: (_input, ctx) => inboxService(ctx).status(),
  chooseInboxFolder: async (_input, ctx) => {
    const current = ctx.settings.get().inboxFolder
    const folder = await ctx.host.showFolderDialog({
      title: 'Choose the inbox folder: dumps saved there are imported',
      defaultPath: current ?? undefined,
      buttonLabel: 'Watch This Folder',
    })
    if (folder) {
      ctx.settings.update({ inboxFolder: folder })
      await inboxService(ctx).restart()
    }
    return inboxService(ctx).status()
  },
  clearInboxFolder: async (_input, ctx) => {
    ctx.settings.update({ inboxFolder: null })
    await inboxService(ctx).restart()
    return inboxService(ctx).status()
  },
}
