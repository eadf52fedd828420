/**
 * Ranking the candidates the search index found (pure code, no database):
 *   1. papers that match every word of the query (any field) before papers that match some;
 *   2. then by how many of the words are in the title (a title match beats an abstract-only match);
 *   3. then by fuse.js's fuzzy score of the query against title, organisation and tags;
 *   4. then newest first.
 */
import Fuse from 'fuse.js'
import { fold } from '../library/searchIndex/text'
import type { CandidateRow } from '../library/searchIndex/searchIndexStore'
import type { Group } from './expand'
import type { SearchHit } from './search'

/** fuse.js re-ranks this many of the best-covered candidates. */
const FUSE_RANKED = 60

/**
 * The candidates in rank order (at most `limit`), with their scores and the terms to highlight.
 * `found` is the stage each candidate was found at (stages 0 and 1 matched every word).
 */
export function rankCandidates(
  rows: readonly CandidateRow[],
  found: ReadonlyMap<number, number>,
  groups: readonly Group[],
  limit: number,
): { results: SearchHit[]; total: number } {
  // 1. coverage: how many of the words each candidate has, and how many in its title (cheap)
  const matchers = groups.map(groupMatcher)
  const scored = rows.map((row) => {
    const stage = found.get(row.id)!
    const title = fold(row.title)
    const rest = stage <= 1 ? '' : fold(`${row.rest} ${row.org} ${row.tags}`)
    const highlights = new Set<string>()
    let matched = 0
    let inTitle = 0
    groups.forEach((g, i) => {
      const m = matchers[i]
      if (!m) return
      let hit = collect(m, title, highlights)
      if (hit) inTitle++
      // stages 0 and 1 matched every word somewhere, so a word not in the title is in another field
      if (!hit) hit = stage <= 1 ? (g.alternatives.forEach((a) => highlights.add(a)), true) : collect(m, rest, highlights)
      if (hit) matched++
    })
    return { id: row.id, row, coverage: matched / groups.length, titleCoverage: inTitle / groups.length, fz: 1, highlights: [...highlights] }
  })
  scored.sort((a, b) => b.coverage - a.coverage || b.titleCoverage - a.titleCoverage || b.id - a.id)

  // 2. fuse.js ranks the best of them on their short fields (title above organisation and tags); the
  // rest of a long list stays in coverage order (fuse.js over 1,000 titles would cost ~50 ms a keystroke)
  const head = scored.slice(0, FUSE_RANKED)
  const fuse = new Fuse(
    head.map((h) => h.row),
    {
      keys: [
        { name: 'title', weight: 3 },
        { name: 'org', weight: 1 },
        { name: 'tags', weight: 1 },
      ],
      includeScore: true,
      ignoreLocation: true,
      threshold: 0.6,
      shouldSort: false,
    },
  )
  const fuseQuery = groups
    .map((g) => (g.term.kind === 'word' && g.alternatives.length ? g.alternatives[0]! : g.term.tokens.join(' ')))
    .join(' ')
  for (const r of fuse.search(fuseQuery)) head[r.refIndex]!.fz = r.score ?? 1
  head.sort((a, b) => b.coverage - a.coverage || b.titleCoverage - a.titleCoverage || a.fz - b.fz || b.id - a.id)
  scored.splice(0, head.length, ...head)
  return {
    total: scored.length,
    results: scored.slice(0, limit).map((h) => ({ id: h.id, score: score(h, groups.length), highlights: h.highlights })),
  }
}


/**
 * 0..1 in the order results are ranked (so a list sorted by score is the ranking): papers with every
 * word score 0.6 or more, papers with m of n words below 0.6·(m+1)/n; within a level, more words in
 * the title and then fuse.js's score raise it, never past the next level.
 */
function score(h: { coverage: number; titleCoverage: number; fz: number }, words: number): number {
  const matched = Math.round(h.coverage * words)
  const within = (Math.round(h.titleCoverage * words) + 0.999 * (1 - h.fz)) / (words + 1)
  const s = matched === words ? 0.6 + 0.4 * within : (0.6 * (matched + within)) / words
  return Math.floor(s * 1e6) / 1e6
}

/** A regular expression finding any of a group's terms as whole words (a phrase: its words in order). */
function groupMatcher(g: Group): RegExp | null {
  if (g.fts === null) return null
  const alts =
    g.term.kind === 'phrase' ? (g.variants ?? [g.term.tokens]).map((v) => v.map(escapeRe).join('[^\\p{L}\\p{N}]+')) : g.alternatives.map(escapeRe)
  // a phrase still being typed ends in a prefix ("spiking neur)
  const end = g.term.kind === 'phrase' && g.fts.endsWith('*') ? '[\\p{L}\\p{N}]*' : '(?![\\p{L}\\p{N}])'
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})${end}`, 'gu')
}

function collect(re: RegExp, text: string, into: Set<string>): boolean {
  re.lastIndex = 0
  let found = false
  for (const m of text.matchAll(re)) {
    found = true
    for (const w of m[0].split(/[^\p{L}\p{N}]+/u)) into.add(w)
    if (into.size > 20) break
  }
  return found
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
