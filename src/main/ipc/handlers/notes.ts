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
  patchNote: ({ id, base, from, to, insert }, { library, emit }) => {
    const savedAt = library.patchNote(id, base, { from, to, insert })
    if (savedAt === null) throw new UserError(`There is no paper with id ${id}.`, 'notFound')
    if (savedAt === 'stale') return { savedAt: null }
    // the feed only cares when a note appears or disappears
    const emptied = base.length - (to - from) + insert.length === 0
    if ((base.length === 0) !== emptied) emit('library:changed', { reason: 'note', ids: [id] })
    return { savedAt }
  },
}
