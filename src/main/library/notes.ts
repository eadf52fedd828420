/**
 * Notes on papers: read whether one is empty, save one whole or as an edit. Notes are searchable, so
 * a save re-indexes the paper in its transaction and teaches the typo vocabulary afterwards.
 */
import type Database from 'better-sqlite3'
import { statement, writeTransaction } from './statements'
import { indexPapers } from './searchIndex/indexer'
import { tryCatchUpVocabulary } from './searchIndex/vocabulary'
import { applyNoteEdit, type NoteBase, type NoteEdit } from './noteEdit'

export class NoteStore {
  constructor(private readonly db: Database.Database) {}

  /** Whether a paper's note is empty; null for an unknown paper. */
  isEmpty(id: number): boolean | null {
    const row = statement(this.db, "SELECT note = '' AS empty FROM papers WHERE id = ?").get(id) as { empty: number } | undefined
    return row ? row.empty === 1 : null
  }

  /** Saves a paper's Markdown note; returns the time it was saved, or null for an unknown paper. */
  set(id: number, note: string): string | null {
    const at = new Date().toISOString()
    const changes = writeTransaction(this.db, () => {
      const { changes } = statement(this.db, 'UPDATE papers SET note = ?, note_updated_at = ? WHERE id = ?').run(note, at, id)
      if (changes) indexPapers(this.db, [], [id]) // notes are searchable
      return changes
    })
    if (changes) this.learnWords()
    return changes ? at : null
  }

  /**
   * Applies an edit (`from`…`to` replaced by `insert`) to a paper's note, if the stored note is still
   * the one the edit was made against: saved at `base.savedAt` and `base.length` long. Read, checked
   * and written in one write transaction (the lock first), so nothing can change the note between
   * the check and the write. Returns the time it was saved; 'stale' when the stored note is not the
   * base (changed elsewhere, or a save whose answer was lost: the caller sends the whole text); null
   * for an unknown paper. Throws UserError when the result would be longer than a note may be.
   */
  patch(id: number, base: NoteBase, edit: NoteEdit): string | 'stale' | null {
    const at = new Date().toISOString()
    const result = writeTransaction(this.db, () => {
      const row = statement(this.db, 'SELECT note, note_updated_at AS savedAt FROM papers WHERE id = ?').get(id) as
        | { note: string; savedAt: string | null }
        | undefined
      if (!row) return null
      const note = applyNoteEdit(row, base, edit)
      if (note === null) return 'stale' as const
      statement(this.db, 'UPDATE papers SET note = ?, note_updated_at = ? WHERE id = ?').run(note, at, id)
      indexPapers(this.db, [], [id]) // notes are searchable
      return at
    })
    if (result === at) this.learnWords()
    return result
  }

  /**
   * Typos of the note's words are corrected from now on; never waits for another process's lock
   * and never starts a bulk rebuild (a busy library, or one just bulk-imported, learns them later).
   */
  private learnWords(): void {
    tryCatchUpVocabulary(this.db, { wait: false, rebuild: false })
  }
}
