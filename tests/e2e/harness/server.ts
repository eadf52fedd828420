/**
 * Browser test harness: plays the main process for the built renderer (out/renderer) in Chromium.
 * It does what src/main/index.ts does, through the same code (src/main/backend/connect.ts): it
 * starts the BUILT backend entry (out/main/backend.js, from `npm run build`) in a child process
 * behind the app's BackendClient, forwards every call to it and its pushes to the page, and answers
 * its requests for the shell (dialogs, the browser) from the fields a test sets. Only the transport
 * to the page differs from Electron: POST /ipc/<channel>, and Server-Sent Events for pushes.
 *
 * `library` is a second connection on the same file, as the `margin` CLI would be: what a test
 * writes through it reaches the page by the backend's external-change watcher, as in the app.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { build } from 'esbuild'
import { CONTENT_SECURITY_POLICY } from '../../../src/main/app/csp'
import type { BackendClient } from '../../../src/main/backend/client'
import { connectBackend } from '../../../src/main/backend/connect'
import { forkNodeBackend } from '../../../src/main/backend/nodeProcess'
import type { Host } from '../../../src/main/ipc/host'
import type { HandlerContext } from '../../../src/main/ipc/dispatcher'
import { Library } from '../../../src/main/library/library'
import { SettingsStore } from '../../../src/main/settings/store'
import { decodeWire, encodeWire } from './wire'

const ROOT = resolve(import.meta.dirname, '../../..')
export const RENDERER_DIR = join(ROOT, 'out', 'renderer')
export const BACKEND_ENTRY = join(ROOT, 'out', 'main', 'backend.js')
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
}

let apiBundle: Promise<string> | null = null
function browserApi(): Promise<string> {
  apiBundle ??= build({
    entryPoints: [join(import.meta.dirname, 'browser-api.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
  }).then((r) => r.outputFiles[0]!.text)
  return apiBundle
}

export interface Harness {
  url: string
  dir: string
  /** A second connection on the library file (as the CLI would be), to seed and inspect it. */
  library: Library
  /** The app's client of the backend process (its pid; the process a test may kill). */
  backend: BackendClient
  /** What the backend's client gave up with (title, detail), as the app's error box would show. */
  fatal: { title: string; detail: string }[]
  /** What the next "open file" dialog answers. */
  dialogPaths: string[]
  /** What the next "save file" dialog answers (null: cancelled). Issue 5's export uses it. */
  savePath: string | null
  /** Links the app asked to open in the system browser. */
  opened: string[]
  /** Pushes an event to the page as the main process does (a menu item's, e.g. 'menu:importHistory'). */
  emit: HandlerContext['emit']
  /** Pushes an event as the main process would (checked against the contract), e.g. backend:status. */
  push(event: string, payload: unknown): void
  close(): Promise<void>
}

export interface HarnessOptions {
  dir?: string
  settings?: { apiUrl?: string }
  /** The waits before restarting a backend that died (the app's: 250 ms, 1 s, 3 s). */
  restartDelaysMs?: number[]
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  if (!existsSync(BACKEND_ENTRY)) throw new Error(`${BACKEND_ENTRY} is missing: run \`npm run build\` first.`)
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'margin-e2e-'))
  const libraryPath = join(dir, 'library.sqlite')
  const settingsPath = join(dir, 'settings.json')
  // the fetch tests point the Daily Papers API at a server on 127.0.0.1 (the backend reads the file)
  if (options.settings) new SettingsStore(settingsPath).update(options.settings)
  // opened (and created) before the backend starts, as a library the CLI made would be
  const library = new Library(libraryPath)
  const streams = new Set<ServerResponse>()
  const harness = { dir, library, dialogPaths: [] as string[], savePath: null, opened: [] as string[], fatal: [] } as unknown as Harness
  const host: Host = {
    showOpenDialog: async () => harness.dialogPaths,
    showSaveDialog: async () => harness.savePath,
    showFolderDialog: async () => harness.savePath,
    openExternal: async (url) => void harness.opened.push(url),
  }
  const { backend, emit } = connectBackend({
    spawn: () => forkNodeBackend(BACKEND_ENTRY),
    config: { libraryPath, settingsPath, app: { version: VERSION, platform: process.platform }, backupDelayMs: null },
    host,
    send: (event, payload) => {
      const frame = `event: ${event}\ndata: ${encodeWire(payload)}\n\n`
      for (const s of streams) s.write(frame)
    },
    onFatal: (title, detail) => {
      console.error(`[harness] ${title}: ${detail}`)
      harness.fatal.push({ title, detail })
    },
    ...(options.restartDelaysMs ? { restartDelaysMs: options.restartDelaysMs } : {}),
  })
  harness.backend = backend
  harness.emit = emit
  harness.push = (event, payload) => emit(event as never, payload as never)
  await backend.start()
  const apiJs = await browserApi()

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'content-security-policy': CONTENT_SECURITY_POLICY, 'cache-control': 'no-store' })
      res.end(body)
    }
    if (req.method === 'POST' && url.pathname.startsWith('/ipc/')) {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        let input: unknown
        try {
          input = decodeWire(Buffer.concat(chunks).toString('utf8'))
        } catch {
          send(200, 'application/json', encodeWire({ ok: false, error: { code: 'invalidInput', message: 'The request body is not JSON.' } }))
          return
        }
        const channel = decodeURIComponent(url.pathname.slice('/ipc/'.length))
        void backend.dispatch(channel, input ?? undefined).then((r) => send(200, 'application/json', encodeWire(r)))
      })
      return
    }
    if (url.pathname === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
      res.write(': connected\n\n')
      streams.add(res)
      req.on('close', () => streams.delete(res))
      return
    }
    if (url.pathname === '/__harness/api.js') return send(200, TYPES['.js']!, apiJs)
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1))
    const file = normalize(join(RENDERER_DIR, rel))
    if (!file.startsWith(RENDERER_DIR + sep)) return send(403, 'text/plain', 'forbidden')
    let body: Buffer
    try {
      body = readFileSync(file)
    } catch {
      return send(404, 'text/plain', 'not found')
    }
    if (rel === 'index.html') {
      // The harness's "preload": a same-origin classic script that runs before the app's module.
      const html = body.toString('utf8').replace('<head>', '<head><script src="./__harness/api.js"></script>')
      return send(200, TYPES['.html']!, html)
    }
    send(200, TYPES[extname(file)] ?? 'application/octet-stream', body)
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  harness.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  harness.close = async () => {
    for (const s of streams) s.end()
    server.closeAllConnections()
    await new Promise<void>((done) => server.close(() => done()))
    // the backend closes its connection (a clean WAL), as when the app quits
    await backend.close()
    library.close()
    if (!options.dir) rmSync(dir, { recursive: true, force: true })
  }
  return harness
}
