/**
 * "For you" and "Similar papers" for one open library: the corpus of vectors held in memory and
 * brought up to date from the rows written since (by this process's imports or another's), the
 * model retrained only when the positives change, and the reasons worded for people.
 */
import type { Library } from '../library/library'
import { Corpus, type Matrix } from './matrix'
import { type Model, train, type TrainOptions } from './model'
import { mostSimilar, nearest, rankRows, scoreAll, topColumns } from './rank'
import { nameTerms, paperText } from './vectors'

export const NO_POSITIVES = 'Star a few papers or write a note, and For you ranks the unread by them.'

export interface Reason {
  /** The two or three terms that weigh most in the paper's score. */
  terms: string[]
  /** The starred or annotated paper most like it. */
  like: { id: number; title: string } | null
}

export interface Ranked {
  /** Unread papers, best first, with their scores (empty without positives). */
  ids: number[]
  scores: number[]
  positives: number
  /** Set when the feed cannot rank yet (no positives): what to do. */
  hint: string | null
}

export interface Similar {
  id: number
  title: string
  score: number
}

interface Trained {
  key: string
  matrix: Matrix
  positives: number[]
  model: Model
  /** Every row's score under the model. */
  scores: Float32Array
}

export class Recommender {
  private readonly corpus = new Corpus()
  private generation = 0
  private model: Trained | null = null

  constructor(
    private readonly library: Library,
    private readonly trainOptions: Partial<TrainOptions> = {},
  ) {}

  private load(): void {
    let newest = this.generation
    this.library.termVectors.eachSince(this.generation, (v) => {
      this.corpus.set(v.id, v.counts)
      if (v.generation > newest) newest = v.generation
    })
    this.generation = newest
  }

  /** Loads the vectors written since the last call; catches up papers that have none yet. */
  refresh(): void {
    const vectors = this.library.termVectors
    this.load()
    if (vectors.paperCount() === this.corpus.size) return
    // written by this call when the library is writable (they come back through vectorsSince); a
    // busy or full library gets them computed in memory, and stored by a later call
    let computed
    try {
      computed = vectors.catchUp(!this.library.readOnly)
    } catch {
      computed = vectors.catchUp(false)
    }
    for (const v of computed) this.corpus.set(v.id, v.counts)
    this.load()
  }

  /** The tf-idf matrix of every paper, brought up to date first. */
  matrix(): Matrix {
    this.refresh()
    return this.corpus.matrix()
  }

  /** Trains (or reuses) the model for the current positives; null without positives. */
  private trained(): Trained | null {
    this.refresh()
    const matrix = this.corpus.matrix()
    const positives = this.library.termVectors.positiveIds().flatMap((id) => matrix.row.get(id) ?? [])
    if (positives.length === 0) return null
    const key = positives.join(',')
    if (this.model?.key === key && this.model.matrix === matrix) return this.model
    const isPositive = new Set(positives)
    const negatives: number[] = []
    for (let r = 0; r < matrix.ids.length; r++) if (!isPositive.has(r)) negatives.push(r)
    const model = train(matrix, positives, negatives, this.trainOptions)
    this.model = { key, matrix, positives, model, scores: scoreAll(model, matrix) }
    return this.model
  }

  /** Unread papers, best first. */
  forYou(): Ranked {
    const t = this.trained()
    if (!t) return { ids: [], scores: [], positives: 0, hint: NO_POSITIVES }
    const rows: number[] = []
    const { rowOf } = t.matrix
    for (const id of this.library.termVectors.unreadIds()) {
      const r = id < rowOf.length ? rowOf[id]! : -1
      if (r >= 0) rows.push(r)
    }
    const ranked = rankRows(t.scores, rows)
    return {
      ids: Array.from(ranked.rows, (r) => t.matrix.ids[r]!),
      scores: Array.from(ranked.scores),
      positives: t.positives.length,
      hint: null,
    }
  }

  /** Why each paper ranks where it does (papers the model cannot explain get no entry). */
  reasons(ids: readonly number[]): Map<number, Reason> {
    const out = new Map<number, Reason>()
    const t = this.trained()
    if (!t) return out
    const texts = new Map(this.library.termVectors.textRows(ids).map((r) => [r.id, r]))
    const likes: [number, number][] = []
    for (const id of ids) {
      const r = t.matrix.row.get(id)
      const text = texts.get(id)
      if (r === undefined || !text) continue
      const names = nameTerms(paperText(text))
      const terms = topColumns(t.model, t.matrix, r).flatMap((c) => names.get(t.matrix.terms[c]!) ?? [])
      const like = mostSimilar(t.matrix, r, t.positives)
      if (like) likes.push([id, t.matrix.ids[like.row]!])
      out.set(id, { terms, like: null })
    }
    const names = this.library.termVectors.titles(likes.map((l) => l[1]))
    for (const [id, likeId] of likes) out.get(id)!.like = { id: likeId, title: names.get(likeId) ?? '' }
    return out
  }

  /** The k papers nearest to a paper by cosine, any state (empty for an unknown paper). */
  similar(id: number, k = 5): Similar[] {
    this.refresh()
    const m = this.corpus.matrix()
    const r = m.row.get(id)
    if (r === undefined) return []
    const near = nearest(m, r, k)
    const names = this.library.termVectors.titles(near.map((s) => m.ids[s.row]!))
    return near.map((s) => ({ id: m.ids[s.row]!, title: names.get(m.ids[s.row]!) ?? '', score: s.score }))
  }
}

const recommenders = new WeakMap<Library, Recommender>()

/** The recommender of an open library (one per library, so its vectors load once). */
export function recommenderFor(library: Library): Recommender {
  let r = recommenders.get(library)
  if (!r) recommenders.set(library, (r = new Recommender(library)))
  return r
}
