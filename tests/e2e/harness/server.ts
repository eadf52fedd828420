/**
 * Browser test harness: serves the built renderer (out/renderer) and runs the REAL main-process
 * handlers — same contract, same dispatcher — on a real SQLite file in a temp folder. Only the
 * transport differs from Electron: POST /ipc/<channel> and Server-Sent Events for pushes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { build } from 'esbuild'
import { CONTENT_SECURITY_POLICY } from '../../../src/main/app/csp'
import type { Host } from '../../../src/main/ipc/host'
import type { HandlerContext } from '../../../src/main/ipc/dispatcher'
import { createMainDispatcher } from '../../../src/main/ipc/server'
import { watchExternalChanges } from '../../../src/main/ipc/watchChanges'
import { Library } from '../../../src/main/library/library'
import { SettingsStore } from '../../../src/main/settings/store'
import { decodeWire, encodeWire } from './wire'

const ROOT = resolve(import.meta.dirname, '../../..')
export const RENDERER_DIR = join(ROOT, 'out', 'renderer')

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
  library: Library
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

export async function startHarness(options: { dir?: string; settings?: { apiUrl?: string } } = {}): Promise<Harness> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'margin-e2e-'))
  const library = new Library(join(dir, 'library.sqlite'))
  const settings = new SettingsStore(join(dir, 'settings.json'))
  // the fetch tests point the Daily Papers API at a server on 127.0.0.1
  if (options.settings) settings.update(options.settings)
  const streams = new Set<ServerResponse>()
  const harness = { dir, library, dialogPaths: [] as string[], savePath: null, opened: [] as string[] } as Harness
  const host: Host = {
    showOpenDialog: async () => harness.dialogPaths,
    showSaveDialog: async () => harness.savePath,
    showFolderDialog: async () => harness.savePath,
    openExternal: async (url) => void harness.opened.push(url),
  }
  const { dispatcher, ctx } = createMainDispatcher({
    library,
    settings,
    host,
    send: (event, payload) => {
      const frame = `event: ${event}\ndata: ${encodeWire(payload)}\n\n`
      for (const s of streams) s.write(frame)
    },
  })
  harness.emit = ctx.emit
  harness.push = (event, payload) => ctx.emit(event as never, payload as never)
  // as the app does: changes another process (the CLI) makes reach the page
  const stopWatching = watchExternalChanges(ctx)
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
        void dispatcher.dispatch(channel, input ?? undefined).then((r) => send(200, 'application/json', encodeWire(r)))
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
    stopWatching()
    for (const s of streams) s.end()
    server.closeAllConnections()
    await new Promise<void>((done) => server.close(() => done()))
    library.close()
    if (!options.dir) rmSync(dir, { recursive: true, force: true })
  }
  return harness
}
