/**
 * Tags on papers. Tags are words of the search, so a change re-indexes the paper in the same
 * transaction and teaches the typo vocabulary the new words afterwards.
 */
import type Database from 'better-sqlite3'
import { statement, writeTransaction } from './statements'
import { indexPapers } from './searchIndex/indexer'
import { tryCatchUpVocabulary } from './searchIndex/vocabulary'

export class TagStore {
  constructor(private readonly db: Database.Database) {}

  /** Adds tags (already checked and lower-cased) to a paper; returns the paper's tags. */
  add(id: number, tags: readonly string[]): string[] {
    return this.change(id, 'INSERT OR IGNORE INTO tags (paper_id, tag) VALUES (?, ?)', tags)
  }

  remove(id: number, tags: readonly string[]): string[] {
    return this.change(id, 'DELETE FROM tags WHERE paper_id = ? AND tag = ?', tags)
  }

  /** A paper's tags, in order. */
  of(id: number): string[] {
    return statement(this.db, 'SELECT tag FROM tags WHERE paper_id = ? ORDER BY tag').pluck().all(id) as string[]
  }

  /** Every tag with how many papers carry it. */
  all(): { tag: string; papers: number }[] {
    return statement(this.db, 'SELECT tag, count(*) AS papers FROM tags GROUP BY tag ORDER BY tag').all() as { tag: string; papers: number }[]
  }

  /** Adds or removes tags in one write transaction, re-indexes the paper if they changed; returns its tags. */
  private change(id: number, sql: string, tags: readonly string[]): string[] {
    const run = statement(this.db, sql)
    const changed = writeTransaction(this.db, () => {
      let n = 0
      for (const t of tags) n += run.run(id, t).changes
      if (n) indexPapers(this.db, [], [id])
      return n
    })
    // typos of a new tag are corrected from now on (never waits for another process's lock)
    if (changed) tryCatchUpVocabulary(this.db, { wait: false, rebuild: false })
    return this.of(id)
  }
}
