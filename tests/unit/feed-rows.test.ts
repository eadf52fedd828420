/**
 * The feed's row data (src/renderer/src/lib/feedRows.ts), against a fake backend whose answers the
 * test releases in the order the window can see them: For you's reason under a row is the model's,
 * also when the list is ranked again (an import, a change from the CLI) while a page of rows is on
 * the way. A reason the window has not got yet is not the same as "the model cannot explain this
 * paper", which is asked once and not on every scroll.
 */
import { describe, expect, it } from 'vitest'
import type { PaperReason } from '../../src/shared/contract/channels/recommend'
import type { PaperSummary } from '../../src/shared/contract/shapes/library'
import { FeedRows, type RowsApi } from '../../src/renderer/src/lib/feedRows'

const summary = (id: number): PaperSummary => ({
  id,
  title: `Paper ${id}`,
  authorsCount: 3,
  org: null,
  publishedAt: null,
  upvotes: null,
  read: false,
  starred: false,
  hasNote: false,
  firstSeen: '2025-10-03',
})

interface Call {
  channel: 'summaries' | 'forYouReasons'
  ids: number[]
  answer(): void
}

/** A backend that answers when told; `explains` is what its model can say (no entry: cannot explain). */
class FakeBackend implements RowsApi {
  readonly calls: Call[] = []
  explains = new Map<number, Omit<PaperReason, 'id'>>()
  auto = false

  summaries({ ids }: { ids: number[] }): Promise<PaperSummary[]> {
    return this.call('summaries', ids, () => ids.map(summary))
  }

  forYouReasons({ ids }: { ids: number[] }): Promise<PaperReason[]> {
    // what the model says when asked, not when the answer is read
    const said = ids.flatMap((id) => {
      const r = this.explains.get(id)
      return r ? [{ id, ...r }] : []
    })
    return this.call('forYouReasons', ids, () => said)
  }

  private call<T>(channel: Call['channel'], ids: number[], value: () => T): Promise<T> {
    return new Promise((resolve) => {
      const call = { channel, ids, answer: () => resolve(value()) }
      if (this.auto) call.answer()
      else this.calls.push(call)
    })
  }

  answerAll(): void {
    for (const c of this.calls.splice(0)) c.answer()
  }
}

const REASON = { terms: ['spiking', 'neurons'], like: { id: 9, title: 'Spiking Neural Networks' } }

/** What the feed pane asks for its rows (FeedPane's effect): rows without a summary, or without a reason in For you. */
function paneAsks(rows: FeedRows, ids: number[]): number[] {
  return ids.filter((id) => !rows.summaries.has(id) || (rows.isForYou() && !rows.reasons.has(id)))
}

/** Lets the pane fetch until it asks for nothing more (each fetch is followed by a render). */
async function settle(rows: FeedRows, backend: FakeBackend, ids: number[]): Promise<void> {
  backend.auto = true
  backend.answerAll()
  for (let i = 0; i < 5; i++) {
    const missing = paneAsks(rows, ids)
    if (!missing.length) return
    await rows.fetch(missing)
  }
}

describe('For you reasons of the feed rows', () => {
  const ids = [1, 2, 3]

  it('keeps the model\'s reasons when the list is ranked again while a page of rows is on the way', async () => {
    const backend = new FakeBackend()
    for (const id of ids) backend.explains.set(id, REASON)
    const rows = new FeedRows(backend, () => {})
    rows.setForYou(true)
    backend.auto = true
    await rows.fetch(paneAsks(rows, ids))
    expect(ids.map((id) => rows.reasons.get(id)?.like?.title)).toEqual(ids.map(() => REASON.like.title))

    // a change from another process: the rows are fetched again and For you is ranked again
    backend.auto = false
    rows.summaries.clear()
    const refetch = rows.fetch(paneAsks(rows, ids))
    // the reasons were known when the page was asked: it asks for none
    expect(backend.calls.filter((c) => c.channel === 'forYouReasons').flatMap((c) => c.ids)).toEqual([])
    rows.clearReasons() // the new ranking came back first
    backend.answerAll()
    await refetch

    await settle(rows, backend, ids)
    for (const id of ids) expect(rows.reasons.get(id)).toEqual({ id, ...REASON })
  })

  it('does not take a page asked before For you opened as papers the model cannot explain', async () => {
    const backend = new FakeBackend()
    for (const id of ids) backend.explains.set(id, REASON)
    const rows = new FeedRows(backend, () => {})
    const page = rows.fetch(paneAsks(rows, ids)) // the feed of all papers: no reasons asked
    rows.setForYou(true) // For you opened meanwhile
    rows.clearReasons() // and its ranking came back before the page
    backend.answerAll()
    await page

    await settle(rows, backend, ids)
    for (const id of ids) expect(rows.reasons.get(id)).toEqual({ id, ...REASON })
  })

  it('drops reasons asked before the ranking came back (they were asked of another model, or none)', async () => {
    const backend = new FakeBackend() // nothing starred yet: the model explains nothing
    const rows = new FeedRows(backend, () => {})
    rows.setForYou(true)
    const page = rows.fetch(paneAsks(rows, ids)) // rows of the last view, drawn while For you opens
    for (const id of ids) backend.explains.set(id, REASON) // papers starred meanwhile (the CLI)
    rows.clearReasons() // the ranking came back
    backend.answerAll()
    await page
    expect(ids.filter((id) => rows.reasons.has(id))).toEqual([])

    await settle(rows, backend, ids)
    for (const id of ids) expect(rows.reasons.get(id)).toEqual({ id, ...REASON })
  })

  it('asks once for a paper the model cannot explain, not on every scroll', async () => {
    const backend = new FakeBackend()
    backend.explains.set(1, REASON)
    const rows = new FeedRows(backend, () => {})
    rows.setForYou(true)
    await settle(rows, backend, [1, 2])
    expect(rows.reasons.get(1)).toEqual({ id: 1, ...REASON })
    expect(rows.reasons.get(2)).toEqual({ id: 2, terms: [], like: null })
    expect(paneAsks(rows, [1, 2])).toEqual([])
    expect(backend.calls).toEqual([])
  })
})
