/**
 * The IPC contract refuses strings that are not well-formed Unicode (a lone surrogate) on every
 * channel, in every string position, before any handler runs: nothing is stored, nothing throws.
 * Then a few hundred random JSON-ish calls over every channel: the dispatcher answers each one
 * with `{ ok }`, and the library is still whole afterwards. openExternal hands the browser only the
 * parsed, normalised http(s) URL. Real library (the shared dumps), real settings file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../src/shared/errors'
import { isWellFormed } from '../../src/shared/unicode'
import { httpUrl } from '../../src/shared/url'
import { channels } from '../../src/shared/contract'
import { illFormedStrings, type Dispatcher } from '../../src/main/ipc/dispatcher'
import type { Host } from '../../src/main/ipc/host'
import { createMainDispatcher } from '../../src/main/ipc/server'
import { Library } from '../../src/main/library/library'
import { SettingsStore } from '../../src/main/settings/store'
import { DUMP_FILES, dumpBytes } from '../helpers/fixtures'

let dir: string
let library: Library
let dispatcher: Dispatcher
let hostCalls: string[]
let opened: string[]
let logged: string[]

const host: Host = {
  showOpenDialog: async () => (hostCalls.push('open'), []),
  showSaveDialog: async () => (hostCalls.push('save'), null),
  showFolderDialog: async () => (hostCalls.push('folder'), null),
  openExternal: async (url) => void opened.push(url),
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'margin-ipc-unicode-'))
  library = new Library(join(dir, 'library.sqlite'))
  DUMP_FILES.forEach((path, i) => library.importDump({ path, bytes: dumpBytes(i) }))
  hostCalls = []
  opened = []
  logged = []
  const settings = new SettingsStore(join(dir, 'settings.json'))
  settings.update({ notesOpen: true }) // so there is a settings.json to compare
  ;({ dispatcher } = createMainDispatcher({ library, settings, host, send: () => {}, log: (m) => logged.push(m) }))
})
afterEach(() => {
  library.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A valid input for every channel; a channel added to the contract must get one here. */
function samples(): Record<string, unknown> {
  const id = library.viewIds()[0]!
  return {
    feedView: { filter: 'all', sort: 'date' },
    feedStats: { filter: 'unread' },
    summaries: { ids: [id] },
    getPaper: { id },
    setRead: { ids: [id], read: true },
    setStarred: { ids: [id], starred: true },
    counts: undefined,
    checkLibrary: undefined,
    dumps: undefined,
    importFiles: { files: [{ name: 'extra.txt', bytes: dumpBytes(0), lastModified: 0 }] },
    importWithDialog: undefined,
    importHistory: { limit: 10, offset: 0 },
    importDetails: { id: 1, limit: 5 },
    setNote: { id, note: 'A note with an emoji 🧠' },
    patchNote: { id, base: { savedAt: null, length: 0 }, from: 0, to: 0, insert: 'An edit with an emoji 🧠' },
    getSettings: undefined,
    updateSettings: { feedFilter: 'starred', paneWidths: { feed: 400 } },
    openExternal: { url: 'https://arxiv.org/abs/2401.00001' },
    appInfo: undefined,
    search: { query: 'neural spikes', limit: 10 },
    smartFeed: { query: 'neural' },
    savedSearches: undefined,
    saveSearch: { name: 'Neuro', query: 'neural is:unread' },
    deleteSavedSearch: { id: 1 },
    exportWithDialog: { format: 'markdown', scope: { kind: 'view', filter: 'all', sort: 'date', query: 'neural' }, withNotes: false },
    setCitationKey: { id, key: 'smith2024' },
    tagsOf: { id },
    addTags: { id, tags: ['robotics', 'to-read'] },
    removeTags: { id, tags: ['robotics'] },
    allTags: undefined,
    forYou: undefined,
    forYouReasons: { ids: [id] },
    similarPapers: { id },
    fetchInfo: undefined,
    fetchDays: { from: '2025-10-03', to: '2025-10-03' },
    cancelFetch: undefined,
    inboxStatus: undefined,
    chooseInboxFolder: undefined,
    clearInboxFolder: undefined,
  }
}

/** Every string in `value` as [path for the error, path as keys]. */
function stringPositions(value: unknown, keys: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [keys]
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPositions(v, [...keys, i]))
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    return Object.entries(value).flatMap(([k, v]) => stringPositions(v, [...keys, k]))
  }
  return []
}
const pathText = (keys: (string | number)[]) =>
  keys.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${k}` : k), '')

function withValue(input: unknown, keys: (string | number)[], value: unknown): unknown {
  if (keys.length === 0) return value
  const copy = structuredClone(input) as Record<string | number, unknown>
  let node = copy
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string | number, unknown>
  node[keys.at(-1)!] = value
  return copy
}

/** Writes made by the library's connection (handlers share it): unchanged means nothing was stored. */
const changes = () => library.db.prepare('SELECT total_changes()').pluck().get() as number
const settingsFile = () => readFileSync(join(dir, 'settings.json'), 'utf8')

const LONE = ['\uD800', 'neural\uDC00', '\uDBFFx', 'ok 🧠\uD83D']

describe('ill-formed Unicode', () => {
  it('has a sample input for every channel of the contract', () => {
    expect(Object.keys(samples()).sort()).toEqual(Object.keys(channels).sort())
  })

  it('the samples are accepted as they are (so the refusals below are about the strings)', () => {
    const s = samples()
    for (const [channel, input] of Object.entries(s)) {
      const schema = channels[channel as keyof typeof channels].input
      expect(schema.safeParse(input).success, channel).toBe(true)
    }
  })

  it('is refused on every channel in every string position, before any handler: nothing stored, no dialog', async () => {
    const before = { changes: changes(), settings: settingsFile(), saved: library.db.prepare('SELECT count(*) FROM saved_searches').pluck().get() }
    let calls = 0
    for (const [channel, sample] of Object.entries(samples())) {
      const positions = stringPositions(sample)
      // a whole input that is a string, and a field name, are positions too
      const inputs: { input: unknown; path: string }[] = [{ input: '\uD800', path: '' }]
      if (sample && typeof sample === 'object') inputs.push({ input: { ...sample, ['bad\uDFFF']: 1 }, path: 'bad\\udfff' })
      for (const keys of positions) for (const bad of LONE) inputs.push({ input: withValue(sample, keys, bad), path: pathText(keys) })
      for (const { input, path } of inputs) {
        const r = await dispatcher.dispatch(channel, input)
        calls++
        expect(r.ok, `${channel} ${path}`).toBe(false)
        if (r.ok) continue
        expect(r.error.code).toBe('invalidInput')
        expect(r.error.issues?.[0]?.path, `${channel} ${path}`).toBe(path)
        expect(r.error.message).toMatch(/not well-formed Unicode/)
        expect(isWellFormed(r.error.message)).toBe(true)
      }
    }
    expect(calls).toBeGreaterThan(100)
    expect(changes()).toBe(before.changes)
    expect(settingsFile()).toBe(before.settings)
    expect(library.db.prepare('SELECT count(*) FROM saved_searches').pluck().get()).toBe(before.saved)
    expect(hostCalls).toEqual([])
    expect(opened).toEqual([])
    expect(logged).toEqual([])
  })

  it('saveSearch with a lone surrogate stores no row (it used to report an error and store it)', async () => {
    const r = await dispatcher.dispatch('saveSearch', { name: '\uD800', query: 'neural' })
    expect(r).toMatchObject({ ok: false, error: { code: 'invalidInput', issues: [{ path: 'name' }] } })
    expect(await dispatcher.dispatch('savedSearches', undefined)).toEqual({ ok: true, value: [] })
    // the same call, well-formed, is stored
    expect((await dispatcher.dispatch('saveSearch', { name: 'Neuro 🧠', query: 'neural' })).ok).toBe(true)
  })

  it('walks any depth, cycles and shared objects without throwing; bytes are not walked', async () => {
    let deep: unknown = '\uD800'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    const r = await dispatcher.dispatch('setNote', { id: 1, note: deep })
    expect(r).toMatchObject({ ok: false, error: { code: 'invalidInput' } })
    const cyclic: Record<string, unknown> = { id: 1 }
    cyclic.self = cyclic
    expect((await dispatcher.dispatch('getPaper', cyclic)).ok).toBe(true) // extra fields are ignored
    cyclic.note = '\uD800'
    expect(await dispatcher.dispatch('getPaper', cyclic)).toMatchObject({ ok: false, error: { issues: [{ path: 'note' }] } })
    const shared = { name: 'ok', query: '\uDC00' }
    expect(illFormedStrings({ a: shared, b: shared }).map((i) => i.path)).toEqual(['a.query'])
    // a dump whose bytes are not UTF-16 at all is the parser's business, not refused here
    expect(illFormedStrings({ files: [{ name: 'a.txt', bytes: new Uint8Array([0xd8, 0x00, 0xff]) }] })).toEqual([])
    expect(illFormedStrings({ ids: Array.from({ length: 1_000_000 }, (_, i) => i + 1) })).toEqual([])
    // a hostile object (a getter that throws) is refused, not thrown
    const hostile = Object.defineProperty({}, 'id', { enumerable: true, get: () => { throw new Error('boom') } })
    expect(await dispatcher.dispatch('getPaper', hostile)).toMatchObject({ ok: false, error: { code: 'invalidInput' } })
  })
})

describe('openExternal', () => {
  it('hands the browser the normalised href of an http(s) URL only', async () => {
    const ok = async (url: string) => {
      const r = await dispatcher.dispatch('openExternal', { url })
      expect(r.ok, url).toBe(true)
      return opened.at(-1)
    }
    expect(await ok('HTTPS://ArXiv.org/abs/2401.00001')).toBe('https://arxiv.org/abs/2401.00001')
    expect(await ok('https://例え.jp/パス?q=ü')).toBe('https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9?q=%C3%BC')
    expect(await ok('http://example.com')).toBe('http://example.com/')
    for (const url of [
      'https://user:pass@evil.example/',
      'https://user@evil.example/',
      'https://arxiv.org/abs/1\n',
      'https://arx\tiv.org/',
      'https://arxiv.org/\u0000',
      'https://arxiv.org/\u0085',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,hi',
      'https://',
      `https://arxiv.org/${'a'.repeat(5000)}`,
    ]) {
      const r = await dispatcher.dispatch('openExternal', { url })
      expect(r.ok, JSON.stringify(url)).toBe(false)
      if (!r.ok) expect([r.error.code, r.error.issues?.[0]?.path]).toEqual(['invalidInput', 'url'])
    }
    expect(opened).toHaveLength(3)
    expect(httpUrl(' https://arxiv.org/abs/1 ')).toBe('https://arxiv.org/abs/1')
  })

  it('isWellFormed agrees with String.prototype.isWellFormed', () => {
    const native = (s: string) => (s as unknown as { isWellFormed(): boolean }).isWellFormed()
    for (const s of ['', 'a', '🧠', '\uD800', '\uDC00', '\uD83D\uDE00\uD800', '\uDBFF\uDFFF', '\uDFFF\uD800', 'é\u0301']) {
      expect(isWellFormed(s), JSON.stringify(s)).toBe(native(s))
    }
  })
})

describe('random calls on every channel', () => {
  /** A small deterministic generator (mulberry32), so a failure can be replayed. */
  function rng(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }

  it('answers a few hundred random JSON-ish calls with { ok }, never throws, and leaves the library whole', async () => {
    const random = rng(20261202)
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!
    const strings = ['', 'a', 'neural', '🧠', '\uD800', 'x\uDC00', '__proto__', 'constructor', 'all', 'starred', 'markdown', 'bibtex',
      'https://arxiv.org/abs/1', 'javascript:alert(1)', 'year:abc', '"unclosed', '-', 'tag:', '\u0000', 'a'.repeat(3000)]
    const numbers = [0, -0, 1, -1, 2, 1.5, 1e308, -1e308, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 2 ** 31, 160, 2000]
    const keys = ['id', 'ids', 'name', 'query', 'note', 'url', 'filter', 'sort', 'kind', 'scope', 'format', 'tags', 'files', 'bytes',
      'read', 'starred', 'limit', 'key', 'paneWidths', 'feed', '__proto__', 'constructor', '\uD800']
    const value = (depth: number): unknown => {
      const r = random()
      if (depth > 3 || r < 0.3) return pick<unknown>([...strings, ...numbers, true, false, null, undefined])
      if (r < 0.45) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1))
      if (r < 0.5) return pick([new Uint8Array([1, 2, 3]), new Date(0), new Map(), Object.create(null)])
      const o: Record<string, unknown> = {}
      for (let i = Math.floor(random() * 4); i > 0; i--) o[pick(keys)] = value(depth + 1)
      return o
    }
    /** A valid sample with one leaf (or one field) replaced: gets past the schema's outer layers. */
    const mutate = (sample: unknown): unknown => {
      if (!sample || typeof sample !== 'object') return value(0)
      const leaves: (string | number)[][] = []
      const walk = (v: unknown, path: (string | number)[]) => {
        if (v && typeof v === 'object' && !ArrayBuffer.isView(v)) for (const [k, c] of Object.entries(v)) walk(c, [...path, Array.isArray(v) ? Number(k) : k])
        else leaves.push(path)
      }
      walk(sample, [])
      return withValue(sample, pick(leaves), value(2))
    }
    const all = samples()
    const names = Object.keys(all)
    const answers: { ok: boolean; code?: string }[] = []
    for (let i = 0; i < 400; i++) {
      const channel = pick(names)
      // valid calls in between: the library must keep answering them while under fire
      const r0 = random()
      const input = r0 < 0.15 ? structuredClone(all[channel]) : r0 < 0.7 ? mutate(all[channel]) : value(0)
      const r = await dispatcher.dispatch(channel, input) // resolves: a rejection would fail the test here
      expect(typeof r.ok).toBe('boolean')
      if (!r.ok) expect(ERROR_CODES).toContain(r.error.code)
      answers.push(r.ok ? { ok: true } : { ok: false, code: r.error.code })
    }
    // the fuzz reached handlers as well as the schema
    expect(answers.filter((a) => a.ok).length).toBeGreaterThan(20)
    expect(answers.filter((a) => a.code === 'invalidInput').length).toBeGreaterThan(100)
    // no handler failed in a way Margin could not name
    expect(answers.filter((a) => a.code === 'internal')).toEqual([])
    expect(logged).toEqual([])
    // every link handed to the browser was a normalised http(s) URL
    for (const url of opened) expect(httpUrl(url)).toBe(url)
    // the library is whole and answers normally
    expect(library.db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(library.db.pragma('foreign_key_check')).toEqual([])
    const feed = await dispatcher.dispatch('feedView', { filter: 'all', sort: 'date' })
    expect(feed.ok && (feed.value as { ids: number[] }).ids.length).toBeGreaterThan(100)
    expect((await dispatcher.dispatch('search', { query: 'neural' })).ok).toBe(true)
    // nothing ill-formed got into a saved search, a note or a tag
    const texts = library.db.prepare("SELECT name || query AS t FROM saved_searches UNION ALL SELECT note FROM papers UNION ALL SELECT tag FROM tags UNION ALL SELECT citation_key FROM papers").pluck().all() as string[]
    for (const t of texts) expect(isWellFormed(t)).toBe(true)
  })
})
