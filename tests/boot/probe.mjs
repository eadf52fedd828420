/* global process, console, setTimeout, Request, structuredClone */
/**
 * Boots the BUILT main process (out/main/index.js) under Node against the recording fake Electron
 * (run with `node --import tests/helpers/fake-electron-register.mjs`), plays what Electron would
 * do on a packaged start, then loads the BUILT sandboxed preload in a vm context wired to the
 * recorded ipcMain handlers, and writes what it saw as JSON to $BOOT_REPORT.
 * tests/unit/boot.test.ts judges the report.
 *
 * env: BOOT_ROOT (the checkout), BOOT_REPORT (output file), BOOT_ARGV (JSON: the app's arguments),
 * BOOT_SECOND_ARGV (JSON: a second instance's arguments), MARGIN_USER_DATA, FAKE_ELECTRON_PACKAGED.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import vm from 'node:vm'

const root = process.env.BOOT_ROOT ?? process.cwd()
const report = { errors: [] }
const json = (name, fallback) => (process.env[name] ? JSON.parse(process.env[name]) : fallback)

/** Waits (at most 30 s of short sleeps; a loaded CI machine is slow) for a condition the app reaches asynchronously. */
async function until(what, check, tries = 3000) {
  for (let i = 0; i < tries; i++) {
    if (check()) return true
    await new Promise((r) => setTimeout(r, 10))
  }
  report.errors.push(`gave up waiting for ${what}`)
  return false
}

// A packaged app's argv: the executable, then what the OS or the user passed.
process.argv = [process.execPath, ...json('BOOT_ARGV', [])]
await import(pathToFileURL(join(root, 'out', 'main', 'index.js')).href)
const electron = await import('electron')
const fake = globalThis.__fakeElectron
electron.app.__makeReady()

await until('the window to load its page', () => fake.windows[0]?.webContents.mainFrame.url)
const win = fake.windows[0]
const wc = win?.webContents
const sentEvents = (name) => (wc ? wc.sent.filter((s) => s.channel === `margin-event:${name}`) : [])

report.log = fake.log
report.isPackaged = electron.app.isPackaged
report.privilegedSchemes = fake.privilegedSchemes
report.protocolSchemes = [...fake.protocolHandlers.keys()]
report.windowCount = fake.windows.length
report.webPreferences = win?.options.webPreferences ?? null
report.preloadExists = Boolean(report.webPreferences?.preload && existsSync(report.webPreferences.preload))
report.loadedUrl = wc?.mainFrame.url ?? null
report.errorBoxes = fake.errorBoxes

// The scheme handler, asked as Chromium would ask it.
report.responses = {}
const handler = fake.protocolHandlers.get('app')
for (const url of [
  'app://margin/index.html',
  'app://margin/',
  'app://margin/..%2f..%2fpackage.json',
  'app://margin/..%2Fmain%2Findex.js',
  'app://margin/%2e%2e%2fpreload%2findex.cjs',
  'app://margin/..%5c..%5cpackage.json',
  'app://margin/missing.js',
]) {
  if (!handler) break
  const res = await handler(new Request(url))
  const body = await res.text()
  report.responses[url] = {
    status: res.status,
    csp: res.headers.get('content-security-policy'),
    contentType: res.headers.get('content-type'),
    body: body.slice(0, 2000),
  }
}
if (handler) {
  const html = await (await handler(new Request('app://margin/index.html'))).text()
  const script = /<script[^>]+src="\.?\/?([^"]+)"/.exec(html)?.[1]
  if (script) {
    const res = await handler(new Request(`app://margin/${script}`))
    report.script = { path: script, status: res.status, contentType: res.headers.get('content-type'), csp: res.headers.get('content-security-policy') }
  }
}

// Navigation and new windows, through the listeners the app put on the window's webContents.
function navigate(event, url) {
  let prevented = false
  const e = { preventDefault: () => (prevented = true) }
  for (const l of wc?.listeners(event) ?? []) l(e, url)
  return prevented
}
const external = fake.openedExternally.length
report.navigation = {
  listeners: wc ? wc.listenerCount('will-navigate') : 0,
  own: navigate('will-navigate', 'app://margin/index.html'),
  https: navigate('will-navigate', 'https://evil.example/'),
  file: navigate('will-navigate', 'file:///etc/passwd'),
  otherApp: navigate('will-navigate', 'app://other/index.html'),
  redirect: navigate('will-redirect', 'https://evil.example/'),
  webview: navigate('will-attach-webview', 'https://evil.example/'),
}
await new Promise((r) => setTimeout(r, 0))
report.navigation.openedExternally = fake.openedExternally.slice(external)
report.windowOpen = {
  https: wc?.windowOpenHandler?.({ url: 'https://example.org/', frameName: '', features: '' }) ?? null,
  own: wc?.windowOpenHandler?.({ url: 'app://margin/index.html', frameName: '', features: '' }) ?? null,
  javascript: wc?.windowOpenHandler?.({ url: 'javascript:alert(1)', frameName: '', features: '' }) ?? null,
}

// Permissions, through the session's handlers.
const ses = electron.session.defaultSession
report.permissions = {}
for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
  let granted = 'not answered'
  ses.permissionRequestHandler?.(wc, permission, (ok) => (granted = ok), { requestingUrl: 'app://margin/index.html' })
  report.permissions[permission] = { request: granted, check: ses.permissionCheckHandler ? ses.permissionCheckHandler(wc, permission, 'app://margin') : 'no handler' }
}

// IPC: which channels got handlers, and whether a call from a foreign frame is refused.
report.ipcChannels = fake.ipcHandlers.map((h) => h.channel)
const anyHandler = fake.ipcHandlers.find((h) => h.channel === 'margin:feedView')
report.foreignFrameCall = anyHandler
  ? await anyHandler.handler({ sender: wc, senderFrame: { url: 'app://margin/index.html' } }, {})
  : null
report.foreignUrlCall = anyHandler && wc
  ? await (async () => {
      const saved = wc.mainFrame.url
      wc.mainFrame.url = 'https://evil.example/'
      try {
        return await anyHandler.handler({ sender: wc, senderFrame: wc.mainFrame }, {})
      } finally {
        wc.mainFrame.url = saved
      }
    })()
  : null

// The application menu as data (labels, roles, accelerators; clicks dropped).
const describeItems = (items) =>
  (items ?? []).map((item) => ({
    label: item.label ?? null,
    role: item.role ?? null,
    type: item.type ?? null,
    accelerator: item.accelerator ?? null,
    enabled: item.enabled ?? true,
    submenu: Array.isArray(item.submenu) ? describeItems(item.submenu) : null,
  }))
const template = fake.applicationMenu?.template ?? null
report.menu = template ? describeItems(template) : null
const help = template?.find((m) => m.role === 'help' || m.label === 'Help')
const helpItem = help?.submenu?.find((i) => /Help$/.test(i.label ?? ''))
const beforeHelp = fake.openedExternally.length
helpItem?.click?.()
await until('Help to open the README', () => fake.openedExternally.length > beforeHelp, 100)
report.helpOpened = fake.openedExternally.slice(beforeHelp)

// Edit ▸ Undo / Redo, File ▸ Import History… and Help ▸ Keyboard Shortcuts reach the page as push
// events (the renderer decides)
const menuItem = (menu, label) =>
  template?.find((m) => m.label === menu || m.role === menu.toLowerCase())?.submenu?.find((i) => i.label === label)
for (const [menu, label] of [['Edit', 'Undo'], ['Edit', 'Redo'], ['File', 'Import History…'], ['Help', 'Keyboard Shortcuts']]) menuItem(menu, label)?.click?.()
report.menuEvents = ['menu:edit', 'menu:importHistory', 'menu:shortcuts'].flatMap((name) => sentEvents(name).map((s) => ({ name, payload: s.args[0] })))

// Dumps named on the command line are imported once the page has loaded.
if (json('BOOT_ARGV', []).length) await until('the command-line import', () => sentEvents('import:results').length >= 1)
report.launchImports = sentEvents('import:results').map((s) => s.args[0])

// The BUILT preload, sandboxed: a vm context whose require() knows only 'electron'.
const preloadPath = join(root, 'out', 'preload', 'index.cjs')
const exposed = {}
const listeners = new Map()
const ipcRenderer = {
  async invoke(channel, ...args) {
    const matches = fake.ipcHandlers.filter((h) => h.channel === channel)
    if (matches.length !== 1) throw new Error(`Error invoking remote method '${channel}': ${matches.length} handlers`)
    const event = { sender: wc, senderFrame: wc.mainFrame, processId: 1, frameId: 1 }
    // contextBridge and IPC copy values (structured clone) both ways.
    return structuredClone(await matches[0].handler(event, ...args.map((a) => structuredClone(a))))
  },
  on(channel, listener) {
    if (!listeners.has(channel)) listeners.set(channel, new Set())
    listeners.get(channel).add(listener)
    return ipcRenderer
  },
  removeListener(channel, listener) {
    listeners.get(channel)?.delete(listener)
    return ipcRenderer
  },
}
wc?.on('__sent', (channel, ...args) => {
  for (const l of listeners.get(channel) ?? []) l({ sender: ipcRenderer }, ...args.map((a) => structuredClone(a)))
})
const contextBridge = {
  exposeInMainWorld(name, api) {
    exposed[name] = api
  },
}
report.preloadRequires = []
const sandbox = vm.createContext({ console })
try {
  const wrapped = vm.runInContext(`(function (exports, require, module) {${readFileSync(preloadPath, 'utf8')}\n})`, sandbox, {
    filename: preloadPath,
  })
  const module = { exports: {} }
  wrapped(module.exports, (id) => {
    report.preloadRequires.push(id)
    if (id !== 'electron') throw new Error(`module not found: ${id} (a sandboxed preload can only require 'electron')`)
    return { contextBridge, ipcRenderer }
  }, module)
} catch (e) {
  report.errors.push(`preload: ${e instanceof Error ? e.message : String(e)}`)
}
report.exposed = Object.keys(exposed)
const margin = exposed.margin
if (margin) {
  report.bridgeMethods = Object.keys(margin).sort()
  const received = []
  margin.on('import:results', (payload) => received.push(payload))
  report.feedView = await margin.feedView({ filter: 'all', sort: 'date' })
  report.malformedCall = await margin.feedView({ filter: 42 })

  // A second instance started with another dump: the running window imports it.
  const second = json('BOOT_SECOND_ARGV', null)
  if (second) {
    electron.app.emit('second-instance', { preventDefault() {} }, [process.execPath, ...second], root, {})
    await until('the second instance import', () => received.length >= 1)
    report.secondInstanceImports = received
    report.feedViewAfterSecond = await margin.feedView({})
  }
}

// The backend: a utilityProcess running the built backend entry; calls reach it through main.
report.backend = {
  forks: fake.utilityProcesses.map((u) => ({ modulePath: u.modulePath, serviceName: u.options.serviceName ?? null })),
  mainPid: process.pid,
  pid: fake.utilityProcesses[0]?.pid ?? null,
}
if (margin && fake.utilityProcesses.length === 1) {
  const statuses = () => sentEvents('backend:status').map((s) => s.args[0].state)
  const before = statuses().length
  const first = (await margin.feedView({ filter: 'all', sort: 'date' })).value?.ids[0]
  // a write the backend committed before it dies survives it
  report.backend.writeBeforeCrash = await margin.setRead({ ids: [first], read: true })
  // a call in flight when the backend dies: importWithDialog waits on main's dialog, which never answers
  let dialogAsked = false
  const realOpen = electron.dialog.showOpenDialog
  electron.dialog.showOpenDialog = () => {
    dialogAsked = true
    return new Promise(() => {})
  }
  const inFlight = margin.importWithDialog()
  await until('the backend to ask main for a dialog', () => dialogAsked)
  const victim = fake.utilityProcesses[0]
  process.kill(victim.pid, 'SIGKILL')
  report.backend.inFlightAfterKill = await inFlight
  electron.dialog.showOpenDialog = realOpen
  await until('a new backend to be started', () => fake.utilityProcesses.length === 2)
  await until('the window to hear the backend is running again', () => statuses().slice(before).includes('running'))
  report.backend.statusesAfterKill = statuses().slice(before)
  report.backend.restartedPid = fake.utilityProcesses[1]?.pid ?? null
  report.backend.feedViewAfterRestart = await margin.feedView({})
  report.backend.readAfterRestart = (await margin.getPaper({ id: first })).value?.read ?? null
  report.backend.log = fake.log.filter((l) => l.startsWith('utilityProcess'))
}

writeFileSync(process.env.BOOT_REPORT, JSON.stringify(report, null, 2))
// The library stays open in the app (closed on will-quit): quit as Electron would.
electron.app.emit('will-quit', { preventDefault() {} })
process.exit(0)
