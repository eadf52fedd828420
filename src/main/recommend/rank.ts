/** Ranking, reasons and nearest neighbours over a tf-idf matrix (./matrix.ts) and a model (./model.ts). */
import { denseRow, dotRow, type Matrix } from './matrix'
import { type Model, score } from './model'

export interface Scored {
  row: number
  score: number
}

/** Rows by descending score; equal scores keep the order given (newest first). */
export function rankRows(model: Model, m: Matrix, rows: readonly number[]): Scored[] {
  // scores in a typed array and an index sort: no object per paper until the answer (100,000 of them)
  const scores = new Float64Array(rows.length)
  for (let i = 0; i < rows.length; i++) scores[i] = score(model, m, rows[i]!)
  const order = new Uint32Array(rows.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  order.sort((a, b) => scores[b]! - scores[a]! || a - b)
  return Array.from(order, (i) => ({ row: rows[i]!, score: scores[i]! }))
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
