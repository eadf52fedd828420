import type Database from 'better-sqlite3'
import { Transform } from 'unicode2latex'
import type { Migration } from './index'

/**
 * Citation keys: one pinned key per paper, unique regardless of case (BibTeX compares keys
 * case-insensitively). Papers already in the library get their keys here, in id order, so the
 * backfill is deterministic; new papers get theirs when they are imported.
 *
 * Frozen: the key rules below are a copy of the rules as this migration shipped them, so an old
 * library upgraded today gets the keys it would have got then, whatever today's key code does.
 */
export const citationKeys: Migration = {
  version: 3,
  name: 'citation keys',
  up: (db) => {
    db.exec(`
      ALTER TABLE papers ADD COLUMN citation_key TEXT;
      CREATE UNIQUE INDEX papers_citation_key ON papers(citation_key COLLATE NOCASE);
    `)
    backfillKeys(db)
  },
}

const STOP_WORDS = new Set([
  'a', 'an', 'the', 'on', 'of', 'towards', 'toward', 'to', 'for', 'in', 'into', 'onto', 'and', 'or', 'nor', 'but',
  'with', 'within', 'without', 'from', 'by', 'via', 'at', 'as', 'about', 'over', 'under', 'beyond', 'through',
  'between', 'among', 'against', 'across', 'upon', 'is', 'are', 'be', 'do', 'does', 'can', 'we', 'our', 'its',
  'it', 'this', 'that', 'these', 'those', 'vs', 'versus', 'not',
])
const MAX_KEY_LENGTH = 64
const latex = new Transform('bibtex')

function asciiOf(ch: string): string {
  if (/^[A-Za-z0-9]$/.test(ch)) return ch
  if (!/^[\p{L}\p{N}]$/u.test(ch)) return ''
  const stripped = ch.normalize('NFKD').replace(/\p{M}/gu, '')
  if (/^[A-Za-z0-9]+$/.test(stripped)) return stripped
  const macro = /^\$?\{?\\([A-Za-z]+)\{?\}?\$?$/.exec(latex.tolatex(ch).replace(/\s+/g, ''))
  if (macro && !macro[1]!.startsWith('text')) return macro[1]!
  return ''
}

function asciiWord(word: string): string {
  let out = ''
  for (const ch of word.normalize('NFC')) out += asciiOf(ch)
  return out
}

function baseKey(title: string, orgHandle: string | null, year: string): string {
  let word = ''
  for (const raw of title.split(/[\s\u2010-\u2015/]+/u)) {
    const w = asciiWord(raw).toLowerCase()
    if (w && !STOP_WORDS.has(w)) {
      word = w
      break
    }
  }
  const org = orgHandle ? asciiWord(orgHandle).toLowerCase() : ''
  return (org ? `${org}${year}${word || 'paper'}` : `${word || 'paper'}${year}`).slice(0, MAX_KEY_LENGTH - 3)
}

/** '', a, b, … z, aa, ab, … */
function suffix(n: number): string {
  let s = ''
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(97 + ((i - 1) % 26)) + s
  return s
}

function backfillKeys(db: Database.Database): void {
  const rows = db
    .prepare('SELECT id, title, org_handle, published_at, first_seen FROM papers WHERE citation_key IS NULL ORDER BY id')
    .all() as { id: number; title: string; org_handle: string | null; published_at: string | null; first_seen: string }[]
  const taken = new Set((db.prepare('SELECT lower(citation_key) FROM papers WHERE citation_key IS NOT NULL').pluck().all() as string[]))
  const update = db.prepare('UPDATE papers SET citation_key = ? WHERE id = ?')
  for (const r of rows) {
    const base = baseKey(r.title, r.org_handle, (r.published_at ?? r.first_seen).slice(0, 4))
    let n = 0
    while (taken.has((base + suffix(n)).toLowerCase())) n++
    const key = base + suffix(n)
    taken.add(key.toLowerCase())
    update.run(key, r.id)
  }
}
