/**
 * A linear SVM trained with Pegasos (Shalev-Shwartz et al.): stochastic sub-gradient steps on the
 * hinge loss with step 1/(λt), the weight vector kept as scale × v so each step costs the size of one
 * sparse row. Positives and negatives are weighted to count equally (a reader stars a few dozen of
 * thousands), and a constant feature stands in for the bias. Deterministic: the order of the
 * examples comes from a seeded generator.
 */
import type { Matrix } from './matrix'

export interface Model {
  /** One weight per column of the matrix it was trained on, and the bias. */
  weights: Float32Array
  bias: number
}

export interface TrainOptions {
  epochs: number
  lambda: number
  /** At most this many negatives take part (an evenly spread sample): keeps a retrain fast at any size. */
  maxNegatives: number
  seed: number
}

export const DEFAULT_TRAIN: TrainOptions = { epochs: 8, lambda: 1e-4, maxNegatives: 6000, seed: 1 }

/** Trains on rows `positives` (label +1) against rows `negatives` (label −1). */
export function train(m: Matrix, positives: readonly number[], negatives: readonly number[], options: Partial<TrainOptions> = {}): Model {
  const { epochs, lambda, maxNegatives, seed } = { ...DEFAULT_TRAIN, ...options }
  const neg = sample(negatives, maxNegatives)
  const rows = [...positives, ...neg]
  const labels = [...positives.map(() => 1), ...neg.map(() => -1)]
  const cost = [...positives.map(() => 0.5 / Math.max(1, positives.length)), ...neg.map(() => 0.5 / Math.max(1, neg.length))]
  // costs sum to 1; scaled so the average example weighs 1
  for (let i = 0; i < cost.length; i++) cost[i]! *= rows.length
  const v = new Float64Array(m.terms.length)
  let bias = 0
  let scale = 1
  let t = 0
  const random = mulberry32(seed)
  const order = rows.map((_, i) => i)
  for (let e = 0; e < epochs; e++) {
    shuffle(order, random)
    for (const i of order) {
      t++
      const eta = 1 / (lambda * (t + 100))
      const r = rows[i]!
      let dot = bias
      for (let k = m.rowStart[r]!; k < m.rowStart[r + 1]!; k++) dot += scale * v[m.cols[k]!]! * m.vals[k]!
      scale *= 1 - eta * lambda
      if (scale < 1e-9) {
        for (let j = 0; j < v.length; j++) v[j]! *= scale
        scale = 1
      }
      if (labels[i]! * dot < 1) {
        const step = (eta * cost[i]! * labels[i]!) / scale
        for (let k = m.rowStart[r]!; k < m.rowStart[r + 1]!; k++) v[m.cols[k]!]! += step * m.vals[k]!
        bias += eta * cost[i]! * labels[i]! * 0.1
      }
    }
  }
  const weights = new Float32Array(v.length)
  for (let j = 0; j < v.length; j++) weights[j] = v[j]! * scale
  return { weights, bias }
}

/** The score of row r. */
export function score(model: Model, m: Matrix, r: number): number {
  let s = model.bias
  for (let k = m.rowStart[r]!; k < m.rowStart[r + 1]!; k++) s += model.weights[m.cols[k]!]! * m.vals[k]!
  return s
}

/** An evenly spread sample of at most `max` items, in their order. */
function sample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return items.slice()
  const out: T[] = []
  const step = items.length / max
  for (let i = 0; i < max; i++) out.push(items[Math.floor(i * step)]!)
  return out
}

function shuffle(a: number[], random: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[a[i], a[j]] = [a[j]!, a[i]!]
  }
}

function mulberry32(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
