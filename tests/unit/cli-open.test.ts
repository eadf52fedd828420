/**
 * The `margin` command on files it must refuse and libraries it cannot write: sysexits statuses,
 * one sentence on stderr, never a stack trace, and the library unchanged on disk. Every run has a
 * timeout, so a command that would hang (reading a FIFO) fails the test instead of blocking it.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT, EXIT_BY_CODE } from '../../src/main/cli/exitCodes'
import { MAX_IMPORT_BYTES } from '../../src/shared/contract/channels/imports'
import { ERROR_CODES } from '../../src/shared/errors'
import { MARGIN_BIN, requireBuiltCli } from '../helpers/cli'
import { DUMP_FILES } from '../helpers/fixtures'

let dir: string
let good: string

/** Runs the built CLI with a hard timeout (a hang is a failure, not a stuck test run). */
function margin(library: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [MARGIN_BIN, '--library', library, ...args], { encoding: 'utf8', timeout: 20_000 })
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr }
}

/** Each test spawns the CLI several times (~1 s each on this shared machine). */
const SLOW = { timeout: 120_000 }

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const sidecars = (path: string) => ['-wal', '-shm', '-journal'].filter((s) => existsSync(path + s))
/** A stack trace's lines look like "    at fn (file:line:col)". */
const STACK = /^\s+at .+[:(]/m

function copyOfGood(name: string, folder = dir): string {
  const path = join(folder, name)
  copyFileSync(good, path)
  return path
}

function mountTmpfs(at: string): boolean {
  mkdirSync(at, { recursive: true })
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', at], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

beforeAll(() => {
  requireBuiltCli()
  dir = mkdtempSync(join(tmpdir(), 'margin-cli-open-'))
  good = join(dir, 'good.sqlite')
  expect(margin(good, 'import', ...DUMP_FILES).code).toBe(0)
  // one search, so the library's typo vocabulary is up to date like any library in use
  expect(margin(good, 'search', 'neurons').code).toBe(0)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('exit statuses', () => {
  it('every error code has a sysexits status in the one table', SLOW, () => {
    for (const code of ERROR_CODES) expect(EXIT_BY_CODE[code], code).toBeGreaterThanOrEqual(64)
    expect(EXIT_BY_CODE.notFound).toBe(66)
    expect(EXIT_BY_CODE.busy).toBe(75)
  })

  it('a usage mistake exits 64 with a sentence: unknown command, unknown option, bad id', SLOW, () => {
    const lib = copyOfGood('usage.sqlite')
    for (const args of [['frobnicate'], ['list', '--frob'], ['mark', 'x', '--read'], ['mark', '1']]) {
      const r = margin(lib, ...args)
      expect(r.code, args.join(' ')).toBe(EXIT.usage)
      expect(r.err).toMatch(/\S/)
      expect(r.err).not.toMatch(STACK)
    }
  })

  it("a search query error exits 64, with the message on stderr and in --json's errors", SLOW, () => {
    const lib = copyOfGood('query.sqlite')
    const r = margin(lib, 'search', 'frobnicate:yes')
    expect(r.code).toBe(EXIT.usage)
    expect(r.err).toMatch(/Unknown filter "frobnicate:"/)
    const j = margin(lib, 'search', 'frobnicate:yes', '--json')
    expect(j.code).toBe(EXIT.usage)
    expect(JSON.parse(j.out).errors[0].message).toMatch(/Unknown filter/)
  })

  it('an unknown paper exits 66; --debug adds the stack trace, without it there is none', SLOW, () => {
    const lib = copyOfGood('debug.sqlite')
    const r = margin(lib, 'note', '99999')
    expect(r.code).toBe(EXIT.noInput)
    expect(r.err).toBe('margin: no paper with id 99999\n')
    const d = margin(lib, '--debug', 'note', '99999')
    expect(d.code).toBe(EXIT.noInput)
    expect(d.err).toMatch(STACK)
  })
})

describe('margin import refuses what cannot be a dump, at once', () => {
  it('a FIFO, /dev/zero, a folder with no dump, a file over 64 MB: refused unread; the good file still imports', SLOW, () => {
    const lib = join(dir, 'imports.sqlite')
    // a folder is imported file by file (margin import <folder>); one holding no dump is refused
    const folder = join(dir, 'no-dumps-here')
    mkdirSync(folder)
    const fifo = join(dir, 'dump-fifo')
    execFileSync('mkfifo', [fifo])
    const big = join(dir, 'big.txt')
    execFileSync('truncate', ['-s', String(MAX_IMPORT_BYTES + 1), big]) // sparse: nothing written
    const r = margin(lib, 'import', '--json', fifo, '/dev/zero', folder, big, DUMP_FILES[0]!)
    expect(r.signal).toBeNull() // not killed by the timeout: nothing waited for a writer
    const files = JSON.parse(r.out).files as { path: string; status: string; error: string | null }[]
    expect(files.map((f) => f.status)).toEqual(['failed', 'failed', 'failed', 'failed', 'imported'])
    expect(files[0]!.error).toMatch(/not a regular file/)
    expect(files[1]!.error).toMatch(/not a regular file/)
    expect(files[2]!.error).toMatch(/no dump .* in this folder/)
    expect(files[3]!.error).toMatch(/larger than the 64 MB/)
    expect(r.code).toBe(EXIT.noInput) // a file that is not a file: no input
    expect(r.err).not.toMatch(STACK)
  })

  it('exits 65 when a file was read but is not a dump, 66 when one is missing', SLOW, () => {
    const lib = join(dir, 'imports-2.sqlite')
    const prose = join(dir, 'prose.txt')
    writeFileSync(prose, 'Just some prose.\n\nNothing to see here.\n')
    expect(margin(lib, 'import', prose).code).toBe(EXIT.dataErr)
    const r = margin(lib, 'import', prose, join(dir, 'missing.txt'))
    expect(r.code).toBe(EXIT.noInput)
    expect(r.out).toMatch(/missing\.txt: failed: no such file/)
  })
})

describe('libraries margin must not touch', () => {
  const cases: [string, (path: string) => void, RegExp][] = [
    [
      "another program's SQLite file",
      (path) => {
        const db = new Database(path)
        db.pragma('journal_mode = WAL')
        db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada')")
        db.close()
      },
      /belongs to another program/,
    ],
    ['random bytes', (path) => writeFileSync(path, Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 31 + 7) % 256))), /not an SQLite database, or it is damaged/],
    [
      'a library from a newer Margin',
      (path) => {
        copyFileSync(good, path)
        const db = new Database(path)
        db.pragma('user_version = 999')
        db.close()
      },
      /newer Margin \(schema version 999/,
    ],
  ]
  for (const [what, make, message] of cases) {
    it(`${what}: exit 65, one sentence, no tables added, no -wal/-shm`, SLOW, () => {
      const path = join(dir, `refused-${what.length}.sqlite`)
      make(path)
      const before = sha256(path)
      for (const args of [['list'], ['import', DUMP_FILES[0]!], []]) {
        const r = margin(path, ...args)
        expect(r.code, args.join(' ')).toBe(EXIT.dataErr)
        expect(r.err).toMatch(message)
        expect(r.err.trim().split('\n')).toHaveLength(1)
        expect(r.err).not.toMatch(STACK)
      }
      expect(sha256(path)).toBe(before)
      expect(sidecars(path)).toEqual([])
    })
  }
})

describe('a read-only library', () => {
  function readsAndRefusesWrites(lib: string, status: number, message: RegExp) {
    const before = sha256(lib)
    expect(margin(lib, 'list', '--limit', '2').code).toBe(0)
    const s = margin(lib, 'search', 'neurons', '--json')
    expect(s.code).toBe(0)
    expect(JSON.parse(s.out).results.length).toBeGreaterThan(0)
    const out = join(dir, `export-${status}-${readdirSync(dir).length}.bib`)
    expect(margin(lib, 'export', 'bibtex', '--out', out).code).toBe(0)
    expect(readFileSync(out, 'utf8')).toMatch(/^@/m)
    for (const args of [['mark', '1', '--star'], ['note', '1', '--set', 'hello'], ['tag', '1', 'x'], ['import', DUMP_FILES[0]!]]) {
      const r = margin(lib, ...args)
      expect(r.code, args.join(' ')).toBe(status)
      expect(r.err).toMatch(message)
      expect(r.err).not.toMatch(STACK)
    }
    expect(sha256(lib)).toBe(before)
    expect(sidecars(lib)).toEqual([])
  }

  it('mode 0444: list, search and export work; writing commands exit 73 saying it is read-only', SLOW, () => {
    const lib = copyOfGood('ro.sqlite')
    chmodSync(lib, 0o444)
    readsAndRefusesWrites(lib, EXIT.cantCreate, /read-only/)
  })

  it('on a read-only file system (a tmpfs remounted ro) the same', SLOW, (ctx) => {
    const mnt = join(dir, 'ro-mnt')
    if (!mountTmpfs(mnt)) return ctx.skip() // not root: the 0444 test covers the read-only path
    try {
      const lib = copyOfGood('library.sqlite', mnt)
      execFileSync('mount', ['-o', 'remount,ro', mnt])
      readsAndRefusesWrites(lib, EXIT.cantCreate, /read-only/)
      expect(readdirSync(mnt)).toEqual(['library.sqlite'])
    } finally {
      execFileSync('umount', [mnt])
    }
  })

  it('on a full disk (a full tmpfs): reading and exporting elsewhere work; writes exit 74, "the disk is full"', SLOW, (ctx) => {
    const mnt = join(dir, 'full-mnt')
    if (!mountTmpfs(mnt)) return ctx.skip() // not root: open.test.ts covers SQLite's max_page_count
    try {
      const lib = copyOfGood('library.sqlite', mnt)
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${join(mnt, 'fill')}`, 'bs=4096'], { stdio: 'ignore' })
      } catch {
        // "No space left on device": full
      }
      readsAndRefusesWrites(lib, EXIT.ioErr, /disk is full/)
      expect(readdirSync(mnt).sort()).toEqual(['fill', 'library.sqlite'])
    } finally {
      execFileSync('umount', [mnt])
    }
  })
})

describe('help', () => {
  it('every command shows an example; `margin` alone shows the counts and the commands', SLOW, () => {
    const lib = copyOfGood('help.sqlite')
    for (const cmd of ['import', 'history', 'list', 'mark', 'note', 'search', 'tag', 'key', 'backup', 'restore', 'check']) {
      const r = margin(lib, cmd, '--help')
      expect(r.code, cmd).toBe(0)
      expect(r.out, cmd).toMatch(new RegExp(`Examples?:\\n  \\$ margin ${cmd === 'key' ? 'key' : cmd}`))
    }
    const r = margin(lib)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/105 papers \(105 unread, 0 starred, 0 with notes\) from 3 dumps/)
    expect(r.out).toMatch(/Commands:[\s\S]*import[\s\S]*check/)
  })
})
