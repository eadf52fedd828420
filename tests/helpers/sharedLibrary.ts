/**
 * For the tests where the app and the `margin` CLI share one library file: the built CLI run as a
 * child process (asynchronously, so the test process can work beside it), dumps made by varying
 * real ones, and the consistency checks every test ends with.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { Library } from '../../src/main/library/library'
import { titleKey } from '../../src/main/library/titleKey'
import { Synth, loadBasePapers } from '../bench/synth'
import { MARGIN_BIN } from './cli'
import { DUMPS_DIR } from './fixtures'

export interface Child {
  pid: number
  /** Resolves when the process has exited: its exit code (null when killed) and what it printed. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>
  kill(signal?: NodeJS.Signals): void
}

/** Starts the built `margin` on `library` without waiting for it. */
export function startMargin(library: string, ...args: string[]): Child {
  const child = spawn(process.execPath, [MARGIN_BIN, '--library', library, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d))
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, out, err }))
  })
  return { pid: child.pid!, done, kill: (signal = 'SIGTERM') => child.kill(signal) }
}

/** `count` synthetic dumps of `perDump` papers each (tests/bench/synth.ts, seeded), written to `dir`. */
export function writeSynthDumps(dir: string, count: number, perDump = 60, seed = 5): string[] {
  mkdirSync(dir, { recursive: true })
  const synth = new Synth(loadBasePapers(DUMPS_DIR), seed)
  return Array.from({ length: count }, (_, i) => {
    const path = join(dir, `synth-${String(i).padStart(3, '0')}.txt`)
    writeFileSync(path, synth.dump(new Date(Date.UTC(2025, 0, 1 + i)), perDump).text)
    return path
  })
}

/**
 * A real dump with its header date changed to `header` (`Apr 2`): a different file (another
 * sha256, another dump day) holding the same papers, so importing it merges them again.
 */
export function redatedDump(path: string, header: string): Uint8Array {
  const text = readFileSync(path, 'utf8')
  const HEADER = /^(Apr|Mar|May) \d{1,2}$/m
  if (!HEADER.test(text)) throw new Error(`no header date found in ${path}`)
  return new TextEncoder().encode(text.replace(HEADER, header))
}

/** How many distinct papers (title keys) the given files hold. */
export function distinctTitles(files: readonly string[]): number {
  const lib = new Library(':memory:')
  const keys = new Set<string>()
  for (const path of files) {
    const p = lib.prepareDump({ path, bytes: readFileSync(path), modifiedAt: new Date(Date.UTC(2026, 3, 21)) })
    if (!p.dump) throw new Error(`${path}: ${p.result?.error}`)
    for (const e of p.dump.entries) keys.add(titleKey(e.title))
  }
  lib.close()
  return keys.size
}

export interface Consistency {
  integrity: string
  papers: number
  /** Dumps whose appearances are not exactly their entries (a file half written). */
  partialDumps: string[]
  /** Papers no dump shows (written without their file). */
  orphanPapers: number
  /** Papers missing from the search index, or index rows without a paper. */
  unindexed: number
  indexRows: number
}

/** What must hold after any import, finished or killed: SQLite's check, and every file all-or-nothing. */
export function consistency(db: Database.Database): Consistency {
  const one = <T>(sql: string) => db.prepare(sql).pluck().get() as T
  return {
    integrity: (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; '),
    papers: one<number>('SELECT count(*) FROM papers'),
    partialDumps: db
      .prepare(
        `SELECT d.file_name FROM dumps d
         WHERE d.entries <> (SELECT count(*) FROM appearances a WHERE a.dump_id = d.id) OR d.added + d.merged <> d.entries`,
      )
      .pluck()
      .all() as string[],
    orphanPapers: one<number>('SELECT count(*) FROM papers p WHERE NOT EXISTS (SELECT 1 FROM appearances a WHERE a.paper_id = p.id)'),
    unindexed: one<number>(
      `SELECT (SELECT count(*) FROM papers p WHERE NOT EXISTS (SELECT 1 FROM search_fts f WHERE f.rowid = p.id))
            + (SELECT count(*) FROM search_fts f WHERE NOT EXISTS (SELECT 1 FROM papers p WHERE p.id = f.rowid))`,
    ),
    indexRows: one<number>('SELECT count(*) FROM search_fts'),
  }
}

export const CONSISTENT = { integrity: 'ok', partialDumps: [], orphanPapers: 0, unindexed: 0 }
