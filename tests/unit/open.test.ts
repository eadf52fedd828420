/**
 * Opening a library: refused files stay byte-for-byte as they were (no -wal/-shm beside them),
 * read-only and full-disk libraries open read-only, and writes on a full disk fail with diskFull and
 * lose nothing. Real files in a temp folder; a real read-only and a real full file system (tmpfs)
 * where this machine lets the test mount one (root), else SQLite's max_page_count and the read-only
 * option stand in.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorCode } from '../../src/main/errors'
import { listBackups } from '../../src/main/library/backup'
import { readImportFile } from '../../src/main/library/importFile'
import { Library } from '../../src/main/library/library'
import { LATEST_VERSION, MARGIN_APPLICATION_ID, migrate } from '../../src/main/library/migrations'
import { MAX_IMPORT_BYTES } from '../../src/shared/contract/channels/imports'
import { searchPapers } from '../../src/main/search'
import { DUMP_FILES, dumpBytes } from '../helpers/fixtures'
import { dumpLibrary } from '../helpers/library'

let dir: string
/** A closed library holding the three shared dumps (105 papers), copied by the tests that need one. */
let good: string

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const sidecars = (path: string) => ['-wal', '-shm', '-journal'].filter((s) => existsSync(path + s))

function thrownCode(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    return errorCode(e)
  }
  return 'no error'
}

function copyOfGood(name: string): string {
  const path = join(dir, name)
  copyFileSync(good, path)
  return path
}

/** Mounts a small tmpfs at `at` (root only); false where this machine refuses. */
function mountTmpfs(at: string, size = '4m'): boolean {
  mkdirSync(at, { recursive: true })
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', at], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
const umount = (at: string) => execFileSync('umount', [at], { stdio: 'ignore' })

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'margin-open-'))
  good = join(dir, 'good.sqlite')
  dumpLibrary(good).close()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('a file that is not a library Margin can use is refused and left as it was', () => {
  const cases: [string, (path: string) => void, string][] = [
    [
      "another program's SQLite file (WAL mode, a table of its own)",
      (path) => {
        const db = new Database(path)
        db.pragma('journal_mode = WAL')
        db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada')")
        db.close()
      },
      'foreignLibrary',
    ],
    [
      "another program's SQLite file with its own application_id",
      (path) => {
        const db = new Database(path)
        db.pragma('application_id = 1234567')
        db.exec('CREATE TABLE things (x)')
        db.close()
      },
      'foreignLibrary',
    ],
    [
      'random bytes',
      (path) => writeFileSync(path, Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 256))),
      'damagedLibrary',
    ],
    ['a text file', (path) => writeFileSync(path, 'SQLite format 2 — not really\n'.repeat(20)), 'damagedLibrary'],
    [
      'a library from a newer Margin (user_version 999)',
      (path) => {
        copyFileSync(good, path)
        const db = new Database(path)
        db.pragma('user_version = 999')
        db.close()
      },
      'newerLibrary',
    ],
  ]
  for (const [what, make, code] of cases) {
    it(`${what}: ${code}`, () => {
      const path = join(dir, `refused-${code}-${what.length}.sqlite`)
      make(path)
      const before = sha256(path)
      expect(sidecars(path)).toEqual([])
      expect(thrownCode(() => new Library(path))).toBe(code)
      expect(sha256(path)).toBe(before)
      expect(sidecars(path)).toEqual([])
      expect(existsSync(join(dir, 'backups'))).toBe(false)
    })
  }

  it('says what is wrong in one sentence', () => {
    const path = join(dir, 'refused-foreign-message.sqlite')
    new Database(path).exec('CREATE TABLE contacts (name TEXT)')
    expect(() => new Library(path)).toThrow(/belongs to another program .*Nothing was changed\.$/)
  })
})

describe('libraries Margin can open', () => {
  it('a new path, or an empty file, becomes a library marked with Margin\'s application_id', () => {
    for (const path of [join(dir, 'new', 'deep', 'lib.sqlite'), join(dir, 'empty.sqlite')]) {
      if (path.endsWith('empty.sqlite')) writeFileSync(path, '')
      const lib = new Library(path)
      expect(lib.readOnly).toBe(false)
      expect(lib.db.pragma('application_id', { simple: true })).toBe(MARGIN_APPLICATION_ID)
      expect(lib.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
      lib.close()
    }
  })

  it('a library from before application_id is recognised by its tables, backed up, then stamped', () => {
    const path = join(dir, 'legacy', 'library.sqlite')
    mkdirSync(join(dir, 'legacy'))
    const db = new Database(path)
    db.pragma('journal_mode = WAL')
    migrate(db, 4)
    db.exec(
      "INSERT INTO papers (title, title_key, first_seen, last_seen, added_at) VALUES ('A Paper', 'a paper', '2026-01-01', '2026-01-01', '2026-01-01')",
    )
    db.close()
    const lib = new Library(path)
    expect(lib.db.pragma('application_id', { simple: true })).toBe(MARGIN_APPLICATION_ID)
    expect(lib.counts().total).toBe(1)
    lib.close()
    const backups = listBackups(path)
    expect(backups.map((b) => b.reason)).toEqual(['before-migration'])
    // the backup is the library as it was: version 4, no mark, the paper
    const copy = new Database(backups[0]!.path, { readonly: true })
    expect(copy.pragma('user_version', { simple: true })).toBe(4)
    expect(copy.pragma('application_id', { simple: true })).toBe(0)
    expect(copy.prepare('SELECT count(*) FROM papers').pluck().get()).toBe(1)
    copy.close()
  })

  it('opening an up-to-date library writes nothing (same bytes, no -wal left after closing)', () => {
    const path = copyOfGood('untouched.sqlite')
    const before = sha256(path)
    const lib = new Library(path)
    expect(lib.counts().total).toBe(105)
    lib.close()
    expect(sha256(path)).toBe(before)
    expect(sidecars(path)).toEqual([])
  })
})

describe('a read-only library', () => {
  function readsButRefusesWrites(lib: Library, reason: 'readOnly' | 'diskFull') {
    expect(lib.readOnlyReason).toBe(reason)
    expect(lib.counts().total).toBe(105)
    expect(lib.listPapers({ limit: 3 })).toHaveLength(3)
    expect(searchPapers(lib, 'neurons ').results.length).toBeGreaterThan(0)
    expect(lib.check().ok).toBe(true)
    expect(thrownCode(() => lib.assertWritable())).toBe(reason)
    // a write that gets past the check still changes nothing
    expect(thrownCode(() => lib.setStarred([1], true))).toBe('readOnly')
    expect(lib.getPaper(1)!.starred).toBe(false)
  }

  it('opens read-only when asked: list, search and check work, writes are refused', () => {
    const path = copyOfGood('asked-ro.sqlite')
    const before = sha256(path)
    const lib = new Library(path, { readOnly: true })
    readsButRefusesWrites(lib, 'readOnly')
    lib.close()
    expect(sha256(path)).toBe(before)
    expect(sidecars(path)).toEqual([])
  })

  it('opens read-only when the file is mode 0444 (even for root, who could write it)', () => {
    const path = copyOfGood('mode-0444.sqlite')
    chmodSync(path, 0o444)
    const before = sha256(path)
    const lib = new Library(path)
    readsButRefusesWrites(lib, 'readOnly')
    lib.close()
    expect(sha256(path)).toBe(before)
    expect(sidecars(path)).toEqual([])
  })

  it('opens read-only on a read-only file system (tmpfs remounted ro), writing nothing', (ctx) => {
    const mnt = join(dir, 'ro-mount')
    if (!mountTmpfs(mnt)) return ctx.skip() // not root: the two tests above cover the read-only path
    try {
      const path = join(mnt, 'library.sqlite')
      copyFileSync(good, path)
      const before = sha256(path)
      execFileSync('mount', ['-o', 'remount,ro', mnt])
      const lib = new Library(path)
      readsButRefusesWrites(lib, 'readOnly')
      lib.close()
      expect(sha256(path)).toBe(before)
      expect(readdirSync(mnt)).toEqual(['library.sqlite'])
    } finally {
      umount(mnt)
    }
  })
})

describe('a full disk', () => {
  it('(max_page_count) writes fail with diskFull and lose nothing; reads go on', () => {
    const path = copyOfGood('max-pages.sqlite')
    const lib = new Library(path)
    const pages = lib.db.pragma('page_count', { simple: true }) as number
    lib.db.pragma(`max_page_count = ${pages}`)
    const note = 'A long note. '.repeat(20_000)
    expect(thrownCode(() => lib.setNote(1, note))).toBe('diskFull')
    expect(lib.getPaper(1)!.note).toBe('')
    const results = lib.importDumps(
      ['api_daily_papers_2024-05-27.json', 'api_daily_papers_2025-10-03.json'].map((f) => {
        const file = join(__dirname, '..', 'fixtures', 'hf-api', f)
        return { path: file, bytes: readFileSync(file) }
      }),
    )
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed'])
    expect(lib.counts()).toMatchObject({ total: 105, dumps: 3 })
    expect(searchPapers(lib, 'neurons ').results.length).toBeGreaterThan(0)
    lib.close()
    const again = new Library(path)
    expect(again.counts()).toMatchObject({ total: 105, dumps: 3 })
    again.close()
  })

  it('(a real full tmpfs) opens read-only: reads work, writes say the disk is full, the file is unchanged', (ctx) => {
    const mnt = join(dir, 'full-mount')
    if (!mountTmpfs(mnt)) return ctx.skip() // not root: max_page_count above stands in
    try {
      const path = join(mnt, 'library.sqlite')
      copyFileSync(good, path)
      const before = sha256(path)
      // fill the disk to the last byte
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${join(mnt, 'fill')}`, 'bs=4096'], { stdio: 'ignore' })
      } catch {
        // dd stops with "No space left on device": the point
      }
      const lib = new Library(path)
      expect(lib.readOnlyReason).toBe('diskFull')
      expect(lib.counts().total).toBe(105)
      expect(searchPapers(lib, 'neurons ').results.length).toBeGreaterThan(0)
      expect(thrownCode(() => lib.assertWritable())).toBe('diskFull')
      expect(() => lib.assertWritable()).toThrow(/disk is full/)
      lib.close()
      expect(sha256(path)).toBe(before)
      expect(readdirSync(mnt).sort()).toEqual(['fill', 'library.sqlite'])
    } finally {
      umount(mnt)
    }
  })
})

describe('files to import are checked before they are opened', () => {
  it('a FIFO, /dev/zero, a folder and a missing file are refused with their code', () => {
    const fifo = join(dir, 'a-fifo')
    execFileSync('mkfifo', [fifo])
    // opening a FIFO for reading would wait for a writer forever: refused from stat alone
    expect(thrownCode(() => readImportFile(fifo))).toBe('notAFile')
    expect(thrownCode(() => readImportFile('/dev/zero'))).toBe('notAFile')
    expect(thrownCode(() => readImportFile(dir))).toBe('notAFile')
    expect(thrownCode(() => readImportFile(join(dir, 'missing.txt')))).toBe('notFound')
  })

  it('a file over the one 64 MB cap is refused unread (a sparse file: no 64 MB written)', () => {
    expect(MAX_IMPORT_BYTES).toBe(64 * 1024 * 1024)
    const big = join(dir, 'big.txt')
    execFileSync('truncate', ['-s', String(MAX_IMPORT_BYTES + 1), big])
    expect(thrownCode(() => readImportFile(big))).toBe('tooLarge')
    expect(() => readImportFile(big)).toThrow(/larger than the 64 MB/)
    const dump = readImportFile(DUMP_FILES[0]!)
    expect(Buffer.from(dump.bytes).equals(Buffer.from(dumpBytes(0)))).toBe(true)
  })
})
