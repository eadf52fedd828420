import type { tagsChannels } from '../channels/tags'
import type { Handlers } from '../dispatcher'
import type { Library } from '../../library/library'
import { addTags, allTags, removeTags, tagsOf } from '../../search'

function requirePaper(library: Library, id: number): void {
  if (library.noteIsEmpty(id) === null) throw new Error(`there is no paper with id ${id}`)
}

/**
 * Tags are searched as words and by `tag:`/`has:tags`: a change is announced so the feed refreshes
 * the paper's row and saved searches recount.
 */
export const tagsHandlers: Handlers<typeof tagsChannels> = {
  tagsOf: ({ id }, { library }) => {
    requirePaper(library, id)
    return tagsOf(library, id)
  },
  addTags: ({ id, tags }, { library, emit }) => {
    requirePaper(library, id)
    const before = tagsOf(library, id).length
    const after = addTags(library, id, tags)
    if (after.length !== before) emit('library:changed', { reason: 'tags', ids: [id] })
    return after
  },
  removeTags: ({ id, tags }, { library, emit }) => {
    requirePaper(library, id)
    const before = tagsOf(library, id).length
    const after = removeTags(library, id, tags)
    if (after.length !== before) emit('library:changed', { reason: 'tags', ids: [id] })
    return after
  },
  allTags: (_input, { library }) => allTags(library),
}
