/**
 * A library's papers as tf-idf vectors in memory. The corpus keeps each paper's raw term counts and
 * the document frequency of every term, updated paper by paper as rows arrive (set/delete); the
 * weighted matrix is derived from them on demand: the vocabulary capped at the `maxTerms` terms found
 * in the most papers (a term in fewer than `minDf` papers, or in more than `maxDfRatio` of them, is
 * left out), sublinear tf (1 + ln count), smooth idf (ln((1 + N) / (1 + df)) + 1), rows l2-normalised.
 * Being a function of the counts only, it is the same whatever order the papers came in.
 */
import { TermTable } from './termTable'
import type { TermCounts } from './vectors'

export interface VectorOptions {
  maxTerms: number
  minDf: number
  maxDfRatio: number
}

/** Defaults for a library; a corpus under 50 papers keeps every term (too small to judge rarity). */
export function defaultOptions(papers: number): VectorOptions {
  return papers < 50 ? { maxTerms: 20_000, minDf: 1, maxDfRatio: 1 } : { maxTerms: 20_000, minDf: 2, maxDfRatio: 0.5 }
}

/** Rows in CSR form: row r holds cols[rowStart[r] .. rowStart[r + 1]) with their weights. */
export interface Matrix {
  ids: Int32Array
  row: Map<number, number>
  /** The same as `row`, dense: rowOf[id] is the row of paper id, −1 when absent (ids are small integers). */
  rowOf: Int32Array
  rowStart: Int32Array
  cols: Int32Array
  vals: Float32Array
  /** The term hash of each column, and each column's idf. */
  terms: Uint32Array
  idf: Float32Array
}

/** 1 + ln(count) for every stored count (counts are capped at 255). */
const SUBLINEAR_TF = Float64Array.from({ length: 256 }, (_, c) => (c ? 1 + Math.log(c) : 0))

export class Corpus {
  private readonly rows = new Map<number, TermCounts>()
  private readonly df = new TermTable(1 << 16)
  private cached: { options: string; matrix: Matrix } | null = null

  get size(): number {
    return this.rows.size
  }

  has(id: number): boolean {
    return this.rows.has(id)
  }

  /** Adds or replaces a paper's counts. */
  set(id: number, counts: TermCounts): void {
    const old = this.rows.get(id)
    if (old) this.count(old, -1)
    this.rows.set(id, counts)
    this.count(counts, 1)
    this.cached = null
  }

  delete(id: number): void {
    const old = this.rows.get(id)
    if (!old) return
    this.count(old, -1)
    this.rows.delete(id)
    this.cached = null
  }

  /** How many papers hold the term (tests and explanations). */
  documentFrequency(hash: number): number {
    return this.df.get(hash) ?? 0
  }

  private count({ hashes }: TermCounts, by: number): void {
    for (let i = 0; i < hashes.length; i++) this.df.add(hashes[i]!, by)
  }

  /** The weighted matrix (built once per change of the corpus). Rows are in ascending id order. */
  matrix(options: VectorOptions = defaultOptions(this.rows.size)): Matrix {
    const key = JSON.stringify(options)
    if (this.cached?.options === key) return this.cached.matrix
    const matrix = this.build(options)
    this.cached = { options: key, matrix }
    return matrix
  }

  private build({ maxTerms, minDf, maxDfRatio }: VectorOptions): Matrix {
    const n = this.rows.size
    const maxDf = maxDfRatio * n
    // most frequent first, equal frequencies by hash (so the cap never depends on insertion order):
    // one float per candidate, df above the hash, sorted natively (a million terms, no objects)
    let candidates = new Float64Array(1024)
    let found = 0
    this.df.forEach((d, h) => {
      if (d < minDf || d > maxDf) return
      if (found === candidates.length) {
        const grown = new Float64Array(found * 2)
        grown.set(candidates)
        candidates = grown
      }
      candidates[found++] = -(d * 2 ** 32 + (0xffffffff - h))
    })
    const top = candidates.subarray(0, found).sort().subarray(0, maxTerms)
    const terms = Uint32Array.from(top, (k) => 0xffffffff - (-k % 2 ** 32)).sort()
    const column = new TermTable(terms.length)
    terms.forEach((h, i) => column.set(h, i))
    const idf = Float32Array.from(terms, (h) => Math.log((1 + n) / (1 + this.df.get(h)!)) + 1)

    const ids = Int32Array.from(this.rows.keys()).sort()
    const rowStart = new Int32Array(ids.length + 1)
    let nnz = 0
    for (const { hashes } of this.rows.values()) nnz += hashes.length
    const cols = new Int32Array(nnz)
    const vals = new Float32Array(nnz)
    const row = new Map<number, number>()
    const rowOf = new Int32Array(ids.length ? ids[ids.length - 1]! + 1 : 0).fill(-1)
    let at = 0
    for (let r = 0; r < ids.length; r++) {
      row.set(ids[r]!, r)
      rowOf[ids[r]!] = r
      const { hashes, counts } = this.rows.get(ids[r]!)!
      const start = at
      let norm = 0
      for (let i = 0; i < hashes.length; i++) {
        const c = column.get(hashes[i]!)
        if (c === undefined) continue
        const w = SUBLINEAR_TF[counts[i]!]! * idf[c]!
        cols[at] = c
        vals[at++] = w
        norm += w * w
      }
      norm = Math.sqrt(norm)
      if (norm > 0) for (let k = start; k < at; k++) vals[k]! /= norm
      rowStart[r + 1] = at
    }
    return { ids, row, rowOf, rowStart, cols: cols.slice(0, at), vals: vals.slice(0, at), terms, idf }
  }
}

/** Row r of the matrix as a dense vector (for a query against every row). */
export function denseRow(m: Matrix, r: number): Float32Array {
  const v = new Float32Array(m.terms.length)
  for (let k = m.rowStart[r]!; k < m.rowStart[r + 1]!; k++) v[m.cols[k]!] = m.vals[k]!
  return v
}

/** Dot product of row r with a dense vector. */
export function dotRow(m: Matrix, r: number, dense: Float32Array): number {
  let s = 0
  for (let k = m.rowStart[r]!; k < m.rowStart[r + 1]!; k++) s += m.vals[k]! * dense[m.cols[k]!]!
  return s
}
