/** What the benchmark's scenarios share: timing a call, medians and percentiles, a fresh library. */
import { rmSync } from 'node:fs'
import { Library } from '../../src/main/library/library'

export function time<T>(fn: () => T): [T, number] {
  const t = performance.now()
  const r = fn()
  return [r, performance.now() - t]
}

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}
export const ms = (x: number) => Math.round(x * 100) / 100
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** A new library at `path`, whatever was there before (the benchmark's own files). */
export function openFresh(path: string): Library {
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true })
  return new Library(path)
}
