/**
 * `margin watch <folder>` and `margin import <folder>`, run as a user runs them (the built CLI on a
 * real library file and the real dumps of tests/fixtures).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { appendFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MARGIN_BIN, requireBuiltCli, runMargin } from '../helpers/cli'
import { DUMP_FILES } from '../helpers/fixtures'
import { RECORDED } from '../helpers/replayServer'

let dir: string

beforeAll(() => {
  requireBuiltCli()
  dir = mkdtempSync(join(tmpdir(), 'margin-watch-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A running `margin watch`: its output so far, and a wait for the next line matching a pattern. */
function startWatch(library: string, folder: string) {
  const child: ChildProcess = spawn(process.execPath, [MARGIN_BIN, '--library', library, 'watch', folder])
  let out = ''
  let err = ''
  const waiters: { re: RegExp; done: (line: string) => void }[] = []
  const check = () => {
    for (const w of [...waiters]) {
      const line = out.split('\n').find((l) => w.re.test(l))
      if (line) {
        waiters.splice(waiters.indexOf(w), 1)
        w.done(line)
      }
    }
  }
  child.stdout!.setEncoding('utf8').on('data', (s: string) => {
    out += s
    check()
  })
  child.stderr!.setEncoding('utf8').on('data', (s: string) => {
    err += s
    if (/watching/.test(err)) for (const w of [...waiters]) if (w.re.source === 'watching') w.done('')
  })
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)))
  return {
    get out() {
      return out
    },
    get err() {
      return err
    },
    line: (re: RegExp) =>
      new Promise<string>((done) => {
        waiters.push({ re, done })
        check()
      }),
    started: () => new Promise<void>((done) => (/watching/.test(err) ? done() : waiters.push({ re: /watching/, done: () => done() }))),
    stop: async () => {
      child.kill('SIGTERM')
      return exited
    },
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function count(library: string, sql: string): number {
  const db = new Database(library, { readonly: true })
  try {
    return db.prepare(sql).pluck().get() as number
  } finally {
    db.close()
  }
}

describe('margin watch', () => {
  it('imports a dump written slowly, in pieces, exactly once and complete; copies, renames and restarts are not re-imported; stops on SIGTERM', async () => {
    const library = join(dir, 'watch.sqlite')
    const inbox = join(dir, 'inbox')
    mkdirSync(inbox)
    const watch = startWatch(library, inbox)
    await watch.started()

    // the Apr 20 dump (44 papers), written in 8 pieces 300 ms apart (2.4 s in all): every piece
    // but the last is itself a dump whose last entry is cut short, so a read half-way would import fewer papers
    const bytes = readFileSync(DUMP_FILES[0]!)
    const path = join(inbox, 'daily-apr-20.txt')
    const piece = Math.ceil(bytes.length / 8)
    await writeFile(path, bytes.subarray(0, piece))
    for (let at = piece; at < bytes.length; at += piece) {
      await sleep(300)
      await appendFile(path, bytes.subarray(at, at + piece))
    }
    const line = await watch.line(/^daily-apr-20\.txt/)
    expect(line).toBe('daily-apr-20.txt (2026-04-20): 44 papers: 44 new, 0 already in the library')
    expect(count(library, 'SELECT count(*) FROM dumps')).toBe(1)
    expect(count(library, 'SELECT count(*) FROM papers')).toBe(44)

    // a copy under another name: the same content, not imported again
    copyFileSync(path, join(inbox, 'copy of daily.txt'))
    expect(await watch.line(/^copy of daily\.txt/)).toBe('copy of daily.txt: seen before as daily-apr-20.txt, nothing changed')

    // a file that is not a dump: reported once with why, and left where it is
    const prose = join(inbox, 'letter.md')
    writeFileSync(prose, 'Dear reader,\n\nthis is a letter, not a list of papers.\n')
    expect(await watch.line(/^letter\.md/)).toMatch(/^letter\.md: failed: .+ \(left where it is\)$/)
    expect(existsSync(prose)).toBe(true)

    expect(await watch.stop()).toBe(0)
    expect(watch.err).toContain('margin: stopped (SIGTERM)')
    expect(watch.out.split('\n').filter((l) => l.startsWith('daily-apr-20.txt'))).toHaveLength(1)

    // a restart: the files already handled (the dump, its copy, the refused letter) pass in silence;
    // a new API answer is imported, with its authors
    const again = startWatch(library, inbox)
    await again.started()
    copyFileSync(RECORDED.day20240527, join(inbox, '2024-05-27.json'))
    expect(await again.line(/^2024-05-27\.json/)).toBe('2024-05-27.json (2024-05-27): 13 papers: 13 new, 0 already in the library')
    expect(await again.stop()).toBe(0)
    expect(again.out.trim().split('\n')).toEqual(['2024-05-27.json (2024-05-27): 13 papers: 13 new, 0 already in the library'])
    expect(count(library, 'SELECT count(*) FROM dumps')).toBe(2)
    // each imported file is in the import history, from 'inbox'; a file seen before is not
    expect(count(library, "SELECT count(*) FROM imports i JOIN import_files f ON f.import_id = i.id WHERE i.source = 'inbox' AND f.status = 'imported'")).toBe(2)
  })

  it('refuses a folder that does not exist (66)', () => {
    const r = runMargin(join(dir, 'none.sqlite'), 'watch', join(dir, 'no-such-folder'))
    expect(r.code).toBe(66)
    expect(r.err).toMatch(/is not a folder Margin can read/)
  })
})

describe('margin import <folder>', () => {
  it('imports every dump and .json in the folder, sorted by name, and reports each', () => {
    const folder = join(dir, 'batch')
    mkdirSync(folder)
    copyFileSync(DUMP_FILES[2]!, join(folder, 'b-apr-13.txt'))
    copyFileSync(DUMP_FILES[1]!, join(folder, 'a-apr-16.md'))
    copyFileSync(RECORDED.day20251003, join(folder, 'c-2025-10-03.json'))
    writeFileSync(join(folder, '.hidden.txt'), 'not read')
    writeFileSync(join(folder, 'picture.png'), 'not read')
    mkdirSync(join(folder, 'sub'))
    const r = runMargin(join(dir, 'batch.sqlite'), 'import', folder, '--json')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.out)
    expect(json.files.map((f: { path: string; status: string; papers: number }) => [f.path.slice(folder.length + 1), f.status, f.papers])).toEqual([
      ['a-apr-16.md', 'imported', 50],
      ['b-apr-13.txt', 'imported', 55],
      ['c-2025-10-03.json', 'imported', 39],
    ])
    const empty = join(dir, 'empty')
    mkdirSync(empty)
    const none = runMargin(join(dir, 'batch.sqlite'), 'import', empty)
    expect(none.code).toBe(66)
    expect(none.out).toContain('no dump (.txt, .md, .html) or .json file in this folder')
  })
})
