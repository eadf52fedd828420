/* global process, console, setImmediate */
/**
 * A recording stand-in for the `electron` module, for tests only (never app code). It implements
 * just what Margin's main process and preload ask of Electron and records every call in
 * `globalThis.__fakeElectron` so a test can inspect the calls and invoke the handlers the app
 * registered (protocol handlers, ipcMain handlers, navigation listeners, permission handlers).
 * FAKE_ELECTRON_PACKAGED=0 makes app.isPackaged false (a run from a checkout).
 */
import { fork } from 'node:child_process'
import { EventEmitter } from 'node:events'

const record = {
  log: [],
  app: { name: null, paths: {}, quit: 0, exitCode: null, ready: false },
  privilegedSchemes: [],
  protocolHandlers: new Map(),
  ipcHandlers: [],
  windows: [],
  webContents: [],
  menus: [],
  applicationMenu: null,
  sessions: [],
  openedExternally: [],
  errorBoxes: [],
  utilityProcesses: [],
}
globalThis.__fakeElectron = record
const note = (what) => record.log.push(what)

let resolveReady
const readyPromise = new Promise((resolve) => (resolveReady = resolve))

class FakeApp extends EventEmitter {
  isPackaged = process.env.FAKE_ELECTRON_PACKAGED !== '0'
  setName(name) {
    record.app.name = name
  }
  getName() {
    return record.app.name ?? 'Electron'
  }
  getVersion() {
    return '0.1.0'
  }
  setPath(name, path) {
    record.app.paths[name] = path
  }
  getPath(name) {
    const path = record.app.paths[name]
    if (!path) throw new Error(`fake electron: no path "${name}" (set MARGIN_USER_DATA)`)
    return path
  }
  getAppPath() {
    return process.cwd()
  }
  requestSingleInstanceLock() {
    note('app.requestSingleInstanceLock')
    return true
  }
  whenReady() {
    return readyPromise
  }
  isReady() {
    return record.app.ready
  }
  quit() {
    record.app.quit++
  }
  exit(code) {
    record.app.exitCode = code
  }
  /** Test control: fire `ready` as Electron would once it has started. */
  __makeReady() {
    note('app.ready')
    record.app.ready = true
    resolveReady()
    this.emit('ready')
  }
}
export const app = new FakeApp()

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    note('protocol.registerSchemesAsPrivileged')
    if (record.app.ready) throw new Error('fake electron: registerSchemesAsPrivileged after ready')
    record.privilegedSchemes.push(...schemes)
  },
  handle(scheme, handler) {
    note(`protocol.handle:${scheme}`)
    if (!record.app.ready) throw new Error('fake electron: protocol.handle before ready')
    if (record.protocolHandlers.has(scheme)) throw new Error(`fake electron: ${scheme} handled twice`)
    record.protocolHandlers.set(scheme, handler)
  },
  unhandle(scheme) {
    record.protocolHandlers.delete(scheme)
  },
  isProtocolHandled(scheme) {
    return record.protocolHandlers.has(scheme)
  },
}

class FakeSession {
  permissionRequestHandler = null
  permissionCheckHandler = null
  protocol = protocol
  webRequest = {
    onHeadersReceived: (handler) => (this.headersReceived = handler),
  }
  constructor() {
    record.sessions.push(this)
  }
  setPermissionRequestHandler(handler) {
    this.permissionRequestHandler = handler
  }
  setPermissionCheckHandler(handler) {
    this.permissionCheckHandler = handler
  }
}
export const session = { defaultSession: new FakeSession() }

class FakeWebContents extends EventEmitter {
  sent = []
  windowOpenHandler = null
  destroyed = false
  constructor() {
    super()
    this.mainFrame = { url: '', routingId: 1 }
    record.webContents.push(this)
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler
  }
  send(channel, ...args) {
    this.sent.push({ channel, args })
    this.emit('__sent', channel, ...args)
  }
  async loadURL(url) {
    note(`webContents.loadURL:${url}`)
    this.mainFrame.url = url
    setImmediate(() => this.emit('did-finish-load'))
  }
  async loadFile(path) {
    return this.loadURL(`file://${path}`)
  }
  getURL() {
    return this.mainFrame.url
  }
  isDestroyed() {
    return this.destroyed
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return record.windows.filter((w) => !w.destroyed)
  }
  destroyed = false
  constructor(options = {}) {
    super()
    note('new BrowserWindow')
    if (!record.app.ready) throw new Error('fake electron: BrowserWindow before ready')
    this.options = options
    this.webContents = new FakeWebContents()
    record.windows.push(this)
    app.emit('web-contents-created', { preventDefault() {} }, this.webContents)
  }
  loadURL(url) {
    return this.webContents.loadURL(url)
  }
  loadFile(path) {
    return this.webContents.loadFile(path)
  }
  isDestroyed() {
    return this.destroyed
  }
  isMinimized() {
    return false
  }
  isMaximized() {
    return false
  }
  restore() {}
  focus() {
    note('window.focus')
  }
  show() {}
  maximize() {}
  getNormalBounds() {
    return { x: 0, y: 0, width: this.options.width ?? 800, height: this.options.height ?? 600 }
  }
}

export const ipcMain = {
  handle(channel, handler) {
    record.ipcHandlers.push({ channel, handler })
  },
  removeHandler(channel) {
    record.ipcHandlers = record.ipcHandlers.filter((h) => h.channel !== channel)
  },
  on() {},
}

/** Keeps the template (functions included) so a test can read the items and click them. */
export const Menu = {
  buildFromTemplate(template) {
    const menu = { template }
    record.menus.push(menu)
    return menu
  },
  setApplicationMenu(menu) {
    record.applicationMenu = menu
  },
}

export const dialog = {
  async showOpenDialog() {
    return { canceled: true, filePaths: [] }
  },
  async showSaveDialog() {
    return { canceled: true }
  },
  showErrorBox(title, content) {
    record.errorBoxes.push({ title, content })
    console.error(`[fake electron] error box: ${title}: ${content}`)
  },
}

export const shell = {
  async openExternal(url) {
    record.openedExternally.push(url)
  },
}

/**
 * utilityProcess.fork stand-in: the module really runs, in a Node child (child_process.fork, without
 * this fake: a backend must not need Electron), with structured-clone IPC as a utility process has.
 * child.postMessage ↔ the child's process.send / 'message'; 'exit' carries the exit code.
 */
class FakeUtilityProcess extends EventEmitter {
  constructor(modulePath, args, options) {
    super()
    this.modulePath = modulePath
    this.options = options
    this.child = fork(modulePath, args, {
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: options.env ?? process.env,
      cwd: options.cwd,
    })
    this.child.on('spawn', () => this.emit('spawn'))
    this.child.on('message', (message) => this.emit('message', message))
    this.child.on('exit', (code, signal) => {
      note(`utilityProcess.exit:${code ?? signal}`)
      this.emit('exit', code ?? (signal ? 1 : 0))
    })
  }
  get pid() {
    return this.child.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined
  }
  postMessage(message, transfer) {
    if (transfer?.length) throw new Error('fake electron: MessagePortMain transfer is not supported')
    // a closed channel drops the message, as a dead utility process would
    if (this.child.connected) this.child.send(message)
  }
  kill() {
    return this.child.kill('SIGTERM')
  }
}

export const utilityProcess = {
  fork(modulePath, args = [], options = {}) {
    note(`utilityProcess.fork:${options.serviceName ?? ''}`)
    if (!record.app.ready) throw new Error('fake electron: utilityProcess.fork before ready')
    const child = new FakeUtilityProcess(modulePath, args, options)
    record.utilityProcesses.push(child)
    return child
  },
}

export const nativeTheme = { shouldUseDarkColors: false, on() {} }
export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
}

// The renderer-side modules exist so a bundle that imports them resolves; the boot test gives
// the preload its own connected instances (tests/boot/probe.mjs).
export const contextBridge = {
  exposeInMainWorld() {
    throw new Error('fake electron: contextBridge is only for the preload')
  },
}
export const ipcRenderer = {}

export default { app, protocol, session, BrowserWindow, ipcMain, Menu, dialog, shell, nativeTheme, screen, contextBridge, ipcRenderer, utilityProcess }
