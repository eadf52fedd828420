/**
 * Opening a paper: the links built from what the library knows (src/shared/paperLinks.ts) pass the
 * host's http(s)-only check and reach `openExternal` through the real IPC handler, for a paper from
 * the Daily Papers API (its Hugging Face page, its arXiv PDF) and for one known only from a text
 * dump (a Hugging Face Papers search for its title; no PDF). `margin list --json` and
 * `margin search --json` carry `authors`, `arxivId` and `url`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MarginApi } from '../../src/shared/contract'
import type { Host } from '../../src/main/ipc/host'
import { createMainDispatcher } from '../../src/main/ipc/server'
import { Library } from '../../src/main/library/library'
import { SettingsStore } from '../../src/main/settings/store'
import { createApi } from '../../src/preload/client'
import { arxivPdfUrl, normalizeArxivId, paperPageUrl } from '../../src/shared/paperLinks'
import { httpUrl } from '../../src/shared/url'
import { requireBuiltCli, runMargin } from '../helpers/cli'
import { DUMP_FILES, dumpBytes } from '../helpers/fixtures'
import { API_DIR } from '../helpers/library'

const API_FILE = join(API_DIR, 'archive', '2024-05-28.json')
let dir: string
let library: Library
let api: MarginApi
const opened: string[] = []

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'margin-open-'))
  library = new Library(join(dir, 'library.sqlite'))
  DUMP_FILES.forEach((path, i) => library.importDump({ path, bytes: dumpBytes(i) }))
  library.importDump({ path: API_FILE, bytes: readFileSync(API_FILE) })
  const host: Host = {
    showOpenDialog: async () => [],
    showSaveDialog: async () => null,
    showFolderDialog: async () => null,
    openExternal: async (url) => void opened.push(url),
  }
  const { dispatcher } = createMainDispatcher({ library, settings: new SettingsStore(join(dir, 'settings.json')), host, send: () => {} })
  api = createApi({ invoke: (c, i) => dispatcher.dispatch(c, i), subscribe: () => () => {} })
})
afterAll(() => {
  library.close()
  rmSync(dir, { recursive: true, force: true })
})

const byTitle = (title: string) => library.listPapers().find((p) => p.title.startsWith(title))!

describe('the links of a paper', () => {
  it('normalises arXiv ids: prefix, version and old-style archives', () => {
    expect(normalizeArxivId('2405.17247')).toBe('2405.17247')
    expect(normalizeArxivId('arXiv:2405.17247v2')).toBe('2405.17247')
    expect(normalizeArxivId('2405.1724')).toBe('2405.1724')
    expect(normalizeArxivId('HEP-TH/9901001v1')).toBe('hep-th/9901001')
    expect(normalizeArxivId('cs.cl/0101001')).toBe('cs.CL/0101001')
    for (const bad of ['', 'banana', '2405', '2405.17247.1', 'https://arxiv.org/abs/2405.17247', '2405.17247 x']) {
      expect(normalizeArxivId(bad), bad).toBeNull()
    }
  })

  it('an API paper: its Hugging Face page and its PDF, both accepted by the http(s) check', () => {
    const p = byTitle('An Introduction to Vision-Language Modeling')
    expect(p.arxivId).toBe('2405.17247')
    expect(paperPageUrl(p)).toBe('https://huggingface.co/papers/2405.17247')
    expect(arxivPdfUrl(p)).toBe('https://arxiv.org/pdf/2405.17247')
    expect(httpUrl(paperPageUrl(p))).toBe(paperPageUrl(p))
  })

  it('a text-dump paper: a Hugging Face Papers search for its title (any characters), no PDF', () => {
    const p = byTitle('Learning heterogeneous delays')
    expect(p.arxivId).toBeNull()
    const url = paperPageUrl(p)
    expect(url).toBe(`https://huggingface.co/papers?q=${encodeURIComponent(p.title)}`)
    expect(httpUrl(url)).toBe(url)
    expect(arxivPdfUrl(p)).toBeNull()
    const odd = paperPageUrl({ title: '100% #Need & ~More? a/b\n  wrapped', arxivId: null })
    expect(new URL(odd).searchParams.get('q')).toBe('100% #Need & ~More? a/b wrapped')
    expect(httpUrl(odd)).toBe(odd)
  })
})

describe('opening through the host', () => {
  it('the openExternal handler hands both papers’ pages to the host, and refuses anything else', async () => {
    const api1 = (await api.getPaper({ id: byTitle('An Introduction to Vision-Language Modeling').id }))!
    const dump = (await api.getPaper({ id: byTitle('Learning heterogeneous delays').id }))!
    await api.openExternal({ url: paperPageUrl(api1) })
    await api.openExternal({ url: arxivPdfUrl(api1)! })
    await api.openExternal({ url: paperPageUrl(dump) })
    expect(opened).toEqual([
      'https://huggingface.co/papers/2405.17247',
      'https://arxiv.org/pdf/2405.17247',
      `https://huggingface.co/papers?q=${encodeURIComponent(dump.title)}`,
    ])
    await expect(api.openExternal({ url: 'file:///etc/passwd' })).rejects.toThrow(/only http\(s\)/)
    expect(opened).toHaveLength(3)
  })
})

describe('the CLI', () => {
  beforeAll(() => requireBuiltCli())

  it('`margin search Bordes --json`, `author:bordes` and the arXiv id find the paper, with authors, id and URL', () => {
    library.learnVocabulary()
    for (const q of [['Bordes'], ['author:bordes'], ['2405.17247'], ['arxiv:2405.17247']]) {
      const r = runMargin(join(dir, 'library.sqlite'), 'search', ...q, '--json')
      expect(r.code, r.err).toBe(0)
      const first = JSON.parse(r.out).results[0]
      expect(first, q.join(' ')).toMatchObject({
        title: 'An Introduction to Vision-Language Modeling',
        arxivId: '2405.17247',
        url: 'https://huggingface.co/papers/2405.17247',
      })
      expect(first.authors[0]).toBe('Florian Bordes')
      expect(first.authors).toHaveLength(41)
    }
    const text = runMargin(join(dir, 'library.sqlite'), 'search', 'Bordes')
    expect(text.out).toContain('An Introduction to Vision-Language Modeling')
  })

  it('`margin list --json` carries authors, arxivId and url (a title search without an id)', () => {
    const r = runMargin(join(dir, 'library.sqlite'), 'list', '--json')
    expect(r.code, r.err).toBe(0)
    const papers = JSON.parse(r.out).papers as { title: string; authors: string[] | null; arxivId: string | null; url: string }[]
    const vlm = papers.find((p) => p.title === 'An Introduction to Vision-Language Modeling')!
    expect(vlm).toMatchObject({ arxivId: '2405.17247', url: 'https://huggingface.co/papers/2405.17247' })
    expect(vlm.authors?.slice(0, 2)).toEqual(['Florian Bordes', 'Richard Yuanzhe Pang'])
    const dump = papers.find((p) => p.title.startsWith('Learning heterogeneous delays'))!
    expect(dump).toMatchObject({ arxivId: null, authors: null, url: `https://huggingface.co/papers?q=${encodeURIComponent(dump.title)}` })
  })
})
