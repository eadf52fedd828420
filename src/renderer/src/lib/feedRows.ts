/**
 * The feed's row data, fetched a page at a time for the rows near the viewport: each paper's
 * summary and, in For you, why it ranks where it does. The maps are mutated in place (the hook
 * announces each change with a version number); a refresh asked while an older one is on the way is
 * fetched again after it.
 *
 * A reason not known yet is not "no reason": a row gets the empty reason (drawn as nothing, never
 * asked again) only when the backend was asked for it under the current ranking and gave none. A
 * ranking that comes back while a page is on the way (For you opened, an import, a change from the
 * CLI) makes that page's reasons stale: they are dropped, and the pane asks again.
 */
import type { PaperReason } from '../../../shared/contract/channels/recommend'
import type { PaperSummary } from '../../../shared/contract/shapes/library'

export const PAGE = 100

/** The two calls the rows need (the bridge in the app, a fake in tests). */
export interface RowsApi {
  summaries(input: { ids: number[] }): Promise<PaperSummary[]>
  forYouReasons(input: { ids: number[] }): Promise<PaperReason[]>
}


export class FeedRows {
  readonly summaries = new Map<number, PaperSummary>()
  readonly reasons = new Map<number, PaperReason>()
  /** Whether For you is shown (or being opened): rows then need their reasons too. */
  private forYou = false
  /** Bumped by each ranking: reasons asked under an older one are not kept. */
  private ranking = 0
  private readonly pending = new Set<number>()
  /** Rows whose refresh was asked while an older one was on the way: its answer may predate the change. */
  private readonly stale = new Set<number>()

  constructor(
    private readonly api: RowsApi,
    /** Called after every fetch, answered or failed. */
    private readonly fetched: () => void,
  ) {}

  isForYou(): boolean {
    return this.forYou
  }

  setForYou(on: boolean): void {
    this.forYou = on
  }

  /** A new ranking: the reasons of the last one are dropped. */
  clearReasons(): void {
    this.reasons.clear()
    this.ranking++
  }

  async fetch(asked: readonly number[]): Promise<void> {
    const { api, pending, summaries, reasons, stale } = this
    // a refresh asked while an older one is on the way is fetched again after it
    for (let batch: readonly number[] = asked; batch.length; batch = batch.filter((id) => stale.delete(id))) {
      for (const id of batch) if (pending.has(id) && summaries.has(id)) stale.add(id)
      const wanted = batch.filter((id) => !pending.has(id))
      if (!wanted.length) return
      wanted.forEach((id) => pending.add(id))
      try {
        for (let i = 0; i < wanted.length; i += PAGE) {
          const ids = wanted.slice(i, i + PAGE)
          const ranking = this.ranking
          const unknown = this.forYou ? ids.filter((id) => !reasons.has(id)) : []
          const [page, why] = await Promise.all([api.summaries({ ids }), unknown.length ? api.forYouReasons({ ids: unknown }) : []])
          for (const s of page) summaries.set(s.id, s)
          // ranked again meanwhile: these reasons may be another model's (or none's); the pane asks again
          if (ranking !== this.ranking) continue
          for (const r of why) reasons.set(r.id, r)
          // a paper asked of this ranking's model and not explained is asked once, not on every scroll
          for (const id of unknown) if (!reasons.has(id)) reasons.set(id, { id, terms: [], like: null })
        }
      } finally {
        wanted.forEach((id) => pending.delete(id))
        this.fetched()
      }
      batch = wanted
    }
  }
}
