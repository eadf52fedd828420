/**
 * A note saved as an edit: the part that changed since the version the editor last saved, instead
 * of the whole text (a megabyte of note would cross the IPC bridge once a second while typing).
 * The edit applies only to the exact version it was made against; anything else is refused, and
 * the editor then sends its whole text.
 */
import type { NoteEdit } from '../../shared/noteEdit'
import { isWellFormed } from '../../shared/unicode'
import { UserError } from '../errors'
import { NOTE_MAX_CHARS } from '../../shared/contract/shapes/library'

/** The version an edit was made against: when it was saved, and its length. */
export interface NoteBase {
  savedAt: string | null
  length: number
}

/** The note after the edit, or null when the stored note is not the edit's base. */
export function applyNoteEdit(stored: { note: string; savedAt: string | null }, base: NoteBase, edit: NoteEdit): string | null {
  if (stored.savedAt !== base.savedAt || stored.note.length !== base.length) return null
  if (edit.from > edit.to || edit.to > stored.note.length) return null
  const note = stored.note.slice(0, edit.from) + edit.insert + stored.note.slice(edit.to)
  if (note.length > NOTE_MAX_CHARS) throw new UserError(`A note can hold at most ${NOTE_MAX_CHARS.toLocaleString('en')} characters.`)
  // an edit that splits a surrogate pair would store text that is not well-formed Unicode
  if (!isWellFormed(note)) return null
  return note
}

export type { NoteEdit }
