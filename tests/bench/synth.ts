/**
 * Synthetic libraries for the search benchmark, grown from the three shared dumps: every synthetic
 * paper is a shared paper with some of its words swapped for other words of the shared vocabulary
 * and a few for coined terms (so the vocabulary grows with the library, as a real one does). Lengths,
 * word frequencies and metadata stay those of real entries. Deterministic (seeded).
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseDumpBytes, resolveDump, type ResolvedEntry } from '../../src/main/dump/parser'

export interface BasePaper {
  title: string
  abstract: string
  meta: string
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function loadBasePapers(dir: string): ResolvedEntry[] {
  const seen = new Map<string, ResolvedEntry>()
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
    const parsed = resolveDump(parseDumpBytes(readFileSync(join(dir, f))), new Date('2026-04-21'))
    for (const e of parsed.entries) if (!seen.has(e.title.toLowerCase())) seen.set(e.title.toLowerCase(), e)
  }
  return [...seen.values()]
}

const WORD = /^[A-Za-z][a-z]{3,}$/

export class Synth {
  private readonly rand: () => number
  private readonly pool: string[]
  private readonly coined: string[] = []
  private readonly titles = new Set<string>()
  readonly base: ResolvedEntry[]

  constructor(base: ResolvedEntry[], seed = 42) {
    this.base = base
    this.rand = rng(seed)
    const words = new Set<string>()
    for (const p of base) for (const w of `${p.title} ${p.abstract}`.split(/\s+/)) if (WORD.test(w)) words.add(w.toLowerCase())
    this.pool = [...words].sort()
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)]!
  }

  /** A new term made of two pieces of real words: "transformer" + "synaptic" → "transaptic". */
  private coin(): string {
    for (;;) {
      const a = this.pick(this.pool)
      const b = this.pick(this.pool)
      const w = a.slice(0, 3 + Math.floor(this.rand() * Math.max(1, a.length - 4))) + b.slice(Math.floor(b.length / 2))
      if (w.length >= 6 && w.length <= 16) return w
    }
  }

  /** A coined term, new ones more often while the library is small (Heaps-like growth). */
  private coinedTerm(): string {
    if (this.coined.length < 200 || this.rand() < 0.35) {
      const w = this.coin()
      this.coined.push(w)
      return w
    }
    return this.pick(this.coined)
  }

  private vary(text: string, pSwap: number, pCoin: number): string {
    return text
      .split(' ')
      .map((w) => {
        if (!WORD.test(w)) return w
        const r = this.rand()
        if (r < pCoin) return this.coinedTerm()
        if (r < pCoin + pSwap) return this.pick(this.pool)
        return w
      })
      .join(' ')
  }

  /** One synthetic entry as dump text (title ¶ abstract ¶ metadata). */
  paper(): { title: string; text: string } {
    for (;;) {
      const b = this.pick(this.base)
      let title = this.vary(b.title, 0.25, 0.12)
      if (this.titles.has(title.toLowerCase())) title = `${title} ${this.coinedTerm()}`
      if (this.titles.has(title.toLowerCase())) continue
      this.titles.add(title.toLowerCase())
      const abstract = this.vary(b.abstract, 0.15, 0.02)
      const who = b.org ? `${b.org.handle} ${b.org.name}` : `  • ${b.authorsCount ?? 1 + Math.floor(this.rand() * 8)} authors`
      const year = 2015 + Math.floor(this.rand() * 12)
      const date = `${this.pick(MONTHS)} ${1 + Math.floor(this.rand() * 28)}, ${year}`
      return { title, text: `${title}\n\n${abstract}\n\n${who}\n·\n${date}` }
    }
  }

  /** A dump of `n` entries dated `day` (a Date), as the text of a saved page. */
  dump(day: Date, n: number, entries?: string[]): { text: string; titles: string[] } {
    const titles: string[] = []
    const body = entries ?? Array.from({ length: n }, () => {
      const p = this.paper()
      titles.push(p.title)
      return p.text
    })
    const header = `${MONTHS[day.getUTCMonth()]} ${day.getUTCDate()}`
    const text = ['new', 'Get trending papers in your email inbox!', 'Subscribe', 'Daily Papers', 'byAK and the research community', header, ...body].join('\n\n')
    return { text, titles }
  }
}
