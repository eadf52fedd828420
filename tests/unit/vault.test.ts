/**
 * The Markdown vault is the user's: re-exports never delete a file, update only files still exactly
 * as Margin wrote them (the manifest's hash), keep edited files and copies, never follow a symlink
 * and never write outside the folder. Real library (the shared dumps and API files), real folders.
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportMarkdownNotes } from '../../src/main/export'
import { ExportFolder } from '../../src/main/files/exportFolder'
import { MANIFEST_NAME, sha256 } from '../../src/main/files/manifest'
import type { MarginApi } from '../../src/shared/contract'
import { createMainDispatcher } from '../../src/main/ipc/server'
import type { Library } from '../../src/main/library/library'
import { SettingsStore } from '../../src/main/settings/store'
import { createApi } from '../../src/preload/client'
import { fullLibrary } from '../helpers/library'

let lib: Library
let root: string
let vault: string
let ids: number[]

beforeEach(() => {
  lib = fullLibrary()
  root = mkdtempSync(join(tmpdir(), 'margin-vault-'))
  vault = join(root, 'vault')
  ids = lib.viewIds().slice(0, 3)
  ids.forEach((id, i) => lib.setNote(id, `First thoughts on paper ${i}.`))
})
afterEach(() => {
  lib.close()
  rmSync(root, { recursive: true, force: true })
})

const exportAll = () => exportMarkdownNotes(lib, { kind: 'selection', ids }, vault)
const fileOf = (id: number) => `${lib.citationKey(id)}.md`
const read = (name: string) => readFileSync(join(vault, name), 'utf8')
/** Every file in the folder with its content (symlinks as `-> target`). */
function snapshot(dir = vault): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).map((f) => {
      const p = join(dir, f)
      return [f, lstatSync(p).isSymbolicLink() ? `-> ${readlinkSync(p)}` : readFileSync(p, 'utf8')]
    }),
  )
}
const manifest = () => JSON.parse(read(MANIFEST_NAME)) as { version: number; files: Record<string, { sha256: string; id: number }> }
const noTempFiles = () => expect(readdirSync(vault).filter((f) => f.endsWith('.tmp'))).toEqual([])

describe('the manifest', () => {
  it('records the sha256 of exactly what Margin wrote and the paper, and a re-export changes nothing', () => {
    const r = exportAll()
    expect(r.written.sort()).toEqual(ids.map(fileOf).sort())
    const m = manifest()
    expect(m.version).toBe(1)
    expect(Object.keys(m.files).sort()).toEqual(ids.map(fileOf).sort())
    for (const id of ids) expect(m.files[fileOf(id)]).toEqual({ sha256: sha256(readFileSync(join(vault, fileOf(id)))), id })
    const before = snapshot()
    const again = exportAll()
    expect(again).toMatchObject({ written: [], updated: [], kept: [], skipped: [], renamed: [], messages: [] })
    expect(again.unchanged).toHaveLength(3)
    expect(snapshot()).toEqual(before)
    noTempFiles()
  })

  it('updates a file Margin wrote and nobody changed, and records its new hash', () => {
    exportAll()
    lib.setNote(ids[0]!, 'Second thoughts.')
    const r = exportAll()
    expect(r.updated).toEqual([fileOf(ids[0]!)])
    expect(read(fileOf(ids[0]!))).toContain('Second thoughts.')
    expect(manifest().files[fileOf(ids[0]!)]!.sha256).toBe(sha256(readFileSync(join(vault, fileOf(ids[0]!)))))
  })
})

describe("the user's files", () => {
  it('keeps a note edited in the editor, byte for byte, and exports beside it', () => {
    exportAll()
    const name = fileOf(ids[0]!)
    const edited = `${read(name)}\nMy own paragraph, written in Obsidian.\n`
    writeFileSync(join(vault, name), edited)
    lib.setNote(ids[0]!, 'Second thoughts.')
    const r = exportAll()
    const beside = name.replace(/\.md$/, ' (Margin).md')
    expect(read(name)).toBe(edited)
    expect(r.kept).toEqual([{ file: name, reason: 'edited', exportedTo: beside }])
    expect(r.messages).toContain(`kept your edited \`${name}\`; the new export is \`${beside}\``)
    expect(read(beside)).toContain('Second thoughts.')
    // later exports update the file beside it and still leave the edited one alone
    lib.setNote(ids[0]!, 'Third thoughts.')
    const again = exportAll()
    expect(again.updated).toEqual([beside])
    expect(read(beside)).toContain('Third thoughts.')
    expect(read(name)).toBe(edited)
    // the count of papers exported is unchanged: one file each
    expect(again.written.length + again.updated.length + again.unchanged.length).toBe(3)
  })

  it('never touches a copy the user made (same margin_id in its front matter), nor any other file', () => {
    exportAll()
    const name = fileOf(ids[1]!)
    const copy = `${read(name)}\nCopied to annotate.\n`
    writeFileSync(join(vault, 'my copy.md'), copy)
    writeFileSync(join(vault, 'index.md'), '# my index\n')
    lib.setNote(ids[1]!, 'Changed in Margin.')
    const r = exportAll()
    expect(r.updated).toEqual([name])
    expect(read('my copy.md')).toBe(copy)
    expect(read('index.md')).toBe('# my index\n')
    expect(manifest().files['my copy.md']).toBeUndefined()
  })

  it('writes the new file of a renamed citation key and leaves the old one (and never deletes it later)', () => {
    exportAll()
    const old = fileOf(ids[2]!)
    const oldText = read(old)
    lib.setCitationKey(ids[2]!, 'renamed2026')
    const r = exportAll()
    expect(r.written).toEqual(['renamed2026.md'])
    expect(r.renamed).toEqual([{ from: old, to: 'renamed2026.md' }])
    expect(r.messages).toContain(`left \`${old}\` as it was: its paper's citation key changed, and its export is now \`renamed2026.md\``)
    expect(read(old)).toBe(oldText)
    expect(read('renamed2026.md')).toContain('citation_key: "renamed2026"')
    // Margin no longer manages the old file: a later export neither reports nor touches it
    expect(manifest().files[old]).toBeUndefined()
    lib.setNote(ids[2]!, 'After the rename.')
    const again = exportAll()
    expect(again.renamed).toEqual([])
    expect(read(old)).toBe(oldText)
    // a narrower export never removes the files of papers it leaves out
    exportMarkdownNotes(lib, { kind: 'selection', ids: [ids[0]!] }, vault)
    expect(ids.slice(1).every((id) => existsSync(join(vault, fileOf(id))))).toBe(true)
  })

  it('keeps a file of the same name that Margin has no record of (a folder exported by an older Margin, or the user\'s own)', () => {
    mkdirSync(vault)
    const name = fileOf(ids[0]!)
    writeFileSync(join(vault, name), '# mine\n')
    const r = exportAll()
    expect(read(name)).toBe('# mine\n')
    expect(r.kept).toEqual([{ file: name, reason: 'unknown', exportedTo: name.replace(/\.md$/, ' (Margin).md') }])
    expect(r.written).toHaveLength(3)
  })

  it('treats an unreadable manifest as no record: nothing that differs is overwritten', () => {
    exportAll()
    lib.setNote(ids[0]!, 'Second thoughts.')
    writeFileSync(join(vault, MANIFEST_NAME), '{ not json')
    const before = read(fileOf(ids[0]!))
    const r = exportAll()
    expect(read(fileOf(ids[0]!))).toBe(before)
    expect(r.kept.map((k) => k.reason)).toEqual(['unknown'])
    expect(r.messages[0]).toMatch(/could not be read/)
    expect(manifest().version).toBe(1) // rewritten whole
  })
})

describe('symlinks and the folder boundary', () => {
  it('leaves a symlink in place of a note alone and writes nothing through it, out of the vault', () => {
    exportAll()
    const outside = join(root, 'outside.md')
    writeFileSync(outside, 'precious\n')
    const name = fileOf(ids[0]!)
    rmSync(join(vault, name))
    symlinkSync(outside, join(vault, name))
    // a dangling link must not create its target either
    const dangling = join(root, 'not-there.md')
    rmSync(join(vault, fileOf(ids[1]!)))
    symlinkSync(dangling, join(vault, fileOf(ids[1]!)))
    lib.setNote(ids[0]!, 'Second thoughts.')
    const r = exportAll()
    expect(readFileSync(outside, 'utf8')).toBe('precious\n')
    expect(existsSync(dangling)).toBe(false)
    expect(lstatSync(join(vault, name)).isSymbolicLink()).toBe(true)
    expect(r.skipped.map((s) => [s.file, s.reason])).toEqual([
      [name, 'symlink'],
      [fileOf(ids[1]!), 'symlink'],
    ])
    expect(r.messages[0]).toBe(
      `left \`${name}\` alone: it is a symbolic link, which Margin does not write through; the new export is \`${name.replace(/\.md$/, ' (Margin).md')}\``,
    )
    noTempFiles()
  })

  it('does not follow a symlinked manifest, and leaves a folder where a note would go alone', () => {
    mkdirSync(vault)
    const outside = join(root, 'elsewhere.json')
    writeFileSync(outside, '{"mine": true}\n')
    symlinkSync(outside, join(vault, MANIFEST_NAME))
    mkdirSync(join(vault, fileOf(ids[0]!)))
    const r = exportAll()
    expect(readFileSync(outside, 'utf8')).toBe('{"mine": true}\n')
    expect(lstatSync(join(vault, MANIFEST_NAME)).isSymbolicLink()).toBe(true)
    expect(r.skipped).toEqual([{ file: fileOf(ids[0]!), reason: 'notAFile', exportedTo: fileOf(ids[0]!).replace(/\.md$/, ' (Margin).md') }])
    expect(r.messages[0]).toMatch(/left `\.margin-export\.json` alone \(a symbolic link\)/)
  })

  it('writes into the real folder of a symlinked vault and refuses names that leave it', () => {
    const real = join(root, 'real-vault')
    mkdirSync(real)
    symlinkSync(real, vault)
    const r = exportAll()
    expect(r.dir).toBe(real)
    expect(readdirSync(real).filter((f) => f.endsWith('.md'))).toHaveLength(3)
    const folder = ExportFolder.open(vault)
    for (const bad of ['../escape.md', '..', 'a/b.md', 'a\\b.md', '']) expect(folder.put(bad, 'x', ids[0]!)).toBeNull()
    expect(folder.report.skipped.map((s) => s.reason)).toEqual(Array(5).fill('unsafeName'))
    expect(existsSync(join(root, 'escape.md'))).toBe(false)
  })
})

describe('the app and the CLI report it', () => {
  it('exportWithDialog lists the files and says which were kept, compatibly with the old shape', async () => {
    const settings = new SettingsStore(join(root, 'settings.json'))
    const host = {
      showOpenDialog: async () => [],
      showSaveDialog: async () => null,
      showFolderDialog: async () => vault,
      openExternal: async () => {},
    }
    const { dispatcher } = createMainDispatcher({ library: lib, settings, host, send: () => {} })
    const api: MarginApi = createApi({ invoke: (c, i) => dispatcher.dispatch(c, i), subscribe: () => () => {} })
    const first = await api.exportWithDialog({ format: 'markdown', scope: { kind: 'selection', ids } })
    expect(first).toMatchObject({ path: vault, count: 3, warnings: [] })
    expect(first.files?.written.sort()).toEqual(ids.map(fileOf).sort())
    const name = fileOf(ids[0]!)
    writeFileSync(join(vault, name), 'edited\n')
    lib.setNote(ids[0]!, 'Second thoughts.')
    const second = await api.exportWithDialog({ format: 'markdown', scope: { kind: 'selection', ids } })
    expect(second.count).toBe(3)
    expect(second.files).toEqual({
      written: [name.replace(/\.md$/, ' (Margin).md')],
      updated: [],
      unchanged: ids.slice(1).map(fileOf),
      kept: [name],
      skipped: [],
    })
    expect(second.warnings).toEqual([`kept your edited \`${name}\`; the new export is \`${name.replace(/\.md$/, ' (Margin).md')}\``])
    expect(read(name)).toBe('edited\n')
  })
})
