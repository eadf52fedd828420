/**
 * Tag editing (the notes pane's tag row and `margin tag`): the IPC channels through the real
 * dispatcher on a real library, then the built CLI. A tag is searchable at once, by `tag:` and as a word.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { MarginApi } from '../../src/shared/contract'
import type { Dispatcher } from '../../src/main/ipc/dispatcher'
import { createMainDispatcher } from '../../src/main/ipc/server'
import type { Library } from '../../src/main/library/library'
import { searchPapers } from '../../src/main/search'
import { SettingsStore } from '../../src/main/settings/store'
import { createApi } from '../../src/preload/client'
import { requireBuiltCli, runMargin } from '../helpers/cli'
import { DUMP_FILES } from '../helpers/fixtures'
import { dumpLibrary } from '../helpers/library'

const TAG_RULE = 'a tag is one word of letters, digits, "-", "_" or "." (at most 50 characters)'

describe('tag channels', () => {
  let dir: string
  let library: Library
  let dispatcher: Dispatcher
  let api: MarginApi
  let pushes: { event: string; payload: unknown }[]
  let logged: string[]
  let id: number
  let other: number

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'margin-tags-'))
    library = dumpLibrary()
    pushes = []
    logged = []
    ;({ dispatcher } = createMainDispatcher({
      library,
      settings: new SettingsStore(join(dir, 'settings.json')),
      host: { showOpenDialog: async () => [], showSaveDialog: async () => null, showFolderDialog: async () => null, openExternal: async () => {} },
      send: (event, payload) => pushes.push({ event, payload }),
      log: (message) => logged.push(message),
    }))
    api = createApi({ invoke: (c, i) => dispatcher.dispatch(c, i), subscribe: () => () => {} })
    ;[id, other] = library.viewIds('all', 'date') as [number, number]
  })
  afterEach(() => {
    library.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('adds (lower-cased, trimmed, no duplicates), lists and removes tags, telling the renderer', async () => {
    expect(await api.tagsOf({ id })).toEqual([])
    expect(await api.addTags({ id, tags: ['  Mustread ', 'to-read', 'mustread'] })).toEqual(['mustread', 'to-read'])
    expect(await api.tagsOf({ id })).toEqual(['mustread', 'to-read'])
    expect(pushes).toEqual([{ event: 'library:changed', payload: { reason: 'tags', ids: [id] } }])

    // nothing new: no push
    expect(await api.addTags({ id, tags: ['MUSTREAD'] })).toEqual(['mustread', 'to-read'])
    expect(pushes).toHaveLength(1)

    await api.addTags({ id: other, tags: ['mustread'] })
    expect(await api.allTags()).toEqual([
      { tag: 'mustread', papers: 2 },
      { tag: 'to-read', papers: 1 },
    ])

    expect(await api.removeTags({ id, tags: ['MustRead', 'never-there'] })).toEqual(['to-read'])
    expect(pushes.at(-1)).toEqual({ event: 'library:changed', payload: { reason: 'tags', ids: [id] } })
    expect(await api.allTags()).toEqual([
      { tag: 'mustread', papers: 1 },
      { tag: 'to-read', papers: 1 },
    ])
    const count = pushes.length
    expect(await api.removeTags({ id, tags: ['never-there'] })).toEqual(['to-read'])
    expect(pushes).toHaveLength(count)
    expect(logged).toEqual([])
  })

  it('refuses a bad tag name in the dispatcher with the TagName rule, changing nothing', async () => {
    for (const bad of ['two words', '-leading', '', 'x'.repeat(51), 'a<b>']) {
      const r = await dispatcher.dispatch('addTags', { id, tags: ['fine', bad] })
      expect(r).toMatchObject({ ok: false, error: { code: 'invalidInput', message: `Invalid input for addTags: tags[1]: ${TAG_RULE}.` } })
    }
    const r = await dispatcher.dispatch('removeTags', { id, tags: ['no spaces'] })
    expect(r).toMatchObject({ ok: false, error: { code: 'invalidInput', message: `Invalid input for removeTags: tags[0]: ${TAG_RULE}.` } })
    await expect(api.addTags({ id, tags: [] })).rejects.toThrow('Invalid input for addTags: tags: no tags given.')
    await expect(dispatcher.dispatch('addTags', { id, tags: 'solo' })).resolves.toMatchObject({ ok: false })
    expect(await api.tagsOf({ id })).toEqual([])
    expect(pushes).toEqual([])
    expect(logged).toEqual([])
  })

  it('says so for an unknown paper id', async () => {
    await expect(api.tagsOf({ id: 999_999 })).rejects.toMatchObject({ code: 'notFound', message: 'There is no paper with id 999999.' })
    await expect(api.addTags({ id: 999_999, tags: ['x'] })).rejects.toMatchObject({ code: 'notFound', message: 'There is no paper with id 999999.' })
    await expect(api.removeTags({ id: 999_999, tags: ['x'] })).rejects.toMatchObject({ code: 'notFound', message: 'There is no paper with id 999999.' })
    expect(await api.allTags()).toEqual([])
    expect(pushes).toEqual([])
  })

  it('a tag is found by tag:, has:tags and as a word right after it is added, and not after removal', async () => {
    const ids = (q: string) => searchPapers(library, q).results.map((h) => h.id)
    expect(ids('tag:zebrafishy')).toEqual([])
    expect(ids('zebrafishy ')).not.toContain(id)

    await api.addTags({ id, tags: ['Zebrafishy'] })
    expect(ids('tag:zebrafishy')).toEqual([id])
    expect(ids('tag:ZebraFishy')).toEqual([id])
    expect(ids('has:tags')).toEqual([id])
    expect(ids('zebrafishy ')[0]).toBe(id)
    expect(ids('zebrafish')[0]).toBe(id) // typed so far: completed as a prefix
    expect((await api.search({ query: 'tag:zebrafishy' })).results.map((h) => h.id)).toEqual([id])

    await api.removeTags({ id, tags: ['zebrafishy'] })
    expect(ids('tag:zebrafishy')).toEqual([])
    expect(ids('has:tags')).toEqual([])
    expect(ids('zebrafishy ')).not.toContain(id)
  })
})

describe('margin tag', () => {
  let dir: string
  let lib: string
  const margin = (...args: string[]) => runMargin(lib, ...args)

  beforeAll(() => {
    requireBuiltCli()
    dir = mkdtempSync(join(tmpdir(), 'margin-cli-tags-'))
    lib = join(dir, 'lib.sqlite')
    expect(margin('import', ...DUMP_FILES).code).toBe(0)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('adds, prints, removes and searches tags', () => {
    expect(margin('tag', '1')).toMatchObject({ code: 0, out: '' })
    expect(margin('tag', '1', 'Robotics,to-read', 'vision')).toMatchObject({ code: 0, out: 'robotics\nto-read\nvision\n' })
    expect(margin('tag', '1')).toMatchObject({ code: 0, out: 'robotics\nto-read\nvision\n' })
    expect(JSON.parse(margin('tag', '1', '--json').out)).toEqual({ id: 1, tags: ['robotics', 'to-read', 'vision'] })

    const found = JSON.parse(margin('search', 'tag:to-read', '--json').out)
    expect(found.results.map((r: { id: number }) => r.id)).toEqual([1])

    const removed = margin('tag', '1', 'vision', 'nope', '--remove')
    expect(removed).toMatchObject({ code: 0, out: 'robotics\nto-read\n' })
    expect(removed.err).toContain('paper 1 has no tag "nope"')
    expect(JSON.parse(margin('search', 'tag:vision', '--json').out).results).toEqual([])
  })

  it('refuses bad names, unknown papers and --remove without tags (sysexits status, a sentence)', () => {
    const bad = margin('tag', '1', 'two words')
    expect(bad.code).toBe(64)
    expect(bad.err).toBe(`margin: "two words" is not a tag: ${TAG_RULE}\n`)
    expect(margin('tag', '999999', 'x')).toMatchObject({ code: 66, err: 'margin: no paper with id 999999\n' })
    expect(margin('tag', '1', '--remove')).toMatchObject({ code: 64 })
    expect(margin('tag', '1', '--remove').err).toContain('say which tags to remove')
    expect(margin('tag', 'one').code).toBe(64)
  })
})
