/**
 * `margin export markdown` into a vault the user works in: the built CLI, a real library. What it
 * kept and skipped is said on stderr, the counts on stdout, and everything in --json.
 * `npm test` builds first; run `npm run build` before `vitest` alone.
 */
import { lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireBuiltCli, runMargin } from '../helpers/cli'
import { DUMP_FILES } from '../helpers/fixtures'

let dir: string
let library: string
const margin = (...args: string[]) => runMargin(library, ...args)

beforeAll(() => {
  requireBuiltCli()
  dir = mkdtempSync(join(tmpdir(), 'margin-vault-cli-'))
  library = join(dir, 'lib.sqlite')
  expect(margin('import', ...DUMP_FILES).code).toBe(0)
}, 60_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('margin export markdown', () => {
  it('keeps an edited note and a symlink, says so on stderr, and lists every file in --json', () => {
    const vault = join(dir, 'vault')
    const ids = (JSON.parse(margin('list', '--json', '--limit', '3').out).papers as { id: number }[]).map((p) => String(p.id))
    const scope = ids.flatMap((id) => ['--id', id])
    const first = margin('export', 'markdown', '--dir', vault, ...scope)
    expect(first.code).toBe(0)
    expect(first.err).toBe('')
    expect(first.out).toBe(`3 written, 0 updated, 0 unchanged in ${vault}\n`)

    const [k0, k1] = [margin('key', ids[0]!).out.trim(), margin('key', ids[1]!).out.trim()]
    writeFileSync(join(vault, `${k0}.md`), 'my edits\n')
    const outside = join(dir, 'outside.md')
    writeFileSync(outside, 'not the vault\n')
    rmSync(join(vault, `${k1}.md`))
    symlinkSync(outside, join(vault, `${k1}.md`))
    for (const id of ids) expect(margin('note', id, '--set', 'Changed from the command line.').code).toBe(0)

    const second = margin('export', 'markdown', '--dir', vault, ...scope)
    expect(second.code).toBe(0)
    expect(second.err.split('\n').filter(Boolean)).toEqual([
      `margin: kept your edited \`${k0}.md\`; the new export is \`${k0} (Margin).md\``,
      `margin: left \`${k1}.md\` alone: it is a symbolic link, which Margin does not write through; the new export is \`${k1} (Margin).md\``,
    ])
    expect(second.out).toBe(`2 written, 1 updated, 0 unchanged, 1 kept (yours), 1 skipped (not plain files) in ${vault}\n`)
    expect(readFileSync(join(vault, `${k0}.md`), 'utf8')).toBe('my edits\n')
    expect(readFileSync(outside, 'utf8')).toBe('not the vault\n')
    expect(lstatSync(join(vault, `${k1}.md`)).isSymbolicLink()).toBe(true)

    const json = margin('export', 'markdown', '--dir', vault, ...scope, '--json')
    expect(json.code).toBe(0)
    const r = JSON.parse(json.out)
    expect(r).toMatchObject({
      dir: vault,
      written: [],
      updated: [],
      kept: [{ file: `${k0}.md`, reason: 'edited', exportedTo: `${k0} (Margin).md` }],
      skipped: [{ file: `${k1}.md`, reason: 'symlink', exportedTo: `${k1} (Margin).md` }],
      renamed: [],
    })
    expect(r.unchanged).toHaveLength(3)
    expect(r.messages).toHaveLength(2)
  }, 120_000) // a dozen runs of the CLI: minutes on a loaded 2-core machine

  it('reports a folder it cannot make as a message, not a stack trace', () => {
    const file = join(dir, 'a-file')
    writeFileSync(file, 'x')
    const r = margin('export', 'markdown', '--dir', join(file, 'vault'))
    expect(r.code).toBe(74) // EX_IOERR
    expect(r.err).toMatch(/^margin: could not export to .*a-file\/vault: ENOTDIR/)
    expect(r.err).not.toMatch(/\n\s+at /)
  }, 60_000)
})
