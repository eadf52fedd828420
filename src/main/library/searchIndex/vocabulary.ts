/**
 * Typo correction and prefix completion against the index's own vocabulary, kept in the library
 * file so that a freshly opened library of 100,000 papers corrects its first query at once.
 *
 * - `search_terms(term, docs)`: every index term and how many papers hold it (counted at the last bulk
 *   build; terms learned since count the papers they were learned from).
 * - `search_deletes(variant, term)`: SymSpell-style, each term and each of its one-letter deletions.
 *   A query word w is looked up by itself and its deletions up to two letters, so a term is found
 *   when w and it meet after at most two deletions from w and one from the term: one wrong,
 *   missing, extra or swapped letter, or two extra letters. Every candidate is checked with the
 *   real (optimal string alignment) distance. A lookup is one indexed query of a few dozen keys.
 *
 * Writers learn, searches never write: an import's transaction writes only the FTS index (fast);
 * after it, the writer (the CLI's import, a note or tag change, the app when idle after an import
 * or after another process changed the library) learns the terms of papers added since (ids above
 * `learned_id`) or changed since (`search_pending`). A big backlog (a first bulk import, a migrated
 * library) is rebuilt in bulk from the FTS vocabulary instead. Until it has learned, a search falls
 * back on the FTS index's own vocabulary (`indexDocs`, `indexCompletions`), so new papers are found
 * by their words at once, on a read-only or full library too; only typo correction waits.
 */
import type Database from 'better-sqlite3'
import { tryUpkeep, writeTransaction } from '../statements'
import { tokenize } from './text'

/** Words shorter than this are never corrected (too many neighbours to guess from). */
export const MIN_CORRECTABLE = 4
/** Terms longer than this are not put in the deletion map (URLs, hashes). */
const MAX_TERM = 32
/** Above this many papers to learn (and a quarter of the library), rebuilding from the FTS vocabulary is cheaper. */
const BULK_THRESHOLD = 3000
/** Terms learned since the last batch that may wait outside the deletion map (scanned per correction). */
const FRESH_MAX = 3000

export interface Correction {
  term: string
  distance: number
  docs: number
}

interface Prepared {
  learnedId: Database.Statement
  maxId: Database.Statement
  pendingCount: Database.Statement
  anyPending: Database.Statement
  indexDocs: Database.Statement
  indexPrefix: Database.Statement
  texts: Database.Statement
  upsertTerms: Database.Statement
  insertDeletes: Database.Statement
  insertFresh: Database.Statement
  freshCount: Database.Statement
  freshTerms: Database.Statement
  freshNear: Database.Statement
  lookup: Database.Statement
  has: Database.Statement
  prefix: Database.Statement
}

const prepared = new WeakMap<Database.Database, Prepared>()

/** Every searchable text of paper `p`, as one string. */
const TEXT = `p.title || ' ' || p.abstract || ' ' || coalesce(p.org_handle, '') || ' ' || coalesce(p.org_name, '') || ' ' ||
  p.note || ' ' || coalesce((SELECT group_concat(tag, ' ') FROM tags WHERE paper_id = p.id), '') || ' ' ||
  coalesce((SELECT group_concat(value, ' ') FROM json_each(p.authors)), '')`

function stmts(db: Database.Database): Prepared {
  let s = prepared.get(db)
  if (!s) {
    s = {
      learnedId: db.prepare("SELECT value FROM search_state WHERE key = 'learned_id'").pluck(),
      maxId: db.prepare('SELECT coalesce(max(id), 0) FROM papers').pluck(),
      pendingCount: db.prepare('SELECT count(*) FROM search_pending').pluck(),
      anyPending: db.prepare('SELECT EXISTS (SELECT 1 FROM search_pending)').pluck(),
      // the FTS index's own vocabulary (fts5vocab): always current, slower than search_terms
      indexDocs: db.prepare('SELECT doc FROM search_vocab WHERE term = ?').pluck(),
      indexPrefix: db.prepare('SELECT term FROM search_vocab WHERE term > ? AND term < ? ORDER BY doc DESC LIMIT ?').pluck(),
      // two branches rather than one OR, so each is an index range and not a scan of every paper
      texts: db
        .prepare(
          `SELECT ${TEXT} FROM papers p WHERE p.id > @learned
           UNION ALL
           SELECT ${TEXT} FROM papers p WHERE p.id IN (SELECT paper_id FROM search_pending) AND p.id <= @learned`,
        )
        .pluck(),
      upsertTerms: db.prepare(
        `INSERT INTO search_terms (term, docs) SELECT key, value FROM json_each(?) WHERE 1
         ON CONFLICT (term) DO NOTHING RETURNING term`,
      ),
      insertDeletes: db.prepare(
        'INSERT OR IGNORE INTO search_deletes (variant, term) SELECT value ->> 0, value ->> 1 FROM json_each(?)',
      ),
      insertFresh: db.prepare('INSERT OR IGNORE INTO search_fresh (term) SELECT value FROM json_each(?)'),
      freshCount: db.prepare('SELECT count(*) FROM search_fresh').pluck(),
      freshTerms: db.prepare('SELECT term FROM search_fresh').pluck(),
      freshNear: db.prepare(
        'SELECT f.term, t.docs FROM search_fresh f JOIN search_terms t ON t.term = f.term WHERE length(f.term) BETWEEN ? AND ?',
      ),
      lookup: db.prepare(
        'SELECT d.term, t.docs FROM search_deletes d JOIN search_terms t ON t.term = d.term WHERE d.variant IN (SELECT value FROM json_each(?))',
      ),
      has: db.prepare('SELECT docs FROM search_terms WHERE term = ?').pluck(),
      prefix: db.prepare('SELECT term FROM search_terms WHERE term > ? AND term < ? ORDER BY docs DESC LIMIT ?').pluck(),
    }
    prepared.set(db, s)
  }
  return s
}

/** Called by the indexer inside a write: papers whose text changed must be learned again. */
export function vocabularyChanged(db: Database.Database, _added: readonly number[] | null, changed: readonly number[] | null): void {
  if (changed === null) {
    db.exec("DELETE FROM search_pending; UPDATE search_state SET value = -1 WHERE key = 'learned_id'")
  } else if (changed.length) {
    const learned = stmts(db).learnedId.get() as number
    const ins = db.prepare('INSERT OR IGNORE INTO search_pending (paper_id) VALUES (?)')
    for (const id of changed) if (id <= learned) ins.run(id)
  }
}

const WITH_DELETES = `length(term) >= ${MIN_CORRECTABLE - 1} AND length(term) <= ${MAX_TERM}`

/** Whether papers were added or changed since the vocabulary last learned (reads only). */
export function vocabularyBehind(db: Database.Database): boolean {
  const s = stmts(db)
  const learned = s.learnedId.get() as number
  return learned < 0 || (s.maxId.get() as number) > learned || s.anyPending.get() === 1
}

/** Rebuilds the vocabulary from the FTS index in bulk (after a first big import or a migration). */
export function rebuildVocabulary(db: Database.Database): void {
  writeTransaction(db, () => rebuild(db, stmts(db).maxId.get() as number))
}

function rebuild(db: Database.Database, maxId: number): void {
  db.exec(`
    DELETE FROM search_terms; DELETE FROM search_deletes; DELETE FROM search_pending; DELETE FROM search_fresh;
    INSERT INTO search_terms (term, docs) SELECT term, doc FROM search_vocab;
    WITH RECURSIVE pos(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM pos WHERE i < ${MAX_TERM})
    INSERT INTO search_deletes (variant, term)
      SELECT variant, term FROM (
        SELECT term AS variant, term FROM search_terms WHERE ${WITH_DELETES}
        UNION
        SELECT substr(term, 1, i - 1) || substr(term, i + 1), term FROM search_terms JOIN pos ON i <= length(term)
        WHERE ${WITH_DELETES}
      ) ORDER BY 1, 2;
  `)
  db.prepare("UPDATE search_state SET value = ? WHERE key = 'learned_id'").run(maxId)
}

export interface CatchUpOptions {
  /** false: learn only a backlog small enough to learn paper by paper, leave a bulk rebuild for later. */
  rebuild?: boolean
  /** (tryCatchUpVocabulary) false: give up at once if another process holds the write lock. */
  wait?: boolean
}

/**
 * Learns the terms of papers added or changed since it last learned. Returns the papers learned.
 * A write: it takes the write lock before reading the backlog, so two processes catching up at
 * once learn each paper once.
 */
export function catchUpVocabulary(db: Database.Database, { rebuild: bulk = true }: CatchUpOptions = {}): number {
  if (!vocabularyBehind(db)) return 0 // nothing to learn: no write lock taken
  const s = stmts(db)
  return writeTransaction(db, () => {
    const learned = s.learnedId.get() as number
    const maxId = s.maxId.get() as number
    const backlog = Math.max(0, maxId - learned) + (s.pendingCount.get() as number)
    if (backlog === 0) return 0
    if (learned < 0 || backlog > Math.max(BULK_THRESHOLD, maxId / 4)) {
      if (!bulk) return 0
      rebuild(db, maxId)
      return backlog
    }
    const counts: Record<string, number> = Object.create(null)
    for (const text of s.texts.iterate({ learned }) as Iterable<string>) {
      for (const term of new Set(tokenize(text))) counts[term] = (counts[term] ?? 0) + 1
    }
    // one insert for the batch; only new terms come back (and are written). Known terms keep the
    // document count of the last bulk build: it only orders corrections, so it may lag a little.
    // New terms wait in the small search_fresh table (scanned directly by corrections()) and join
    // the deletion map in batches: a few deletions scattered over a million-row B-tree per import
    // would dirty hundreds of pages.
    const fresh = (s.upsertTerms.pluck().all(JSON.stringify(counts)) as string[]).filter(
      (t) => t.length >= MIN_CORRECTABLE - 1 && t.length <= MAX_TERM,
    )
    if (fresh.length) s.insertFresh.run(JSON.stringify(fresh))
    if ((s.freshCount.get() as number) > FRESH_MAX) {
      const deletes: [string, string][] = []
      for (const term of s.freshTerms.all() as string[]) {
        deletes.push([term, term])
        for (let i = 0; i < term.length; i++) deletes.push([term.slice(0, i) + term.slice(i + 1), term])
      }
      deletes.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      s.insertDeletes.run(JSON.stringify(deletes))
      db.exec('DELETE FROM search_fresh')
    }
    db.exec('DELETE FROM search_pending')
    db.prepare("UPDATE search_state SET value = ? WHERE key = 'learned_id'").run(maxId)
    return backlog
  })
}

/**
 * catchUpVocabulary for writers, after their own write has committed: it never fails that write.
 * Returns whether the vocabulary is now current. `wait: false` gives up at once if another process
 * holds the write lock (a note saved while the CLI imports must not wait for it).
 */
export function tryCatchUpVocabulary(db: Database.Database, options: CatchUpOptions = {}): boolean {
  return tryUpkeep(db, options.wait !== false, () => {
    catchUpVocabulary(db, options)
    return !vocabularyBehind(db)
  })
}

/** Papers holding `term` according to the FTS index itself (for a term not learned yet). */
export function indexDocs(db: Database.Database, term: string): number {
  return (stmts(db).indexDocs.get(term) as number | undefined) ?? 0
}

/** The FTS index's most common terms starting with `prefix` (for terms not learned yet). */
export function indexCompletions(db: Database.Database, prefix: string, limit = 12): string[] {
  return stmts(db).indexPrefix.all(prefix, `${prefix}\u{10ffff}`, limit) as string[]
}

/** Documents holding `term`, 0 for a term the index does not know. */
export function termDocs(db: Database.Database, term: string): number {
  return (stmts(db).has.get(term) as number | undefined) ?? 0
}

/** The most common index terms that start with `prefix` (prefix itself excluded). */
export function completions(db: Database.Database, prefix: string, limit = 12): string[] {
  return stmts(db).prefix.all(prefix, `${prefix}\u{10ffff}`, limit) as string[]
}

/** The largest edit distance tolerated for a word of this length. */
export function maxTypos(word: string): number {
  return word.length < MIN_CORRECTABLE ? 0 : word.length < 7 ? 1 : 2
}

/** Index terms within `maxTypos(word)` edits of `word` (not `word` itself), closest and most common first. */
export function corrections(db: Database.Database, word: string, limit = 4): Correction[] {
  const max = maxTypos(word)
  if (max === 0) return []
  const keys = new Set<string>([word])
  let frontier = [word]
  for (let d = 0; d < max; d++) {
    const next: string[] = []
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const k = w.slice(0, i) + w.slice(i + 1)
        if (!keys.has(k)) {
          keys.add(k)
          next.push(k)
        }
      }
    }
    frontier = next
  }
  const found = new Map<string, Correction>()
  const s = stmts(db)
  const rows = [
    ...(s.lookup.all(JSON.stringify([...keys])) as { term: string; docs: number }[]),
    ...(s.freshNear.all(word.length - max, word.length + max) as { term: string; docs: number }[]),
  ]
  for (const row of rows) {
    if (row.term === word || found.has(row.term)) continue
    const distance = osaDistance(word, row.term, max)
    if (distance <= max) found.set(row.term, { term: row.term, distance, docs: row.docs })
  }
  return [...found.values()]
    .sort((a, b) => a.distance - b.distance || b.docs - a.docs || (a.term < b.term ? -1 : 1))
    .slice(0, limit)
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), giving up above `max`. */
export function osaDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  const n = b.length
  let prev2 = new Array<number>(n + 1).fill(0)
  let prev = Array.from({ length: n + 1 }, (_, j) => j)
  let cur = new Array<number>(n + 1).fill(0)
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i
    let rowMin = i
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, prev2[j - 2]! + 1)
      }
      cur[j] = d
      if (d < rowMin) rowMin = d
    }
    if (rowMin > max) return max + 1
    ;[prev2, prev, cur] = [prev, cur, prev2]
  }
  return prev[n]!
}
