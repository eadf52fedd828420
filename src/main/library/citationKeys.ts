/**
 * Citation keys: readable, ASCII, unique across the library, and pinned.
 *
 * Pattern: `<org handle><year><first significant title word>` when the paper has an organisation
 * (`cislmu2025relation`), else `<first significant title word><year>` (`neuroformer2023`). The year is
 * the publication year, else the year the paper was first seen. A key already taken (compared
 * case-insensitively, as BibTeX does) gets a suffix a, b, … z, aa, ab, …
 *
 * A key is assigned once, when the paper enters the library (Library.writeDump, migration 003 for
 * papers that were there before), and stored in `papers.citation_key`. Nothing recomputes it later:
 * re-imports, merges and exports read the stored key, so a key cited in a draft never changes. Only
 * the user changes it, through setCitationKey.
 */
import { UserError } from '../errors'
import type Database from 'better-sqlite3'
import { Transform } from 'unicode2latex'
import { asciiWordWith, firstSignificantWordWith, keyBaseWith, type KeySource, MAX_KEY_LENGTH, type NameLetter } from './citationKeyBase'
import { statement, writeTransaction } from './statements'

export { type KeySource, MAX_KEY_LENGTH, STOP_WORDS } from './citationKeyBase'

/** What BibTeX, biber and LaTeX's \cite accept without trouble in a key. */
export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_:.+/-]*$/

export class CitationKeyError extends UserError {}

const latex = new Transform('bibtex')

/** A letter without an ASCII decomposition, by the name of its LaTeX macro from unicode2latex (ß → ss, α → alpha), or ''. */
const latexName: NameLetter = (ch) => {
  const tex = latex.tolatex(ch)
  const macro = /^\$?\{?\\([A-Za-z]+)\{?\}?\$?$/.exec(tex.replace(/\s+/g, ''))
  return macro && !macro[1]!.startsWith('text') ? macro[1]! : ''
}

/** ASCII transliteration of a word, keeping letters and digits only. */
export function asciiWord(word: string): string {
  return asciiWordWith(word, latexName)!
}

/** The first title word that is not a stop word, as lower-case ASCII ('' when there is none). */
export function firstSignificantWord(title: string): string {
  return firstSignificantWordWith(title, latexName)!
}

/** The key before deduplication. */
export function baseCitationKey(p: KeySource): string {
  return keyBaseWith(p, latexName)!
}

/** '', a, b, … z, aa, ab, … */
export function suffix(n: number): string {
  let s = ''
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(97 + ((i - 1) % 26)) + s
  return s
}

/** Every key that starts with `base`, compared case-insensitively (one index range read). */
function keysStartingWith(db: Database.Database, base: string, exceptId: number): Set<string> {
  return new Set(
    statement(
      db,
      'SELECT lower(citation_key) FROM papers WHERE citation_key >= ? COLLATE NOCASE AND citation_key < ? COLLATE NOCASE AND id <> ?',
    )
      .pluck()
      .all(base, `${base}\x7f`, exceptId) as string[],
  )
}

function firstFree(base: string, taken: Set<string>): string {
  const lower = base.toLowerCase()
  for (let n = 0; ; n++) if (!taken.has(lower + suffix(n))) return base + suffix(n)
}

/** The first free key for `base` (base, basea, baseb, …). */
export function freeKey(db: Database.Database, base: string, exceptId = -1): string {
  return firstFree(base, keysStartingWith(db, base, exceptId))
}

/** The inverse of suffix: '' → 0, 'a' → 1, 'z' → 26, 'aa' → 27 (letters a-z only). */
export function suffixIndex(s: string): number {
  let n = 0
  for (const ch of s) n = n * 26 + (ch.charCodeAt(0) - 96)
  return n
}

/**
 * Keys for the papers one import inserts, inside its transaction: the same keys as freeKey (the
 * first free of base, basea, baseb, …), found in O(log n) per paper however many papers share a
 * base. Table `citation_key_next` keeps, per base, a suffix below which every key is taken; the
 * allocator starts there and probes the unique key index until a key is free. Call save() before
 * the transaction commits.
 */
export class CitationKeyAllocator {
  /** base → first suffix not known to be taken, as advanced in this transaction. */
  private readonly cursors = new Map<string, number>()
  /** Bases looked up together (prefetch) and found free then: no counter, plain key not taken. */
  private fresh = new Set<string>()
  /** Keys given since that lookup (the only keys inserted since: it could not see them). */
  private readonly givenSince = new Set<string>()

  constructor(private readonly db: Database.Database) {}

  /**
   * Looks up at once which of `bases` are fresh (no counter, plain key free), for the next() calls
   * of one file's new papers: one statement rather than one per paper. Bases are lower-case ASCII,
   * as baseCitationKey makes them.
   */
  prefetch(bases: readonly string[]): void {
    this.givenSince.clear()
    const fresh = bases.length
      ? (statement(
          this.db,
          `SELECT j.value FROM json_each(?) j WHERE NOT EXISTS (SELECT 1 FROM citation_key_next WHERE base = j.value)
             AND NOT EXISTS (SELECT 1 FROM papers WHERE citation_key = j.value COLLATE NOCASE)`,
        )
          .pluck()
          .all(JSON.stringify(bases)) as string[])
      : []
    this.fresh = new Set(fresh)
  }

  /** The key for a new paper whose key base (baseCitationKey) is `base`. */
  next(base: string): string {
    let n = this.cursors.get(base)
    if (n === undefined) {
      if (this.fresh.has(base) && !this.givenSince.has(base)) return this.give(base, 0)
      // the counter and the plain key in one statement: most bases are new, and their plain key free
      const [next, plainTaken] = statement(
        this.db,
        'SELECT (SELECT next FROM citation_key_next WHERE base = ?), EXISTS (SELECT 1 FROM papers WHERE citation_key = ? COLLATE NOCASE)',
      )
        .raw()
        .get(base, base) as [number | null, number]
      if (next === null && !plainTaken) return this.give(base, 0)
      n = next ?? 0
    }
    // keys other bases took meanwhile (`ab2020x` + `a` is also `ab2020` + `xa`) are in the index too
    const taken = statement(this.db, 'SELECT 1 FROM papers WHERE citation_key = ? COLLATE NOCASE').pluck()
    while (taken.get(base + suffix(n)) !== undefined) n++
    return this.give(base, n)
  }

  /** Takes back `key`, just given for `base` by next() (its paper was not inserted): the base's next paper gets it. */
  giveBack(base: string, key: string): void {
    const n = suffixIndex(key.slice(base.length))
    // a plain key given back leaves the base as it was before (a cursor is only ever set past a given key)
    if (n === 0) this.cursors.delete(base)
    else this.cursors.set(base, n)
    this.givenSince.delete(key)
  }

  private give(base: string, n: number): string {
    const key = base + suffix(n)
    this.cursors.set(base, n + 1) // the caller inserts the paper with this key before asking again
    this.givenSince.add(key)
    return key
  }

  /**
   * Stores the counters this transaction advanced past the plain key. A base whose plain key alone
   * was given needs no row (most bases: one paper each): without a counter, next() starts at the
   * plain key, finds it taken in the papers' key index, and goes on from there.
   */
  save(): void {
    const upsert = statement(
      this.db,
      'INSERT INTO citation_key_next (base, next) VALUES (?, ?) ON CONFLICT (base) DO UPDATE SET next = excluded.next',
    )
    for (const [base, next] of this.cursors) if (next > 1) upsert.run(base, next)
    this.cursors.clear()
    this.fresh.clear()
    this.givenSince.clear()
  }
}

/**
 * A key that no longer names a paper frees its slot: every base it is `base + suffix` of (its
 * prefixes before a run of trailing letters) must look there again.
 */
function keyFreed(db: Database.Database, key: string): void {
  const lower = key.toLowerCase()
  const letters = /[a-z]*$/.exec(lower)![0].length
  const lowerNext = statement(db, 'UPDATE citation_key_next SET next = min(next, ?) WHERE base = ?')
  // suffixes longer than 6 letters (300 million papers on one base) are not suffixes Margin gave
  for (let cut = Math.max(1, lower.length - Math.min(letters, 6)); cut <= lower.length; cut++) {
    lowerNext.run(suffixIndex(lower.slice(cut)), lower.slice(0, cut))
  }
}

interface KeyRow {
  id: number
  title: string
  org_handle: string | null
  published_at: string | null
  first_seen: string
  citation_key: string | null
}

/**
 * Gives the paper its key if it has none; returns its key. Call inside the transaction that inserts
 * the paper. A paper that already has a key keeps it.
 */
export function assignCitationKey(db: Database.Database, id: number): string {
  const row = statement(db, 'SELECT id, title, org_handle, published_at, first_seen, citation_key FROM papers WHERE id = ?')
    .get(id) as KeyRow | undefined
  if (!row) throw new CitationKeyError(`No paper with id ${id}.`, 'notFound')
  if (row.citation_key) return row.citation_key
  const key = freeKey(
    db,
    baseCitationKey({ title: row.title, orgHandle: row.org_handle, publishedAt: row.published_at, firstSeen: row.first_seen }),
    id,
  )
  statement(db, 'UPDATE papers SET citation_key = ? WHERE id = ?').run(key, id)
  return key
}

/** Keys for every paper that has none, oldest paper (lowest id) first: deterministic. */
export function assignMissingCitationKeys(db: Database.Database): number {
  const ids = db.prepare('SELECT id FROM papers WHERE citation_key IS NULL ORDER BY id').pluck().all() as number[]
  for (const id of ids) assignCitationKey(db, id)
  return ids.length
}

/** Why `key` cannot be used as a citation key, or null when it can (uniqueness aside). */
export function citationKeyProblem(key: string): string | null {
  if (key.length === 0) return 'A citation key cannot be empty.'
  if (key.length > MAX_KEY_LENGTH) return `A citation key can be at most ${MAX_KEY_LENGTH} characters long.`
  if (!/^[\x21-\x7e]+$/.test(key)) {
    return 'A citation key can hold only ASCII letters, digits and - _ : . + / (no spaces, no accents).'
  }
  if (!KEY_PATTERN.test(key)) {
    return 'A citation key must start with a letter or digit and hold only letters, digits and - _ : . + /.'
  }
  return null
}

/**
 * Changes a paper's key to one the user chose. Throws CitationKeyError with a sentence the UI can
 * show when the key is malformed or another paper has it (compared case-insensitively, as BibTeX
 * does). Returns the key stored.
 */
export function setCitationKey(db: Database.Database, id: number, key: string): string {
  const wanted = key.trim()
  const problem = citationKeyProblem(wanted)
  if (problem) throw new CitationKeyError(problem, 'invalidInput')
  return writeTransaction(db, () => {
    const old = statement(db, 'SELECT citation_key FROM papers WHERE id = ?').pluck(false).get(id) as { citation_key: string | null } | undefined
    if (!old) throw new CitationKeyError(`No paper with id ${id}.`, 'notFound')
    const holder = statement(db, 'SELECT id, title, citation_key AS key FROM papers WHERE citation_key = ? COLLATE NOCASE AND id <> ?').get(wanted, id) as { id: number; title: string; key: string } | undefined
    if (holder) {
      throw new CitationKeyError(`The citation key "${holder.key}" is already used by "${holder.title}".`, 'keyTaken')
    }
    statement(db, 'UPDATE papers SET citation_key = ? WHERE id = ?').run(wanted, id)
    if (old.citation_key && old.citation_key.toLowerCase() !== wanted.toLowerCase()) keyFreed(db, old.citation_key)
    return wanted
  })
}

export function getCitationKey(db: Database.Database, id: number): string | null {
  return (statement(db, 'SELECT citation_key FROM papers WHERE id = ?').pluck().get(id) as string | null | undefined) ?? null
}
