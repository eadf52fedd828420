import type { papersChannels } from '../../../shared/contract/channels/papers'
import type { Handlers } from '../dispatcher'

export const papersHandlers: Handlers<typeof papersChannels> = {
  feedView: ({ filter, sort }, { library }) => ({
    ids: library.viewIds(filter, sort),
    groups: library.dayGroups(filter),
    counts: library.counts(),
  }),
  feedStats: ({ filter }, { library }) => ({ groups: library.dayGroups(filter), counts: library.counts() }),
  summaries: ({ ids }, { library }) => library.summaries(ids),
  getPaper: ({ id }, { library }) => library.getPaper(id),
  setRead: ({ ids, read }, { library, emit }) => {
    const changed = library.setRead(ids, read)
    if (changed) emit('library:changed', { reason: 'flags', ids: ids.length <= 1000 ? ids : undefined })
    return { changed }
  },
  setStarred: ({ ids, starred }, { library, emit }) => {
    const changed = library.setStarred(ids, starred)
    if (changed) emit('library:changed', { reason: 'flags', ids: ids.length <= 1000 ? ids : undefined })
    return { changed }
  },
  counts: (_input, { library }) => library.counts(),
  dumps: (_input, { library }) => library.dumps(),
}
