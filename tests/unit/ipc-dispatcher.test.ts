import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_IMPORT_BYTES } from '../../src/shared/contract/channels/imports'
import { channels } from '../../src/shared/contract'
import type { Dispatcher } from '../../src/main/ipc/dispatcher'
import type { Host } from '../../src/main/ipc/host'
import { createMainDispatcher } from '../../src/main/ipc/server'
import { Library } from '../../src/main/library/library'
import { SettingsStore } from '../../src/main/settings/store'
import { createApi } from '../../src/preload/client'
import { dumpBytes } from '../helpers/fixtures'

const noHost: Host = {
  showOpenDialog: async () => [],
  showSaveDialog: async () => null,
  showFolderDialog: async () => null,
  openExternal: async () => {},
}

let dir: string
let library: Library
let dispatcher: Dispatcher
let logged: string[]

/** (Re)opens the library in `dir` behind a new dispatcher that logs into `logged`. */
function openDispatcher(): void {
  library = new Library(join(dir, 'library.sqlite'))
  ;({ dispatcher } = createMainDispatcher({
    library,
    settings: new SettingsStore(join(dir, 'settings.json')),
    host: noHost,
    send: () => {},
    log: (m) => logged.push(m),
  }))
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'margin-ipc-'))
  logged = []
  openDispatcher()
})
afterEach(() => {
  library.close()
  rmSync(dir, { recursive: true, force: true })
})

async function error(channel: string, input: unknown): Promise<string> {
  const r = await dispatcher.dispatch(channel, input)
  expect(r.ok).toBe(false)
  return r.ok ? '' : r.error.message
}

async function errorCode(channel: string, input: unknown): Promise<string> {
  const r = await dispatcher.dispatch(channel, input)
  return r.ok ? 'ok' : r.error.code
}

describe('the dispatcher', () => {
  it('serves every contract channel and nothing else', () => {
    expect(dispatcher.channelNames().sort()).toEqual(Object.keys(channels).sort())
  })

  it('refuses unknown channels, including prototype names', async () => {
    expect(await error('dropDatabase', {})).toBe('Unknown channel "dropDatabase".')
    expect(await error('__proto__', {})).toMatch(/Unknown channel/)
    expect(await error('constructor', {})).toMatch(/Unknown channel/)
    expect(await error('toString', undefined)).toMatch(/Unknown channel/)
  })

  it('names the field of a malformed input', async () => {
    expect(await error('getPaper', { id: 'seven' })).toBe('Invalid input for getPaper: id: expected number, received string.')
    expect(await error('getPaper', { id: -3 })).toMatch(/^Invalid input for getPaper: id: Too small: expected number to be >0/)
    expect(await error('getPaper', { id: 1.5 })).toMatch(/^Invalid input for getPaper: id: expected int/)
    expect(await error('getPaper', {})).toMatch(/^Invalid input for getPaper: id: expected number, received undefined/)
    expect(await error('getPaper', null)).toMatch(/^Invalid input for getPaper: expected object, received null/)
    expect(await error('setRead', { ids: [1, 'x', 3], read: true })).toMatch(/ids\[1\]: expected number, received string/)
    expect(await error('setRead', { ids: [1] })).toMatch(/read: expected boolean/)
    expect(await error('feedView', { filter: 'everything' })).toMatch(/filter: .*"all"\|"unread"\|"starred"\|"notes"/)
    expect(await error('summaries', { ids: Array.from({ length: 501 }, (_, i) => i + 1) })).toMatch(/ids: at most 500 ids/)
    expect(await error('updateSettings', { theme: 'pink' })).toMatch(/Unrecognized key: "theme"/)
    expect(await error('updateSettings', { paneWidths: { feed: 5 } })).toMatch(/paneWidths.feed: Too small/)
  })

  it('refuses files that are not bytes, too large, or nameless', async () => {
    expect(await error('importFiles', { files: [] })).toMatch(/files: no files to import/)
    expect(await error('importFiles', { files: [{ name: 'a.txt', bytes: 'hello' }] })).toMatch(
      /files\[0\]\.bytes: expected the file contents as bytes/,
    )
    expect(await error('importFiles', { files: [{ name: '', bytes: new Uint8Array(3) }] })).toMatch(/files\[0\]\.name: a file name is required/)
    const huge = new Uint8Array(MAX_IMPORT_BYTES + 1)
    expect(await error('importFiles', { files: [{ name: 'huge.txt', bytes: huge }] })).toMatch(
      /files\[0\]\.bytes: the file is larger than 64 MB/,
    )
    expect(library.counts().dumps).toBe(0)
  })

  it('refuses non-http links', async () => {
    expect(await error('openExternal', { url: 'file:///etc/passwd' })).toMatch(/url: only http\(s\) links can be opened/)
    expect(await error('openExternal', { url: 'javascript:alert(1)' })).toMatch(/only http\(s\)/)
    expect((await dispatcher.dispatch('openExternal', { url: 'https://arxiv.org/abs/2401.00001' })).ok).toBe(true)
  })

  it('turns handler failures into coded error responses and keeps working', async () => {
    expect(await error('setNote', { id: 999, note: 'hi' })).toBe('There is no paper with id 999.')
    expect(await errorCode('setNote', { id: 999, note: 'hi' })).toBe('notFound')
    expect(await errorCode('getPaper', { id: 'x' })).toBe('invalidInput')
    expect(await errorCode('nope', {})).toBe('unknownChannel')
    expect(logged).toEqual([])
    // a failure Margin cannot name is logged and crosses as `internal`
    library.close()
    expect(await errorCode('counts', undefined)).toBe('internal')
    expect(logged).toEqual(['counts failed'])
    openDispatcher()
    const r = await dispatcher.dispatch('counts', undefined)
    expect(r).toEqual({ ok: true, value: { total: 0, unread: 0, starred: 0, notes: 0, dumps: 0 } })
  })

  it('returns requests refused for a reason the user can fix without logging them as failures', async () => {
    const refused = await error('exportWithDialog', { format: 'bibtex', scope: { kind: 'view', query: 'year:abc' } })
    expect(refused).toMatch(/^The search "year:abc" has a problem: year: takes a year/)
    expect(await errorCode('exportWithDialog', { format: 'bibtex', scope: { kind: 'view', query: 'year:abc' } })).toBe('badScope')
    expect(logged).toEqual([])
  })

  it('answers correct calls after a burst of bad ones', async () => {
    const bad = [undefined, null, 42, 'x', [], { id: {} }, { ids: null }, { files: [{}] }]
    for (const channel of Object.keys(channels)) for (const input of bad) await dispatcher.dispatch(channel, input)
    const r = await dispatcher.dispatch('importFiles', { files: [{ name: 'a.txt', bytes: dumpBytes(0), lastModified: Date.UTC(2026, 3, 20) }] })
    expect(r.ok).toBe(true)
    expect((await dispatcher.dispatch('counts', undefined)).ok).toBe(true)
    expect(logged).toEqual([])
  })
})

describe('createApi', () => {
  it('builds one method per channel and throws the main process message on errors', async () => {
    const api = createApi({
      invoke: (channel, input) => dispatcher.dispatch(channel, input),
      subscribe: () => () => {},
    })
    for (const name of Object.keys(channels)) expect(typeof (api as unknown as Record<string, unknown>)[name]).toBe('function')
    await expect(api.getPaper({ id: -1 })).rejects.toThrow(/Invalid input for getPaper: id/)
    await expect(api.getPaper({ id: -1 })).rejects.toMatchObject({ code: 'invalidInput', issues: [{ path: 'id' }] })
    expect(await api.getPaper({ id: 1 })).toBeNull()
  })
})
