/**
 * SQL belongs to the library: `npm run lint` refuses SQL anywhere else in src (the rule in
 * eslint.config.js), and no source file outside src/main/library has any today.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const RULE_MESSAGE = 'SQL belongs to src/main/library'
const eslint = new ESLint({ cwd: process.cwd() })

async function sqlProblems(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages.filter((m) => m.message.startsWith(RULE_MESSAGE)).length
}

const OFFENDING = `import type Database from 'better-sqlite3'
import type { Library } from '../library/library'
export function f(lib: Library, db: Database.Database): void {
  lib.db.prepare('SELECT 1').get()
  db.exec('DELETE FROM papers')
  db.pragma('user_version')
  ;/a/.exec('a')
}
`

describe('the library is the one owner of SQL', () => {
  it('lint refuses a statement, SQL text run, a pragma, the connection and better-sqlite3 outside the library', async () => {
    for (const file of ['src/main/search/x.ts', 'src/main/export/x.ts', 'src/main/ipc/handlers/x.ts', 'src/main/cli/x.ts']) {
      // the import, lib.db, .prepare( on it, db.exec(, db.pragma( (RegExp#exec is fine)
      expect(await sqlProblems(file, OFFENDING)).toBe(5)
    }
    expect(await sqlProblems('src/main/library/x.ts', OFFENDING)).toBe(0)
  })

  it('no file outside src/main/library prepares, runs SQL or imports better-sqlite3 today', () => {
    const offenders: string[] = []
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name)
        if (e.isDirectory()) {
          if (relative('src', path) !== join('main', 'library')) walk(path)
        } else if (/\.tsx?$/.test(e.name)) {
          const text = readFileSync(path, 'utf8')
          if (/\.(prepare|pragma)\(|\bdb\.exec\(|from 'better-sqlite3'/.test(text)) offenders.push(path)
        }
      }
    }
    walk('src')
    expect(offenders).toEqual([])
  })
})
