import type { tagsChannels } from '../../../shared/contract/channels/tags'
import type { HandlerContext, Handlers } from '../dispatcher'
import type { Library } from '../../library/library'
import { addTags, allTags, removeTags, tagsOf } from '../../search'
import { UserError } from '../../errors'

function requirePaper(library: Library, id: number): void {
  if (library.noteIsEmpty(id) === null) throw new UserError(`There is no paper with id ${id}.`, 'notFound')
}

/** Runs one tag change on a paper; announces it only when the paper's tags really changed. */
function changeTags(
  library: Library,
  emit: HandlerContext['emit'],
  id: number,
  change: (library: Library, id: number) => string[],
): string[] {
  requirePaper(library, id)
  const before = tagsOf(library, id).length
  const after = change(library, id)
  // tags are searched as words and by tag:/has:tags: the feed refreshes the row, saved searches recount
  if (after.length !== before) emit('library:changed', { reason: 'tags', ids: [id] })
  return after
}

export const tagsHandlers: Handlers<typeof tagsChannels> = {
  tagsOf: ({ id }, { library }) => {
    requirePaper(library, id)
    return tagsOf(library, id)
  },
  addTags: ({ id, tags }, { library, emit }) => changeTags(library, emit, id, (lib, paper) => addTags(lib, paper, tags)),
  removeTags: ({ id, tags }, { library, emit }) => changeTags(library, emit, id, (lib, paper) => removeTags(lib, paper, tags)),
  allTags: (_input, { library }) => allTags(library),
}
