/**
 * What a packaged start asks of Electron, without Electron's binary: the BUILT main process
 * (out/main/index.js) runs under Node against a recording stand-in for the `electron` module
 * (tests/helpers/fake-electron.mjs), and the BUILT sandboxed preload runs in a vm context wired to
 * the ipcMain handlers the main process registered, down to a real SQLite library.
 * tests/boot/probe.mjs drives the boot and reports; this file judges the report.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, metaPolicy } from '../../src/main/app/csp'
import { channels, ipcChannelName } from '../../src/shared/contract'
import { DUMP_FILES } from '../helpers/fixtures'

const ROOT = resolve(__dirname, '../..')
const DEVELOPER_ROLES = ['reload', 'forceReload', 'toggleDevTools']

interface MenuItem {
  label: string | null
  role: string | null
  type: string | null
  enabled: boolean
  submenu: MenuItem[] | null
}
interface Answer {
  status: number
  csp: string | null
  contentType: string | null
  body: string
}
interface ImportResult {
  path: string
  status: string
  added: number
}
interface Report {
  errors: string[]
  log: string[]
  isPackaged: boolean
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[]
  protocolSchemes: string[]
  windowCount: number
  webPreferences: Record<string, unknown> | null
  preloadExists: boolean
  loadedUrl: string | null
  errorBoxes: unknown[]
  responses: Record<string, Answer>
  script?: { path: string; status: number; contentType: string; csp: string }
  navigation: Record<string, unknown>
  windowOpen: Record<string, { action: string } | null>
  permissions: Record<string, { request: unknown; check: unknown }>
  ipcChannels: string[]
  foreignFrameCall: { ok: boolean; error?: { code: string } } | null
  foreignUrlCall: { ok: boolean; error?: { code: string } } | null
  menu: MenuItem[] | null
  helpOpened: string[]
  menuEvents: { name: string; payload: unknown }[]
  launchImports: ImportResult[][]
  preloadRequires: string[]
  exposed: string[]
  bridgeMethods?: string[]
  feedView?: { ok: boolean; value?: { ids: number[]; counts: { total: number; dumps: number } } }
  malformedCall?: { ok: boolean; error?: { code: string } }
  secondInstanceImports?: ImportResult[][]
  feedViewAfterSecond?: { ok: boolean; value?: { counts: { total: number; dumps: number } } }
  backend: {
    forks: { modulePath: string; serviceName: string | null }[]
    mainPid: number
    pid: number | null
    writeBeforeCrash?: { ok: boolean; value?: { changed: number } }
    inFlightAfterKill?: { ok: boolean; error?: { code: string; message: string } }
    statusesAfterKill?: string[]
    restartedPid?: number | null
    feedViewAfterRestart?: { ok: boolean; value?: { counts: { total: number; dumps: number } } }
    readAfterRestart?: boolean | null
    log?: string[]
  }
}

const temp: string[] = []

function boot(options: { packaged: boolean; argv?: string[]; secondArgv?: string[] }): Report {
  const dir = mkdtempSync(join(tmpdir(), 'margin-boot-'))
  temp.push(dir)
  const reportFile = join(dir, 'report.json')
  const run = spawnSync(process.execPath, ['--import', './tests/helpers/fake-electron-register.mjs', 'tests/boot/probe.mjs'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      BOOT_ROOT: ROOT,
      BOOT_REPORT: reportFile,
      BOOT_ARGV: JSON.stringify(options.argv ?? []),
      BOOT_SECOND_ARGV: options.secondArgv ? JSON.stringify(options.secondArgv) : '',
      MARGIN_USER_DATA: join(dir, 'user-data'),
      MARGIN_LIBRARY: '',
      ELECTRON_RENDERER_URL: '',
      FAKE_ELECTRON_PACKAGED: options.packaged ? '1' : '0',
    },
  })
  if (run.status !== 0 || !existsSync(reportFile)) {
    throw new Error(`the boot probe failed (exit ${run.status}):\n${run.stderr}\n${run.stdout}`)
  }
  return JSON.parse(readFileSync(reportFile, 'utf8')) as Report
}

const flatten = (items: MenuItem[] | null): MenuItem[] => (items ?? []).flatMap((i) => [i, ...flatten(i.submenu)])

let packaged: Report
let unpackaged: Report

beforeAll(() => {
  if (!existsSync(join(ROOT, 'out', 'main', 'index.js')) || !existsSync(join(ROOT, 'out', 'preload', 'index.cjs'))) {
    throw new Error('out/ is missing: run `npm run build` first (npm test does)')
  }
  // A packaged start with one dump on the command line; later a second instance passes another.
  packaged = boot({ packaged: true, argv: [DUMP_FILES[0]!, '--some-switch'], secondArgv: [DUMP_FILES[1]!] })
  unpackaged = boot({ packaged: false })
}, 120_000)
afterAll(() => temp.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

describe('a packaged start (built main under a recording Electron)', () => {
  it('starts without errors, registers app:// as privileged before ready, and serves it after', () => {
    expect(packaged.errors).toEqual([])
    expect(packaged.errorBoxes).toEqual([])
    expect(packaged.isPackaged).toBe(true)
    expect(packaged.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }])
    expect(packaged.log.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(packaged.log.indexOf('app.ready'))
    expect(packaged.protocolSchemes).toEqual(['app'])
  })

  it('opens one window, isolated and sandboxed, with a preload file that exists', () => {
    expect(packaged.windowCount).toBe(1)
    expect(packaged.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })
    expect(packaged.webPreferences).not.toHaveProperty('webviewTag', true)
    expect(packaged.preloadExists).toBe(true)
  })

  it('loads its page from the app scheme, answered with the CSP header; traversal is refused', () => {
    expect(packaged.loadedUrl).toBe('app://margin/index.html')
    const index = packaged.responses['app://margin/index.html']!
    expect(index.status).toBe(200)
    expect(index.contentType).toBe('text/html; charset=utf-8')
    expect(index.csp).toBe(CONTENT_SECURITY_POLICY)
    expect(index.body).toMatch(/^<!doctype html>/i)
    // the page carries the same policy (built from the one definition), before any script
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(index.body)
    expect(meta?.[1]?.replaceAll('&#39;', "'")).toBe(metaPolicy(CONTENT_SECURITY_POLICY))
    expect(index.body.indexOf('Content-Security-Policy')).toBeLessThan(index.body.indexOf('<script'))
    expect(packaged.script).toMatchObject({ status: 200, contentType: 'text/javascript; charset=utf-8', csp: CONTENT_SECURITY_POLICY })
    for (const url of [
      'app://margin/..%2f..%2fpackage.json',
      'app://margin/..%2Fmain%2Findex.js',
      'app://margin/%2e%2e%2fpreload%2findex.cjs',
      'app://margin/..%5c..%5cpackage.json',
    ]) {
      expect(packaged.responses[url]!.status, url).toBe(403)
      expect(packaged.responses[url]!.csp, url).toBe(CONTENT_SECURITY_POLICY)
    }
    expect(packaged.responses['app://margin/missing.js']!.status).toBe(404)
  })

  it('pins navigation to its origin and denies every new window; http(s) goes to the browser', () => {
    expect(packaged.navigation).toMatchObject({ own: false, https: true, file: true, otherApp: true, redirect: true, webview: true })
    expect(packaged.navigation['openedExternally']).toEqual(['https://evil.example/'])
    expect(packaged.windowOpen).toEqual({ https: { action: 'deny' }, own: { action: 'deny' }, javascript: { action: 'deny' } })
  })

  it('denies every permission request and check', () => {
    for (const [permission, answer] of Object.entries(packaged.permissions)) {
      expect(answer, permission).toEqual({ request: false, check: false })
    }
  })

  it('registers exactly one ipcMain.handle per contract channel, refusing foreign frames and pages', () => {
    const expected = Object.keys(channels).map(ipcChannelName).sort()
    expect([...packaged.ipcChannels].sort()).toEqual(expected)
    expect(new Set(packaged.ipcChannels).size).toBe(packaged.ipcChannels.length)
    expect(packaged.foreignFrameCall).toMatchObject({ ok: false, error: { code: 'refused' } })
    expect(packaged.foreignUrlCall).toMatchObject({ ok: false, error: { code: 'refused' } })
  })

  it('has no developer items in its menu, the standard Edit items, and Help opening the README', () => {
    const items = flatten(packaged.menu)
    expect(items.length).toBeGreaterThan(10)
    for (const role of DEVELOPER_ROLES) expect(items.some((i) => i.role === role), role).toBe(false)
    expect(items.some((i) => /devtools|developer|reload/i.test(i.label ?? ''))).toBe(false)
    const edit = packaged.menu!.find((m) => m.label === 'Edit')!
    expect(edit.submenu!.map((i) => i.role)).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll']))
    // Undo and Redo are the app's (a role would take Ctrl+Z from the page on Windows and Linux)
    expect(edit.submenu!.slice(0, 2).map((i) => [i.label, i.role])).toEqual([['Undo', null], ['Redo', null]])
    expect(items.some((i) => i.label === 'Check Library…')).toBe(true)
    expect(packaged.helpOpened).toHaveLength(1)
    expect(packaged.helpOpened[0]).toMatch(/^https:\/\/.+#readme$/)
  })

  it('Edit ▸ Undo / Redo, File ▸ Import History… and Help ▸ Keyboard Shortcuts send their push events to the page', () => {
    expect(packaged.menuEvents).toEqual([
      { name: 'menu:edit', payload: { action: 'undo' } },
      { name: 'menu:edit', payload: { action: 'redo' } },
      { name: 'menu:importHistory', payload: {} },
      { name: 'menu:shortcuts', payload: {} },
    ])
  })

  it('imports the dump named on its command line once the page has loaded', () => {
    expect(packaged.launchImports).toHaveLength(1)
    expect(packaged.launchImports[0]).toEqual([expect.objectContaining({ path: '000_b42ce13f7921f815.txt', status: 'imported', added: 44 })])
  })
})

describe('the built sandboxed preload against the booted main', () => {
  it('requires only electron and exposes only window.margin, one method per channel plus on()', () => {
    expect(packaged.preloadRequires).toEqual(['electron'])
    expect(packaged.exposed).toEqual(['margin'])
    expect(packaged.bridgeMethods).toEqual([...Object.keys(channels), 'on'].sort())
  })

  it('round-trips window.margin.feedView() to the real SQLite library', () => {
    expect(packaged.feedView).toMatchObject({ ok: true, value: { counts: { total: 44, dumps: 1 } } })
    expect(packaged.feedView!.value!.ids).toHaveLength(44)
    expect(packaged.malformedCall).toMatchObject({ ok: false, error: { code: 'invalidInput' } })
  })

  it('a second instance hands its dump to the running window, which imports it and says so', () => {
    expect(packaged.secondInstanceImports).toEqual([[expect.objectContaining({ path: '002_b991b74b2b9d61a1.txt', status: 'imported', added: 32 })]])
    expect(packaged.feedViewAfterSecond).toMatchObject({ ok: true, value: { counts: { total: 76, dumps: 2 } } })
  })
})

/** Every file the built main entry loads, following its relative imports (the chunks). */
function mainBundleImports(): string[] {
  const seen = new Set<string>()
  const specifiers: string[] = []
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/(?:^|\n)\s*import\s[^'"]*?['"]([^'"]+)['"]/g)) {
      const spec = m[1]!
      if (spec.startsWith('.')) visit(resolve(file, '..', spec))
      else specifiers.push(spec)
    }
  }
  visit(join(ROOT, 'out', 'main', 'index.js'))
  return specifiers
}

describe('the backend process (built out/main/backend.js, forked by main)', () => {
  it('main starts one backend with utilityProcess.fork and never loads SQLite itself', () => {
    expect(packaged.backend.forks).toEqual([{ modulePath: join(ROOT, 'out', 'main', 'backend.js'), serviceName: 'Margin library' }])
    expect(packaged.backend.pid).toEqual(expect.any(Number))
    expect(packaged.backend.pid).not.toBe(packaged.backend.mainPid)
    const imports = mainBundleImports()
    expect(imports).toContain('electron')
    expect(imports).not.toContain('better-sqlite3')
  })

  it('an IPC call through ipcMain reaches the backend, which answers from the library', () => {
    // feedView above went preload → ipcMain handler (sender check in main) → backend → SQLite
    expect(packaged.feedView).toMatchObject({ ok: true, value: { counts: { total: 44 } } })
    expect(packaged.backend.writeBeforeCrash).toMatchObject({ ok: true, value: { changed: 1 } })
  })

  it('killed, it is restarted: the call in flight is answered backendRestarted, the window is told, writes survive', () => {
    const b = packaged.backend
    expect(b.inFlightAfterKill).toMatchObject({ ok: false, error: { code: 'backendRestarted' } })
    expect(b.statusesAfterKill).toEqual(['restarting', 'running'])
    expect(b.restartedPid).toEqual(expect.any(Number))
    expect(b.restartedPid).not.toBe(b.pid)
    expect(b.log).toEqual(['utilityProcess.fork:Margin library', 'utilityProcess.exit:SIGKILL', 'utilityProcess.fork:Margin library'])
    expect(b.feedViewAfterRestart).toMatchObject({ ok: true, value: { counts: { total: 76, dumps: 2 } } })
    expect(b.readAfterRestart).toBe(true)
  })
})

describe('a start from a checkout (not packaged)', () => {
  it('keeps Reload, Force Reload and Toggle Developer Tools for development', () => {
    expect(unpackaged.errors).toEqual([])
    expect(unpackaged.isPackaged).toBe(false)
    const roles = flatten(unpackaged.menu).map((i) => i.role)
    for (const role of DEVELOPER_ROLES) expect(roles, role).toContain(role)
    expect(unpackaged.launchImports).toEqual([])
  })
})
