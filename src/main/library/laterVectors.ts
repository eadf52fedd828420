/**
 * Term vectors of papers from files an import's thread parsed itself rather than wait for the
 * parsing thread (./parseAhead): that thread counts their terms once it has nothing else to parse,
 * and they are written by a later transaction of the same import, the import's last at the latest
 * (counted there, when they have not come by then). The import's thread is the busier of the two:
 * counting a year's stolen files cost it ~6% of the import.
 *
 * Until then, such a paper has no stored vector, like a paper of a library from before term vectors:
 * For you and Similar papers count the text of any such paper themselves (catchUpVectors).
 */
import type Database from 'better-sqlite3'
import type { ParseAhead } from './parseAhead/parseAhead'
import { tryUpkeep, writeTransaction } from './statements'
import { type TextRow, writeImportedVectors } from './vectorStore'

/** What one transaction writes of the vectors: `now`; keeps waiting: `deferred`; writes of those waiting before: `drawn`. */
export interface VectorPlan {
  now: TextRow[]
  deferred: TextRow[]
  drawn: number[]
}

export class LaterVectors {
  /** Papers committed without their vector, by id, until their counts come. */
  private readonly waiting = new Map<number, TextRow>()
  /** Files whose counts were asked for (to drop what the parsing thread kept of them at the end). */
  private readonly files = new Set<number>()

  /** `maxWaiting`: papers left waiting at most (memory stays bounded however large the import): past it, counted here. */
  constructor(
    private readonly ahead: ParseAhead,
    private readonly maxWaiting: number,
  ) {}

  /**
   * Splits the vectors of a transaction's new papers (`rows`): those counted, and those whose
   * counts came, are written now with the waiting papers' whose counts came; the rest wait for a
   * later transaction, up to maxWaiting. Waiting papers whose text the transaction changed are
   * dropped (it counts their text as it is now). With `last` nothing waits: what did not come is
   * counted here.
   */
  plan(rows: readonly TextRow[], changed: ReadonlySet<number>, last: boolean): VectorPlan {
    const plan: VectorPlan = { now: [], deferred: [], drawn: [] }
    for (const row of rows) {
      if (!row.later) {
        plan.now.push(row)
        continue
      }
      const packed = this.counts(row)
      if (packed === undefined && !last && this.waiting.size + plan.deferred.length < this.maxWaiting) plan.deferred.push(row)
      else plan.now.push(packed ? { ...row, packed, later: undefined } : row)
    }
    for (const [id, row] of this.waiting) {
      if (changed.has(id)) {
        plan.drawn.push(id)
        continue
      }
      const packed = this.counts(row)
      if (packed === undefined && !last) continue
      plan.now.push(packed ? { ...row, packed, later: undefined } : row)
      plan.drawn.push(id)
    }
    return plan
  }

  /** The transaction of `plan` committed. */
  committed(plan: VectorPlan): void {
    for (const id of plan.drawn) this.waiting.delete(id)
    for (const row of plan.deferred) this.waiting.set(row.id, row)
  }

  /**
   * The import ends: the vectors still waiting (its last transaction wrote none, or failed) are
   * written in a transaction of their own, and what the parsing thread kept is dropped. Should
   * that write fail (busy, read-only, full), those papers are counted when first needed.
   */
  finish(db: Database.Database): void {
    if (this.waiting.size) {
      tryUpkeep(db, true, () => {
        const plan = this.plan([], new Set(), true)
        writeTransaction(db, () => writeImportedVectors(db, plan.now, []))
        this.committed(plan)
        return true
      })
    }
    this.ahead.forgetLaterCounts(this.files)
    this.files.clear()
    this.waiting.clear()
  }

  /** The row's counts from the parsing thread; undefined while they may still come; null: none will (count here). */
  private counts(row: TextRow): Uint8Array | null | undefined {
    const { seq, index } = row.later!
    this.files.add(seq)
    const counts = this.ahead.laterCounts(seq)
    return counts === undefined ? undefined : (counts?.[index] ?? null)
  }
}
