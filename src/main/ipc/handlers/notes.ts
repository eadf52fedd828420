import type { notesChannels } from '../../../shared/contract/channels/notes'
import type { Handlers } from '../dispatcher'
import { UserError } from '../../errors'

export const notesHandlers: Handlers<typeof notesChannels> = {
  setNote: ({ id, note }, { library, emit }) => {
    const wasEmpty = library.noteIsEmpty(id)
    if (wasEmpty === null) throw new UserError(`There is no paper with id ${id}.`, 'notFound')
    const savedAt = library.setNote(id, note)!
    // The feed only cares when a note appears or disappears (the "with notes" filter and marker).
    if (wasEmpty !== (note === '')) emit('library:changed', { reason: 'note', ids: [id] })
    return { savedAt }
  },
}
