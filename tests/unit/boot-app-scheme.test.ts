/** The app://margin/ scheme's Electron-free half: path resolution, the traversal guard, the answers. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_ENTRY_URL, contentTypeFor, resolveAppPath, serveAppRequest } from '../../src/main/app/appScheme'
import { CONTENT_SECURITY_POLICY } from '../../src/main/app/csp'

let base: string
let root: string
/** Windows without developer mode cannot create symlinks; those cases are then left out. */
let symlinks = true

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'margin-scheme-'))
  root = join(base, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Margin</title>')
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)')
  writeFileSync(join(root, 'assets', 'index.css'), 'body{}')
  writeFileSync(join(root, 'assets', 'font.woff2'), 'wOF2')
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer')
  try {
    symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link-out.txt'))
    symlinkSync(base, join(root, 'dir-out'), 'junction')
  } catch {
    symlinks = false
  }
})
afterAll(() => rmSync(base, { recursive: true, force: true }))

describe('app:// path resolution', () => {
  it('maps the origin root to index.html and nested paths inside the folder', () => {
    expect(resolveAppPath('app://margin/', root)).toEqual({ ok: true, path: join(root, 'index.html') })
    expect(resolveAppPath('app://margin/assets/index.js?v=1#x', root)).toEqual({ ok: true, path: join(root, 'assets', 'index.js') })
    expect(resolveAppPath('app://margin/assets/a%20b.js', root)).toEqual({ ok: true, path: join(root, 'assets', 'a b.js') })
  })
  it('refuses paths that climb out, encoded or not, and other origins', () => {
    for (const url of [
      'app://margin/..%2fsecret.txt',
      'app://margin/assets/..%2F..%2Fsecret.txt',
      'app://margin/..%5csecret.txt',
      'app://margin/%2e%2e%2fsecret.txt',
      'app://margin/C:/Windows/win.ini',
      'app://margin/assets/%00.js',
    ]) {
      expect(resolveAppPath(url, root), url).toMatchObject({ ok: false, status: 403 })
    }
    expect(resolveAppPath('app://other/index.html', root)).toMatchObject({ ok: false, status: 404 })
    expect(resolveAppPath('https://margin/index.html', root)).toMatchObject({ ok: false, status: 404 })
    expect(resolveAppPath('app://margin/%E0%A4%A', root)).toMatchObject({ ok: false, status: 400 })
  })
  it('names content types by extension', () => {
    expect(contentTypeFor('a/index.html')).toBe('text/html; charset=utf-8')
    expect(contentTypeFor('a/x.JS')).toBe('text/javascript; charset=utf-8')
    expect(contentTypeFor('a/x.woff2')).toBe('font/woff2')
    expect(contentTypeFor('a/x.unknown')).toBe('application/octet-stream')
  })
})

describe('app:// answers', () => {
  const get = (url: string, method = 'GET') => serveAppRequest(new Request(url, { method }), root)

  it('serves index.html with its type and the CSP header', async () => {
    const res = await get(APP_ENTRY_URL)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await res.text()).toContain('<title>Margin</title>')
    expect((await get('app://margin/assets/index.css')).headers.get('content-type')).toBe('text/css; charset=utf-8')
  })
  it('refuses traversal (raw, encoded, through symlinks) with the CSP header still on', async () => {
    const urls = ['app://margin/..%2fsecret.txt', 'app://margin/assets/..%5C..%5Csecret.txt']
    if (symlinks) urls.push('app://margin/assets/link-out.txt', 'app://margin/dir-out/secret.txt')
    for (const url of urls) {
      const res = await get(url)
      expect(res.status, url).toBe(403)
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      expect(await res.text()).not.toContain('outside the renderer')
    }
    // `..` written plainly (or as %2e%2e) is removed by URL parsing: the request stays inside the folder.
    expect((await get('app://margin/../secret.txt')).status).toBe(404)
    expect((await get('app://margin/%2e%2e/secret.txt')).status).toBe(404)
  })
  it('answers 404 for missing files and folders, 405 for writes, empty HEAD bodies', async () => {
    expect((await get('app://margin/missing.js')).status).toBe(404)
    expect((await get('app://margin/assets')).status).toBe(404)
    expect((await get(APP_ENTRY_URL, 'POST')).status).toBe(405)
    const head = await get(APP_ENTRY_URL, 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })
})

describe('the CSP sent with every answer', () => {
  it('allows no inline or eval script and forbids plugins, base changes and framing', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]))
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('base-uri')).toEqual(["'none'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
  })
})
