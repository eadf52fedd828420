/**
 * Every file Margin writes goes to a temporary file in the same folder, is flushed, and is renamed
 * over the target: a failure (a full disk) leaves the old file byte for byte and no temporary file.
 * The full disk is real: a 64 KiB tmpfs mounted for the test (this needs root; without it those
 * tests are skipped with the reason, and the injected failures still run).
 */
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { resolveTarget, writeFileAtomic, writeFileAtomicSync } from '../../src/main/files/atomicWrite'
import { createMainDispatcher } from '../../src/main/ipc/server'
import { Library } from '../../src/main/library/library'
import { SettingsStore } from '../../src/main/settings/store'
import { requireBuiltCli, runMargin } from '../helpers/cli'
import { DUMP_FILES, dumpBytes } from '../helpers/fixtures'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'margin-atomic-'))
  return () => rmSync(dir, { recursive: true, force: true })
})

const failing = (code: string) => () => {
  throw Object.assign(new Error(`${code}: injected`), { code })
}

describe('writeFileAtomicSync', () => {
  it('replaces a file whole, keeps its permissions, and leaves no temporary file', () => {
    const path = join(dir, 'refs.bib')
    writeFileSync(path, 'old')
    chmodSync(path, 0o600)
    writeFileAtomicSync(path, 'new content')
    expect(readFileSync(path, 'utf8')).toBe('new content')
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir)).toEqual(['refs.bib'])
    writeFileAtomicSync(join(dir, 'fresh.json'), new Uint8Array([123, 125]))
    expect(readFileSync(join(dir, 'fresh.json'), 'utf8')).toBe('{}')
  })

  it('on a failed write (injected ENOSPC, EIO) keeps the old file byte for byte and removes the temporary file', () => {
    const path = join(dir, 'refs.bib')
    const old = Buffer.from('@misc{old,\n  title = {Old}\n}\n')
    writeFileSync(path, old)
    for (const code of ['ENOSPC', 'EIO']) {
      expect(() => writeFileAtomicSync(path, 'x'.repeat(100_000), { write: failing(code) })).toThrow(code)
      expect(readFileSync(path).equals(old)).toBe(true)
      expect(readdirSync(dir)).toEqual(['refs.bib'])
    }
  })

  it('replaces a symlink rather than writing through it; resolveTarget follows one the user named', () => {
    const real = join(dir, 'real.bib')
    writeFileSync(real, 'real')
    const link = join(dir, 'link.bib')
    symlinkSync(real, link)
    writeFileAtomicSync(resolveTarget(link), 'through the link the user chose')
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(readlinkSync(link)).toBe(real)
    expect(readFileSync(real, 'utf8')).toBe('through the link the user chose')
    writeFileAtomicSync(link, 'replaces the link')
    expect(lstatSync(link).isFile()).toBe(true)
    expect(readFileSync(real, 'utf8')).toBe('through the link the user chose')
  })
})

describe('on a full disk (a real 64 KiB tmpfs)', () => {
  let mnt: string
  let mounted = false
  let why = ''
  beforeAll(() => {
    mnt = mkdtempSync(join(tmpdir(), 'margin-full-'))
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt], { stdio: 'pipe' })
      mounted = true
    } catch (e) {
      why = (e as Error).message
    }
  })
  afterAll(() => {
    if (mounted) execFileSync('umount', [mnt])
    rmSync(mnt, { recursive: true, force: true })
  })
  beforeEach((ctx) => {
    if (!mounted) ctx.skip(`cannot mount a tmpfs here (needs root): ${why}`)
    for (const f of readdirSync(mnt)) rmSync(join(mnt, f), { recursive: true, force: true })
  })

  const big = 'x'.repeat(200_000)
  const oldBib = Buffer.from(`@misc{old2024,\n  title = {${'Kept whole '.repeat(1000)}}\n}\n`)

  it('the sync and async writers throw ENOSPC and leave the old .bib whole, with no temporary file', async () => {
    const path = join(mnt, 'refs.bib')
    writeFileSync(path, oldBib)
    expect(() => writeFileAtomicSync(path, big)).toThrow(expect.objectContaining({ code: 'ENOSPC' }))
    expect(readFileSync(path).equals(oldBib)).toBe(true)
    expect(readdirSync(mnt)).toEqual(['refs.bib'])
    await expect(writeFileAtomic(path, big)).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(readFileSync(path).equals(oldBib)).toBe(true)
    expect(readdirSync(mnt)).toEqual(['refs.bib'])
  })

  it('`margin export bibtex --out` says the disk is full (exit 74, EX_IOERR; no stack trace) and keeps the old file', () => {
    requireBuiltCli()
    const library = join(dir, 'lib.sqlite')
    expect(runMargin(library, 'import', ...DUMP_FILES).code).toBe(0)
    const path = join(mnt, 'refs.bib')
    writeFileSync(path, oldBib)
    // fill the disk but a little, so the ~60 KB export cannot fit beside the old file
    writeFileSync(join(mnt, 'filler'), Buffer.alloc(64 * 1024 - oldBib.length - 8 * 1024))
    const r = runMargin(library, 'export', 'bibtex', '--out', path)
    expect(r.err).toBe(`margin: could not write ${path}: the disk is full; the file there (if any) is unchanged\n`)
    expect(r.code).toBe(74)
    expect(readFileSync(path).equals(oldBib)).toBe(true)
    expect(readdirSync(mnt).sort()).toEqual(['filler', 'refs.bib'])
  }, 60_000)

  it('a Markdown export that runs out of space leaves only whole notes and no temporary file', async () => {
    const library = new Library(join(dir, 'library.sqlite'))
    DUMP_FILES.forEach((path, i) => library.importDump({ path, bytes: dumpBytes(i) }))
    const vault = join(mnt, 'vault')
    const host = { showOpenDialog: async () => [], showSaveDialog: async () => null, showFolderDialog: async () => vault, openExternal: async () => {} }
    const settings = new SettingsStore(join(dir, 'settings.json'))
    const { dispatcher } = createMainDispatcher({ library, settings, host, send: () => {}, log: () => {} })
    const r = await dispatcher.dispatch('exportWithDialog', { format: 'markdown', scope: { kind: 'all' } })
    library.close()
    expect(r).toMatchObject({ ok: false, error: { code: 'diskFull' } })
    const files = readdirSync(vault)
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([])
    const notes = files.filter((f) => f.endsWith('.md'))
    expect(notes.length).toBeGreaterThan(5) // some fitted before the disk filled up
    for (const f of notes) expect(readFileSync(join(vault, f), 'utf8')).toMatch(/^---\ntitle: [\s\S]*\nmargin_id: \d+\n[\s\S]*\n---\n\n# .+\n$/)
  })

  it("the app's export answers diskFull and keeps the old file; settings.json keeps the old preferences", async () => {
    const library = new Library(join(dir, 'library.sqlite'))
    DUMP_FILES.forEach((path, i) => library.importDump({ path, bytes: dumpBytes(i) }))
    const path = join(mnt, 'refs.bib')
    writeFileSync(path, oldBib)
    writeFileSync(join(mnt, 'filler'), Buffer.alloc(64 * 1024 - oldBib.length - 8 * 1024))
    const settingsPath = join(mnt, 'settings.json')
    const settings = new SettingsStore(settingsPath)
    const host = { showOpenDialog: async () => [], showSaveDialog: async () => path, showFolderDialog: async () => null, openExternal: async () => {} }
    const { dispatcher } = createMainDispatcher({ library, settings, host, send: () => {}, log: () => {} })
    const r = await dispatcher.dispatch('exportWithDialog', { format: 'bibtex', scope: { kind: 'all' } })
    expect(r).toMatchObject({ ok: false, error: { code: 'diskFull' } })
    expect(readFileSync(path).equals(oldBib)).toBe(true)
    library.close()

    // settings: fill the disk completely, then change a preference
    rmSync(join(mnt, 'filler'))
    settings.update({ notesOpen: false })
    const saved = readFileSync(settingsPath)
    mkdirSync(join(mnt, 'fill'))
    for (let i = 0; ; i++) {
      try {
        writeFileSync(join(mnt, 'fill', String(i)), Buffer.alloc(4096))
      } catch {
        break
      }
    }
    const u = await dispatcher.dispatch('updateSettings', { feedSort: 'upvotes' })
    expect(u).toMatchObject({ ok: false, error: { code: 'diskFull' } })
    expect(readFileSync(settingsPath).equals(saved)).toBe(true)
    expect(settings.get()).toMatchObject({ notesOpen: false, feedSort: 'date' })
    expect(readdirSync(mnt).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })
})
