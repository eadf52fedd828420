/**
 * Writing one parsed file into its day. A dump is a page day, not a file: the first file of a day
 * creates the day's dump; any later file of the same day (the page saved again with other bytes, a
 * re-serialised or later API response, a text dump beside an API file) adds only what the day did
 * not hold yet: papers it did not list, higher upvote counts, a longer abstract, an arXiv id. A
 * file that brings nothing new changes nothing and is reported as already imported.
 */
import type Database from 'better-sqlite3'
import type { ImportedEntry } from '../dump/hfApi'
import { baseCitationKey, type CitationKeyAllocator } from './citationKeys'
import type { ImportResult } from '../../shared/contract/shapes/library'
import { statement } from './statements'
import { titleKey } from './titleKey'
import { orgText, type TextRow } from './vectorStore'
import type { EntriesAhead } from './parseAhead/jobs'

export interface PaperRow {
  id: number
  title: string
  abstract: string
  authors_count: number | null
  org_handle: string | null
  org_name: string | null
  published_at: string | null
  published_explicit: number
  upvotes: number | null
  upvotes_date: string | null
  first_seen: string
  last_seen: string
  read: number
  starred: number
  note: string
  note_updated_at: string | null
  arxiv_id: string | null
  authors: string | null
  citation_key: string | null
}

/** A file hashed and parsed, ready to write. */
export interface ParsedFile {
  path: string
  size: number
  sha256: string
  dump: { dumpDate: string; entries: ImportedEntry[]; warnings: string[]; ahead?: EntriesAhead; later?: number }
}

export interface WriteContext {
  /** Papers up to this id were in the search index and had their term vectors before the transaction. */
  indexedUpTo: number
  /** Papers at or below indexedUpTo whose searchable text changed (to re-index and count again). */
  changed: Set<number>
  keys: CitationKeyAllocator
  /**
   * When given: every paper inserted, by id, with its text as it stands at the end of the
   * transaction (for its term vector, without reading it back).
   */
  added?: Map<number, TextRow>
  /** Entries of the transaction so far that were new papers, and known ones (how to look the next up). */
  seen: { added: number; known: number }
}

/** The day and paper count of a file whose exact bytes were imported before (no need to parse it). */
export function knownFile(db: Database.Database, sha256: string): { dumpDate: string; papers: number } | undefined {
  return statement(
    db,
    // (the day by a subquery: as a join this took three times as long, asked twice for each file of an import)
    'SELECT (SELECT dump_date FROM dumps WHERE id = f.dump_id) AS dumpDate, f.entries AS papers FROM dump_files f WHERE f.sha256 = ?',
  ).get(sha256) as { dumpDate: string; papers: number } | undefined
}

/** What writing one file did: its result, its day's dump, and the papers it added (consecutive ids). */
export interface WrittenDay {
  result: ImportResult
  dumpId: number | null
  firstNewId: number | null
  lastNewId: number | null
}

/** Writes one parsed file into its day (inside the caller's write transaction). */
export function writeDay(db: Database.Database, file: ParsedFile, { indexedUpTo, changed, keys, added: addedRows, seen }: WriteContext): WrittenDay {
  const nothing = { dumpId: null, firstNewId: null, lastNewId: null }
  const { path, size, sha256 } = file
  const { dumpDate, entries, warnings, ahead, later } = file.dump
  const result = { path, dumpDate, papers: entries.length, warnings, error: null }
  // the same bytes twice in one import, or imported meanwhile by another window or the CLI
  const known = knownFile(db, sha256)
  if (known) return { result: { ...result, status: 'already-imported', added: 0, merged: 0, updated: 0, ...known }, ...nothing }
  const now = new Date().toISOString()
  const existing = statement(db, 'SELECT id FROM dumps WHERE dump_date = ?').pluck().get(dumpDate) as number | undefined
  const dumpId =
    existing ??
    Number(
      statement(
        db,
        `INSERT INTO dumps (file_name, size, sha256, dump_date, imported_at, entries, added, merged, warnings)
         VALUES (?, ?, ?, ?, ?, 0, 0, 0, ?)`,
      ).run(path, size, sha256, dumpDate, now, JSON.stringify(warnings)).lastInsertRowid,
    )
  // what the day holds already: paper → its upvote count that day
  const inDay = new Map<number, number | null>()
  let position = 0
  if (existing !== undefined) {
    const rows = statement(db, 'SELECT paper_id, position, upvotes FROM appearances WHERE dump_id = ?').all(dumpId) as {
      paper_id: number
      position: number
      upvotes: number | null
    }[]
    for (const r of rows) {
      inDay.set(r.paper_id, r.upvotes)
      position = Math.max(position, r.position + 1)
    }
  }
  const find = statement(db, 'SELECT * FROM papers WHERE title_key = ?')
  const insert = statement(
    db,
    // positional: an import binds this once per new paper, and names cost a lookup each
    // the abstract may come as its UTF-8 bytes (EntriesAhead.abstracts): stored as the same text
    `INSERT INTO papers (title, title_key, abstract, authors_count, org_handle, org_name, published_at,
       published_explicit, upvotes, upvotes_date, first_seen, last_seen, added_at, arxiv_id, authors, citation_key)
     VALUES (?, ?, CAST(? AS TEXT), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (title_key) DO NOTHING`,
  )
  const update = statement(
    db,
    `UPDATE papers SET abstract = @abstract, authors_count = @authorsCount, org_handle = @orgHandle,
       org_name = @orgName, published_at = @publishedAt, published_explicit = @explicit, upvotes = @upvotes,
       upvotes_date = @upvotesDate, first_seen = min(first_seen, @day), last_seen = max(last_seen, @day),
       arxiv_id = coalesce(arxiv_id, @arxivId), authors = coalesce(authors, @authors)
     WHERE id = @id`,
  )
  const appear = statement(db, 'INSERT INTO appearances (dump_id, position, paper_id, upvotes) VALUES (?, ?, ?, ?)')
  const raiseVotes = statement(db, 'UPDATE appearances SET upvotes = ? WHERE dump_id = ? AND paper_id = ?')
  let added = 0
  let merged = 0
  let updated = 0
  let firstNewId: number | null = null
  let lastNewId: number | null = null
  // which citation-key bases are free, asked once for the whole file (most entries are new papers)
  const keyBases = entries.map(
    (e, i) => ahead?.keyBases[i] ?? baseCitationKey({ title: e.title, orgHandle: e.org?.handle ?? null, publishedAt: e.publishedAt, firstSeen: dumpDate }),
  )
  keys.prefetch(keyBases)
  /** Inserts entry i as a new paper: its id, or null when its title key is taken (the paper is known). */
  const insertNew = (i: number, e: ImportedEntry, key: string, identity: { arxivId: string | null; authors: string | null }): number | null => {
    const citationKey = keys.next(keyBases[i]!)
    const inserted = insert.run(
      e.title,
      key,
      ahead?.abstracts?.[i] ?? e.abstract,
      e.authorsCount,
      e.org?.handle ?? null,
      e.org?.name ?? null,
      e.publishedAt,
      e.publishedExplicit ? 1 : 0,
      e.upvotes,
      e.upvotes === null ? null : dumpDate,
      dumpDate, // first seen
      dumpDate, // last seen
      now,
      identity.arxivId,
      identity.authors,
      citationKey, // pinned from now on
    )
    if (inserted.changes === 1) return Number(inserted.lastInsertRowid)
    keys.giveBack(keyBases[i]!, citationKey)
    return null
  }
  for (const [i, e] of entries.entries()) {
    const key = ahead?.titleKeys[i] ?? titleKey(e.title)
    const identity = { arxivId: e.arxivId ?? null, authors: e.authors ? JSON.stringify(e.authors) : null }
    // while the transaction's entries are mostly new papers (a bulk import), each is inserted at
    // once and looked up only when its title key is taken: one statement a paper rather than two
    let row: PaperRow | undefined
    let id: number | null = null
    if (seen.added >= seen.known) {
      id = insertNew(i, e, key, identity)
      if (id === null) row = find.get(key) as PaperRow
    } else {
      row = find.get(key) as PaperRow | undefined
      if (!row) id = insertNew(i, e, key, identity)
    }
    if (id !== null) {
      seen.added++
      appear.run(dumpId, position++, id, e.upvotes)
      // its counts, when the parsing thread counted this very text
      const packed = ahead?.counts?.[i]
      // the organisation's text only when this thread may count the terms itself
      addedRows?.set(id, {
        id,
        title: e.title,
        abstract: e.abstract,
        org: packed ? null : orgText(e.org?.handle ?? null, e.org?.name ?? null),
        packed,
        later: later === undefined ? undefined : { seq: later, index: i },
      })
      inDay.set(id, e.upvotes)
      added++
      firstNewId ??= id
      lastNewId = id
      continue
    }
    if (!row) throw new Error(`paper ${key} neither inserted nor found`)
    seen.known++
    const next = mergeEntry(row, e, dumpDate)
    const rowChanges = paperChanges(row, next, identity, dumpDate)
    if (rowChanges) {
      update.run({ id: row.id, day: dumpDate, ...next, ...identity })
      // a text-dump paper that an API day names gains its arXiv id and authors: searchable from now on
      const identityAdded = (row.arxiv_id === null && identity.arxivId !== null) || (row.authors === null && identity.authors !== null)
      const textChanged = next.abstract !== row.abstract || next.orgHandle !== row.org_handle || next.orgName !== row.org_name
      if (row.id <= indexedUpTo && (identityAdded || textChanged)) changed.add(row.id)
      // a paper this transaction inserted, met again in a later file of it: its vector gets the text it ends with
      else if (textChanged && addedRows?.has(row.id)) {
        addedRows.set(row.id, { id: row.id, title: row.title, abstract: next.abstract, org: orgText(next.orgHandle, next.orgName) })
      }
    }
    if (!inDay.has(row.id)) {
      appear.run(dumpId, position++, row.id, e.upvotes)
      inDay.set(row.id, e.upvotes)
      merged++
    } else {
      const before = inDay.get(row.id) ?? null
      const votesRise = e.upvotes !== null && (before === null || e.upvotes > before)
      if (votesRise) {
        raiseVotes.run(e.upvotes, dumpId, row.id)
        inDay.set(row.id, e.upvotes)
      }
      if (votesRise || rowChanges) updated++
    }
  }
  if (existing !== undefined && added + merged + updated === 0) {
    return { result: { ...result, status: 'already-imported', added: 0, merged: 0, updated: 0 }, ...nothing }
  }
  statement(
    db,
    `INSERT INTO dump_files (sha256, dump_id, file_name, size, imported_at, entries, added, merged, updated)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(sha256, dumpId, path, size, now, entries.length, added, merged, updated)
  statement(
    db,
    `UPDATE dumps SET entries = (SELECT count(*) FROM appearances WHERE dump_id = @id), added = added + @added,
       merged = merged + @merged WHERE id = @id`,
  ).run({ id: dumpId, added, merged })
  return { result: { ...result, status: existing === undefined ? 'imported' : 'updated', added, merged, updated }, dumpId, firstNewId, lastNewId }
}

/** Whether merging an entry changes the paper's row at all (a copy of a day changes nothing). */
function paperChanges(
  row: PaperRow,
  next: ReturnType<typeof mergeEntry>,
  identity: { arxivId: string | null; authors: string | null },
  day: string,
): boolean {
  return (
    next.abstract !== row.abstract ||
    next.authorsCount !== row.authors_count ||
    next.orgHandle !== row.org_handle ||
    next.orgName !== row.org_name ||
    next.publishedAt !== row.published_at ||
    next.explicit !== row.published_explicit ||
    next.upvotes !== row.upvotes ||
    next.upvotesDate !== row.upvotes_date ||
    day < row.first_seen ||
    day > row.last_seen ||
    (row.arxiv_id === null && identity.arxivId !== null) ||
    (row.authors === null && identity.authors !== null)
  )
}

/**
 * Merge rules for a paper seen again: keep the most information. Known author count and organisation
 * stay; a printed year beats an inferred one; the longer abstract wins (a cut-off copy never replaces
 * a full one); the upvote count comes from the newest day that shows one, and within one day the
 * highest count (a later fetch of the day; an older copy imported after it never lowers it).
 */
export function mergeEntry(row: PaperRow, e: ImportedEntry, dumpDate: string) {
  const takeDate = row.published_at === null || (e.publishedExplicit && !row.published_explicit)
  const takeVotes =
    e.upvotes !== null &&
    (row.upvotes_date === null ||
      dumpDate > row.upvotes_date ||
      (dumpDate === row.upvotes_date && (row.upvotes === null || e.upvotes > row.upvotes)))
  return {
    abstract: e.abstract.length > row.abstract.length ? e.abstract : row.abstract,
    authorsCount: row.authors_count ?? e.authorsCount,
    orgHandle: row.org_handle ?? e.org?.handle ?? null,
    orgName: row.org_handle ? row.org_name : (e.org?.name ?? null),
    publishedAt: takeDate && e.publishedAt ? e.publishedAt : row.published_at,
    explicit: takeDate && e.publishedAt ? Number(e.publishedExplicit) : row.published_explicit,
    upvotes: takeVotes ? e.upvotes : row.upvotes,
    upvotesDate: takeVotes ? dumpDate : row.upvotes_date,
  }
}
