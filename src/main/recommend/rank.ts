/** Ranking, reasons and nearest neighbours over a tf-idf matrix (./matrix.ts) and a model (./model.ts). */
import { denseRow, dotRow, type Matrix } from './matrix'
import type { Model } from './model'

export interface Scored {
  row: number
  score: number
}

/** Every row's score under a model (computed once per model; ranking then only sorts). */
export function scoreAll(model: Model, m: Matrix): Float32Array {
  const out = new Float32Array(m.ids.length)
  const { rowStart, cols, vals } = m
  const w = model.weights
  for (let r = 0; r < out.length; r++) {
    let s = model.bias
    for (let k = rowStart[r]!, end = rowStart[r + 1]!; k < end; k++) s += w[cols[k]!]! * vals[k]!
    out[r] = s
  }
  return out
}

const POSITION_BITS = 2 ** 21
const f32 = new Float32Array(1)
const u32 = new Uint32Array(f32.buffer)

/**
 * Rows by descending score; equal scores keep the order given (newest first). Each row becomes one
 * float key (the score's bits made to sort descending, above its position) sorted natively: no
 * comparator call and no object per paper (100,000 of them).
 */
export function rankRows(scores: Float32Array, rows: readonly number[]): { rows: Int32Array; scores: Float32Array } {
  const n = rows.length
  const outRows = new Int32Array(n)
  const outScores = new Float32Array(n)
  if (n >= POSITION_BITS) {
    const order = Array.from(rows.keys()).sort((a, b) => scores[rows[b]!]! - scores[rows[a]!]! || a - b)
    order.forEach((i, k) => {
      outRows[k] = rows[i]!
      outScores[k] = scores[rows[i]!]!
    })
    return { rows: outRows, scores: outScores }
  }
  const keys = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    f32[0] = scores[rows[i]!]!
    const bits = u32[0]!
    // IEEE order as an unsigned integer (negatives flipped), then reversed for descending
    const ascending = bits & 0x80000000 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0
    keys[i] = (0xffffffff - ascending) * POSITION_BITS + i
  }
  keys.sort()
  for (let k = 0; k < n; k++) {
    const row = rows[keys[k]! % POSITION_BITS]!
    outRows[k] = row
    outScores[k] = scores[row]!
  }
  return { rows: outRows, scores: outScores }
}

/** The columns that add most to row r's score (at most n, each adding something). */
export function topColumns(model: Model, m: Matrix, r: number, n = 3): number[] {
  const parts: [number, number][] = []
  for (let k = m.rowStart[r]!; k < m.rowStart[r + 1]!; k++) {
    const c = m.cols[k]!
    const part = model.weights[c]! * m.vals[k]!
    if (part > 0) parts.push([c, part])
  }
  parts.sort((a, b) => b[1] - a[1])
  return parts.slice(0, n).map((p) => p[0])
}

/** Cosine of two rows (rows are l2-normalised: their dot product). */
export function cosine(m: Matrix, a: number, b: number): number {
  let i = m.rowStart[a]!
  let j = m.rowStart[b]!
  const ea = m.rowStart[a + 1]!
  const eb = m.rowStart[b + 1]!
  let s = 0
  // columns ascend within a row (the vocabulary is sorted and counts come sorted by hash)
  while (i < ea && j < eb) {
    const ca = m.cols[i]!
    const cb = m.cols[j]!
    if (ca === cb) s += m.vals[i++]! * m.vals[j++]!
    else if (ca < cb) i++
    else j++
  }
  return s
}

/** The row among `candidates` most like row r (null when none shares a term). */
export function mostSimilar(m: Matrix, r: number, candidates: readonly number[]): Scored | null {
  let best: Scored | null = null
  for (const c of candidates) {
    if (c === r) continue
    const s = cosine(m, r, c)
    if (s > 0 && (!best || s > best.score)) best = { row: c, score: s }
  }
  return best
}

/** The k rows nearest to row r by cosine, r itself left out. */
export function nearest(m: Matrix, r: number, k = 5): Scored[] {
  const q = denseRow(m, r)
  const best: Scored[] = []
  for (let row = 0; row < m.ids.length; row++) {
    if (row === r) continue
    const s = dotRow(m, row, q)
    if (s <= 0 || (best.length === k && s <= best[k - 1]!.score)) continue
    best.push({ row, score: s })
    best.sort((a, b) => b.score - a.score)
    if (best.length > k) best.pop()
  }
  return best
}
