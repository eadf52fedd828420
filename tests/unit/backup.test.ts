/**
 * Backups, restore and the library check, on real library files: rotation keeps Margin's newest 7
 * (and never touches files it did not name), restore refuses while another connection has the
 * library open, and `margin check` exits 65 on a damaged search index, 0 on a good library.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorCode } from '../../src/main/errors'
import type { MarginApi } from '../../src/shared/contract'
import { createMainDispatcher } from '../../src/main/ipc/server'
import { backupDir, KEEP_BACKUPS, listBackups, makeBackup } from '../../src/main/library/backup'
import { Library } from '../../src/main/library/library'
import { restoreLibrary } from '../../src/main/library/restore'
import { SettingsStore } from '../../src/main/settings/store'
import { createApi } from '../../src/preload/client'
import { MARGIN_BIN, requireBuiltCli } from '../helpers/cli'
import { dumpLibrary } from '../helpers/library'

let dir: string
let good: string
let n = 0

function margin(library: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [MARGIN_BIN, '--library', library, ...args], { encoding: 'utf8', timeout: 30_000 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/** A copy of the three-dump library in a folder of its own (backups/ goes beside it). */
function libraryCopy(): string {
  const folder = join(dir, `lib-${++n}`)
  mkdirSync(folder)
  const path = join(folder, 'library.sqlite')
  copyFileSync(good, path)
  return path
}

function thrownCode(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    return errorCode(e)
  }
  return 'no error'
}

const SLOW = { timeout: 120_000 }

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'margin-backup-'))
  good = join(dir, 'good.sqlite')
  dumpLibrary(good).close()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('backups', () => {
  it(`keep Margin's newest ${KEEP_BACKUPS}, and never touch files Margin did not name`, () => {
    const path = libraryCopy()
    const lib = new Library(path)
    mkdirSync(backupDir(path))
    const mine = ['my-copy.sqlite', 'library-before-my-experiment.sqlite', 'library-20260101T000000000Z-daily.sqlite.bak']
    for (const f of mine) writeFileSync(join(backupDir(path), f), 'the user\'s own file')
    const made: string[] = []
    for (let day = 1; day <= 10; day++) made.push(makeBackup(lib.db, path, 'manual', new Date(Date.UTC(2026, 10, day, 12))))
    lib.close()
    const kept = listBackups(path)
    expect(kept.map((b) => b.path)).toEqual(made.slice(-KEEP_BACKUPS))
    expect(kept[0]!.at).toBe('2026-11-04T12:00:00.000Z')
    expect(readdirSync(backupDir(path)).sort()).toEqual([...mine, ...made.slice(-KEEP_BACKUPS).map((p) => p.split('/').pop()!)].sort())
    // each backup is a whole Margin library
    const copy = new Library(kept.at(-1)!.path, { readOnly: true })
    expect(copy.counts().total).toBe(105)
    copy.close()
  })

  it('once a day on the first open, not for a library just created', () => {
    const path = libraryCopy()
    const lib = new Library(path)
    const day = new Date(Date.UTC(2026, 11, 2, 8))
    expect(lib.dailyBackup(day)).toMatch(/library-20261202T080000000Z-daily\.sqlite$/)
    expect(lib.dailyBackup(new Date(Date.UTC(2026, 11, 2, 20)))).toBeNull()
    expect(lib.dailyBackup(new Date(Date.UTC(2026, 11, 3, 8)))).toMatch(/-daily\.sqlite$/)
    lib.close()
    const fresh = new Library(join(dir, `lib-${++n}`, 'library.sqlite'))
    expect(fresh.dailyBackup()).toBeNull()
    fresh.close()
  })
})

describe('restore', () => {
  it('replaces the library with a backup and keeps the library as it was', () => {
    const path = libraryCopy()
    let lib = new Library(path)
    const backup = lib.backup()
    lib.setStarred([1, 2], true)
    lib.setNote(3, 'written after the backup')
    lib.close()
    const result = restoreLibrary(path, backup)
    expect(result.previous).toMatch(/-before-restore\.sqlite$/)
    lib = new Library(path)
    expect(lib.counts()).toMatchObject({ total: 105, starred: 0, notes: 0 })
    expect(lib.check().ok).toBe(true)
    lib.close()
    const before = new Library(result.previous!, { readOnly: true })
    expect(before.counts()).toMatchObject({ starred: 2, notes: 1 })
    before.close()
  })

  it('refuses while another connection has the library open (busy), changing nothing', () => {
    const path = libraryCopy()
    const other = new Library(path)
    const backup = other.backup()
    other.setStarred([1], true)
    expect(thrownCode(() => restoreLibrary(path, backup))).toBe('busy')
    expect(other.counts().starred).toBe(1)
    other.close()
    const again = new Library(path)
    expect(again.counts().starred).toBe(1)
    again.close()
  })

  it('margin restore exits 75 while the library is locked, then 0 once it is closed', SLOW, () => {
    requireBuiltCli()
    const path = libraryCopy()
    const other = new Library(path)
    const backup = other.backup()
    const busy = margin(path, 'restore', backup)
    expect(busy.code).toBe(75)
    expect(busy.err).toMatch(/open in another program/)
    other.close()
    const ok = margin(path, 'restore', backup)
    expect(ok.code).toBe(0)
    expect(ok.out).toMatch(/^Restored /)
  })

  it('refuses a backup that is not a whole Margin library, and leaves the library alone', () => {
    const path = libraryCopy()
    const garbage = join(dir, 'garbage.sqlite')
    writeFileSync(garbage, Buffer.alloc(8192, 7))
    const foreign = join(dir, 'foreign.sqlite')
    new Database(foreign).exec('CREATE TABLE contacts (name TEXT)')
    expect(thrownCode(() => restoreLibrary(path, garbage))).toBe('damagedLibrary')
    expect(thrownCode(() => restoreLibrary(path, foreign))).toBe('foreignLibrary')
    expect(thrownCode(() => restoreLibrary(path, join(dir, 'missing.sqlite')))).toBe('notFound')
    expect(existsSync(backupDir(path))).toBe(false)
    const lib = new Library(path)
    expect(lib.counts().total).toBe(105)
    lib.close()
  })
})

describe('check', () => {
  it('a good library passes every check', () => {
    const lib = new Library(libraryCopy())
    const report = lib.check()
    expect(report).toMatchObject({ ok: true, papers: 105 })
    expect(report.checks.map((c) => [c.name, c.ok])).toEqual([
      ['integrity', true],
      ['foreignKeys', true],
      ['searchIndex', true],
    ])
    lib.close()
  })

  it('finds a paper missing from the search index and an index row for no paper', () => {
    const lib = new Library(libraryCopy())
    lib.db.exec('DELETE FROM search_fts WHERE rowid = 7')
    lib.db.exec("INSERT INTO search_fts (rowid, title, abstract, org, note, tags) VALUES (999, 'ghost', '', '', '', '')")
    const report = lib.check()
    expect(report.ok).toBe(false)
    const index = report.checks.find((c) => c.name === 'searchIndex')!
    expect(index.problems).toEqual([
      '1 paper is missing from the search index (ids 7)',
      'the search index has 1 row for papers that do not exist (ids 999)',
    ])
    lib.close()
  })

  it('margin check exits 0 on a good library and 65 when an index row is missing', SLOW, () => {
    requireBuiltCli()
    const path = libraryCopy()
    const ok = margin(path, 'check')
    expect(ok.code).toBe(0)
    expect(ok.out).toMatch(/The library is healthy \(105 papers\)/)
    const db = new Database(path)
    db.exec('DELETE FROM search_fts WHERE rowid = 7')
    db.close()
    const bad = margin(path, 'check', '--json')
    expect(bad.code).toBe(65)
    expect(JSON.parse(bad.out).checks.find((c: { name: string }) => c.name === 'searchIndex').ok).toBe(false)
  })

  it('is the checkLibrary IPC channel (Help ▸ Check Library…)', async () => {
    const path = libraryCopy()
    const library = new Library(path)
    const { dispatcher } = createMainDispatcher({
      library,
      settings: new SettingsStore(join(dir, `settings-${n}.json`)),
      host: { showOpenDialog: async () => [], showSaveDialog: async () => null, showFolderDialog: async () => null, openExternal: async () => {} },
      send: () => {},
    })
    const api: MarginApi = createApi({ invoke: (c, i) => dispatcher.dispatch(c, i), subscribe: () => () => {} })
    const report = await api.checkLibrary()
    expect(report).toMatchObject({ ok: true, papers: 105, path })
    library.db.exec('DELETE FROM search_fts WHERE rowid = 3')
    expect((await api.checkLibrary()).ok).toBe(false)
    library.close()
  })
})
