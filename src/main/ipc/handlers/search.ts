import type { searchChannels } from '../../../shared/contract/channels/search'
import type { Handlers } from '../dispatcher'
import { deleteSavedSearch, listSavedSearches, saveSearch, searchPapers, smartFeed } from '../../search'

export const searchHandlers: Handlers<typeof searchChannels> = {
  search: ({ query, limit, firstRows }, { library }) => {
    const r = searchPapers(library, query, { limit })
    if (!firstRows) return r
    return { ...r, firstRows: library.summaries(r.results.slice(0, firstRows).map((h) => h.id)) }
  },
  smartFeed: ({ query }, { library }) => smartFeed(library, query),
  savedSearches: (_input, { library }) => listSavedSearches(library),
  saveSearch: ({ name, query }, { library }) => saveSearch(library, name, query),
  deleteSavedSearch: ({ id }, { library }) => ({ deleted: deleteSavedSearch(library, id) }),
}
