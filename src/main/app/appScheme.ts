/**
 * The `app://margin/` scheme that serves the built renderer, minus Electron: resolving a request to
 * a file inside the renderer folder (never outside it, not through a symlink either) and building
 * the answer with its content type and the CSP header. src/main/app/protocol.ts plugs it into
 * Electron's protocol.handle; the unit and boot tests call it directly.
 */
import fs from 'node:fs'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from './csp'

export const APP_SCHEME = 'app'
export const APP_HOST = 'margin'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
}

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

export type Resolution = { ok: true; path: string } | { ok: false; status: 400 | 403 | 404 }

/**
 * Maps an app:// URL to a path under `root` without touching the disk. Refuses other origins (404),
 * undecodable paths (400) and anything that would leave the folder once decoded: `..` segments
 * (also as `%2e%2e` or behind an encoded `%2f`/`%5c`), backslashes, NUL, drive letters (403).
 */
export function resolveAppPath(url: string, root: string): Resolution {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return { ok: false, status: 400 }
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return { ok: false, status: 404 }
  let path: string
  try {
    path = decodeURIComponent(u.pathname)
  } catch {
    return { ok: false, status: 400 }
  }
  if (path.includes('\0') || path.includes('\\')) return { ok: false, status: 403 }
  const segments = path.split('/').filter((s) => s !== '' && s !== '.')
  if (segments.some((s) => s === '..' || /^[A-Za-z]:/.test(s))) return { ok: false, status: 403 }
  if (segments.length === 0) segments.push('index.html')
  const full = resolve(root, ...segments)
  const rel = relative(root, full)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { ok: false, status: 403 }
  return { ok: true, path: full }
}

function isInside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep)
}

const baseHeaders = (): Record<string, string> => ({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
})

function refusal(status: number): Response {
  const text = status === 403 ? 'Forbidden' : status === 404 ? 'Not Found' : status === 405 ? 'Method Not Allowed' : 'Bad Request'
  return new Response(text, { status, headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } })
}

/**
 * Answers one request for the renderer: the file's bytes with its content type, or a refusal; the
 * CSP header is on every answer. A file reached through a symlink that points out of `root` is 403.
 */
export async function serveAppRequest(request: { url: string; method?: string }, root: string): Promise<Response> {
  const method = (request.method ?? 'GET').toUpperCase()
  if (method !== 'GET' && method !== 'HEAD') return refusal(405)
  const resolved = resolveAppPath(request.url, root)
  if (!resolved.ok) return refusal(resolved.status)
  // fs.promises looked up at call time: Electron patches it to read inside app.asar.
  const { readFile, realpath, stat } = fs.promises
  let real: string
  let realRoot: string
  try {
    realRoot = await realpath(root)
    real = await realpath(resolved.path)
  } catch {
    return refusal(404)
  }
  if (!isInside(real, realRoot)) return refusal(403)
  try {
    if (!(await stat(real)).isFile()) return refusal(404)
    const body = method === 'HEAD' ? null : new Uint8Array(await readFile(real))
    return new Response(body, { status: 200, headers: { ...baseHeaders(), 'Content-Type': contentTypeFor(real) } })
  } catch {
    return refusal(404)
  }
}
