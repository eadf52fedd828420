/** The export channels (issue 5) through the real dispatcher, as the renderer calls them. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from '@retorquere/bibtex-parser'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MarginApi } from '../../src/shared/contract'
import type { Host } from '../../src/main/ipc/host'
import { createMainDispatcher } from '../../src/main/ipc/server'
import { Library } from '../../src/main/library/library'
import { SettingsStore } from '../../src/main/settings/store'
import { createApi } from '../../src/preload/client'
import { DUMP_FILES, dumpBytes } from '../helpers/fixtures'

let dir: string
let library: Library
let api: MarginApi
let savePath: string | null
let dialogs: { title: string; defaultPath?: string; folder?: boolean }[]

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'margin-export-ipc-'))
  library = new Library(join(dir, 'library.sqlite'))
  DUMP_FILES.forEach((path, i) => library.importDump({ path, bytes: dumpBytes(i) }))
  savePath = null
  dialogs = []
  const host: Host = {
    showOpenDialog: async () => [],
    showSaveDialog: async (o) => {
      dialogs.push(o)
      return savePath
    },
    showFolderDialog: async (o) => {
      dialogs.push({ ...o, folder: true })
      return savePath
    },
    openExternal: async () => {},
  }
  const { dispatcher } = createMainDispatcher({
    library,
    settings: new SettingsStore(join(dir, 'settings.json')),
    host,
    send: () => {},
  })
  api = createApi({ invoke: (c, i) => dispatcher.dispatch(c, i), subscribe: () => () => {} })
})
afterEach(() => {
  library.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('exportWithDialog', () => {
  it('writes the view to the chosen file, and nothing when the dialog is cancelled', async () => {
    expect(await api.exportWithDialog({ format: 'bibtex', scope: { kind: 'all' } })).toEqual({ path: null, count: 0, warnings: [] })
    expect(dialogs[0]).toMatchObject({ title: 'Export BibTeX', defaultPath: 'margin.bib' })
    savePath = join(dir, 'out.bib')
    const r = await api.exportWithDialog({ format: 'bibtex', scope: { kind: 'view', filter: 'all', sort: 'upvotes' } })
    expect(r).toEqual({ path: savePath, count: 105, warnings: [] })
    const bib = parse(readFileSync(savePath, 'utf8'), { english: false })
    expect(bib.errors).toEqual([])
    expect(bib.entries.map((e) => e.key)).toEqual(library.viewIds('all', 'upvotes').map((id) => library.citationKey(id)))
  })

  it('exports a selection (search results) as CSL-JSON, and Markdown into a folder', async () => {
    const ids = library.viewIds().slice(0, 3)
    savePath = join(dir, 'out.json')
    expect((await api.exportWithDialog({ format: 'csl', scope: { kind: 'selection', ids } })).count).toBe(3)
    expect(JSON.parse(readFileSync(savePath, 'utf8')).map((i: { id: string }) => i.id)).toEqual(ids.map((id) => library.citationKey(id)))
    savePath = join(dir, 'vault')
    expect((await api.exportWithDialog({ format: 'markdown', scope: { kind: 'selection', ids } })).count).toBe(3)
    expect(readdirSync(savePath).filter((f) => f.endsWith('.md'))).toHaveLength(3)
    // BibTeX and CSL-JSON ask where to save a file; Markdown asks for a folder
    expect(dialogs.map((d) => !!d.folder)).toEqual([false, true])
  })

  it('refuses a bad scope with a message, before any dialog', async () => {
    await expect(api.exportWithDialog({ format: 'bibtex', scope: { kind: 'selection', ids: [] } })).rejects.toThrow(/select at least one paper/)
    await expect(api.exportWithDialog({ format: 'pdf' as 'bibtex', scope: { kind: 'all' } })).rejects.toThrow(/Invalid input/)
    savePath = join(dir, 'q.bib')
    await expect(api.exportWithDialog({ format: 'bibtex', scope: { kind: 'view', query: 'year:abc' } })).rejects.toThrow(/has a problem/)
    expect(dialogs).toEqual([])
    expect(existsSync(savePath)).toBe(false)
  })
})

describe('setCitationKey', () => {
  it('changes a key, and answers refusals with a sentence', async () => {
    const [a, b] = library.viewIds()
    expect(await api.setCitationKey({ id: a!, key: 'fresh2026' })).toEqual({ key: 'fresh2026', error: null })
    expect((await api.getPaper({ id: a! }))!.citationKey).toBe('fresh2026')
    const dup = await api.setCitationKey({ id: b!, key: 'FRESH2026' })
    expect(dup.key).toBeNull()
    expect(dup.error).toMatch(/^The citation key "fresh2026" is already used by "/)
    expect((await api.setCitationKey({ id: b!, key: 'no spaces' })).error).toMatch(/can hold only/)
  })
})
