/**
 * Migration 8 and citation keys: a library written before authors and ids were searchable (schema 6,
 * its papers imported from real API files, keys stored under the old stop list such as `how2024`)
 * is upgraded in place: its existing papers are found by author and arXiv id at once, and every
 * stored key stays exactly as it was. New keys skip question words.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { baseCitationKey, firstSignificantWord } from '../../src/main/library/citationKeys'
import { parseHfApiBytes } from '../../src/main/dump/hfApi'
import { Library } from '../../src/main/library/library'
import { migrate, schemaVersion } from '../../src/main/library/migrations'
import { searchPapers } from '../../src/main/search'
import { API_DIR } from '../helpers/library'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** A schema-6 library holding the papers of a real API file, written as Margin 6 wrote them (5 index columns). */
function version6Library(): { path: string; keys: Map<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'margin-ident-'))
  dirs.push(dir)
  const path = join(dir, 'library.sqlite')
  const db = new Database(path)
  migrate(db, 6)
  const file = join(API_DIR, 'archive', '2024-05-28.json')
  const { entries } = parseHfApiBytes(new Uint8Array(readFileSync(file)), new Date('2024-05-29T00:00:00Z'), '2024-05-28.json')
  db.prepare(
    `INSERT INTO dumps (file_name, size, sha256, dump_date, imported_at, entries, added, merged) VALUES ('2024-05-28.json', 1, 'x', '2024-05-28', '2024-05-29', ?, ?, 0)`,
  ).run(entries.length, entries.length)
  const insert = db.prepare(
    `INSERT INTO papers (title, title_key, abstract, first_seen, last_seen, added_at, arxiv_id, authors, citation_key)
     VALUES (?, ?, ?, '2024-05-28', '2024-05-28', '2024-05-29', ?, ?, ?)`,
  )
  const keys = new Map<string, string>()
  entries.forEach((e, i) => {
    // the key Margin 6 would have stored: its stop list did not know "how" or "what"
    const key = i === 0 ? 'how2024' : i === 1 ? 'what2024' : `paper${i}2024`
    keys.set(e.arxivId!, key)
    const id = insert.run(e.title, e.title.toLowerCase(), e.abstract, e.arxivId, JSON.stringify(e.authors), key).lastInsertRowid
    db.prepare('INSERT INTO appearances (dump_id, position, paper_id, upvotes) VALUES (1, ?, ?, NULL)').run(i, id)
    db.prepare('INSERT INTO search_fts (rowid, title, abstract, org, note, tags) VALUES (?, ?, ?, ?, ?, ?)').run(id, e.title, e.abstract, '', '', '')
  })
  db.close()
  return { path, keys }
}

describe('migration 8: authors and ids in the search index', () => {
  it('makes an existing library searchable by author and arXiv id, keeping every stored citation key', () => {
    const { path, keys } = version6Library()
    const lib = new Library(path)
    try {
      expect(schemaVersion(lib.db)).toBeGreaterThanOrEqual(8)
      const vlm = lib.db.prepare("SELECT id FROM papers WHERE arxiv_id = '2405.17247'").pluck().get() as number
      expect(searchPapers(lib, 'author:bordes').results.map((r) => r.id)).toEqual([vlm])
      expect(searchPapers(lib, 'bordes ').results.map((r) => r.id)).toEqual([vlm])
      expect(searchPapers(lib, '2405.17247 ').results[0]?.id).toBe(vlm)
      // the old text is still indexed
      expect(searchPapers(lib, 'vision language modeling ').results[0]?.id).toBe(vlm)
      // one index row per paper
      expect(lib.db.prepare('SELECT count(*) FROM search_fts').pluck().get()).toBe(keys.size)
      // keys are stored: the new stop list changes none of them
      for (const [arxivId, key] of keys) {
        expect(lib.db.prepare('SELECT citation_key FROM papers WHERE arxiv_id = ?').pluck().get(arxivId)).toBe(key)
      }
      // the typo vocabulary learns the names (a bulk rebuild, as after a first import)
      lib.learnVocabulary()
      expect(searchPapers(lib, 'Bordse ').results.map((r) => r.id)).toContain(vlm)
    } finally {
      lib.close()
    }
  })
})

describe('new citation keys skip function words', () => {
  it.each([
    ['How Far Can Transformers Reason?', 'far'],
    ['What Matters in Transformers? Not All Attention Is Needed', 'matters'],
    ['Why Do Some Inputs Break Low-Bit LLM Quantization?', 'some'],
    ['When Do We Not Need Larger Vision Models?', 'need'],
    ['Which Agent Causes Task Failures and When?', 'agent'],
    ['Does Reasoning Help?', 'reasoning'],
    ['Can LLMs Generate Novel Research Ideas?', 'llms'],
    ['Is Attention All You Need?', 'attention'],
    ['Towards a Unified View', 'unified'],
  ])('%s → %s', (title, word) => {
    expect(firstSignificantWord(title)).toBe(word)
  })

  it('an imported paper titled "How …" gets a key from its first significant word', () => {
    const lib = new Library(':memory:')
    try {
      const file = join(API_DIR, 'archive', '2024-05-28.json')
      lib.importDump({ path: file, bytes: readFileSync(file) })
      const p = lib.listPapers().find((x) => x.arxivId === '2405.17247')!
      expect(p.citationKey).toBe(baseCitationKey({ title: p.title, orgHandle: null, publishedAt: p.publishedAt, firstSeen: p.firstSeen }))
      expect(p.citationKey).toBe('introduction2024')
    } finally {
      lib.close()
    }
  })
})
