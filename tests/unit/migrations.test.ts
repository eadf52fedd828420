import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { LATEST_VERSION, MIGRATIONS, migrate, schemaVersion } from '../../src/main/library/migrations'

function schemaOf(db: Database.Database) {
  return db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all()
}

describe('migrations', () => {
  it('are numbered 1, 2, 3… with no gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
  })

  it('bring a new file to the latest version', () => {
    const db = new Database(':memory:')
    migrate(db)
    expect(schemaVersion(db)).toBe(LATEST_VERSION)
  })

  for (let from = 0; from < LATEST_VERSION; from++) {
    it(`upgrade a library of version ${from} to the same schema as a new one`, () => {
      const fresh = new Database(':memory:')
      migrate(fresh)
      const old = new Database(':memory:')
      migrate(old, from)
      expect(schemaVersion(old)).toBe(from)
      migrate(old)
      expect(schemaVersion(old)).toBe(LATEST_VERSION)
      expect(schemaOf(old)).toEqual(schemaOf(fresh))
    })
  }

  it('4 gives the search index a 64 MB write buffer, stored in the library (FTS5 config)', () => {
    const db = new Database(':memory:')
    migrate(db, 3)
    const hashsize = () => db.prepare("SELECT v FROM search_fts_config WHERE k = 'hashsize'").pluck().get()
    expect(hashsize()).toBeUndefined()
    migrate(db)
    expect(hashsize()).toBe(64 * 1024 * 1024)
  })

  it('refuse a library written by a newer Margin, untouched', () => {
    const db = new Database(':memory:')
    db.pragma(`user_version = ${LATEST_VERSION + 1}`)
    expect(() => migrate(db)).toThrow(/newer Margin/)
    expect(schemaOf(db)).toEqual([])
  })

  it('roll back a failing migration and keep the previous version', () => {
    const db = new Database(':memory:')
    migrate(db, 1)
    db.exec('CREATE TABLE blocker (x)')
    const broken = { version: LATEST_VERSION + 1, name: 'broken', up: (d: Database.Database) => d.exec('CREATE TABLE half (y); CREATE TABLE blocker (x)') }
    expect(() => migrate(db, broken.version, [...MIGRATIONS, broken])).toThrow(/already exists/)
    expect(schemaVersion(db)).toBe(LATEST_VERSION)
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0)
  })
})
