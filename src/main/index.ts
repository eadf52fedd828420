/**
 * Electron entry point, kept thin: windows, menus, dialogs, the app:// protocol and the browser are
 * here; the library, the dispatcher and every handler run in the backend process
 * (src/main/backend, out/main/backend.js, started with utilityProcess.fork), so no SQLite work ever
 * holds up the window, the menus or IPC. Main forwards calls (after checking the sender) and
 * pushes. tests/unit/boot.test.ts starts this built file under Node with a recording stand-in for
 * Electron, whose utilityProcess.fork runs the real built backend in a Node child.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, Menu, session } from 'electron'
import { APP_ENTRY_URL } from './app/appScheme'
import { showLibraryCheck } from './app/checkDialog'
import { electronHost } from './app/host'
import { filesFromArgv, LaunchQueue } from './app/launchFiles'
import { buildMenu } from './app/menu'
import { isOwnRendererUrl } from './app/origin'
import { registerAppScheme, serveRenderer } from './app/protocol'
import { hardenSession, hardenWebContents } from './app/security'
import { createMainWindow } from './app/window'
import { forkBackend } from './app/backendProcess'
import type { BackendClient } from './backend/client'
import { connectBackend } from './backend/connect'
import { registerIpc, sendToAllWindows } from './ipc/electron'
import { IMPORT_DUMPS_DIALOG } from './ipc/host'
import type { CheckReport } from '../shared/contract/shapes/check'
import { APP_NAME, defaultLibraryPath, LIBRARY_FILE } from './library/location'
import { SETTINGS_FILE } from './settings/store'

app.setName(APP_NAME)
// Tests (and portable setups) can move the whole user-data folder: settings, window state, library.
if (process.env['MARGIN_USER_DATA']) app.setPath('userData', process.env['MARGIN_USER_DATA'])

const here = fileURLToPath(new URL('.', import.meta.url))
const rendererRoot = join(here, '../renderer')
// An empty ELECTRON_RENDERER_URL means none.
const devServerUrl = (!app.isPackaged && process.env['ELECTRON_RENDERER_URL']) || undefined
const isOwnUrl = (url: string) => isOwnRendererUrl(url, devServerUrl)

// Privileged schemes must be registered before `ready`.
registerAppScheme()

let win: BrowserWindow | null = null
const getWindow = () => win

/** Imports dumps the OS or a command line handed us, once the page can show the results. */
let connected: { backend: BackendClient; emit: ReturnType<typeof connectBackend>['emit'] } | null = null
const launchQueue = new LaunchQueue(async (paths) => {
  if (!connected) return
  const answer = await connected.backend.internal('importPaths', { paths })
  if (!answer.ok) throw new Error(answer.error.message)
  connected.emit('import:results', answer.value)
})

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  launchQueue.add(filesFromArgv(process.argv, { isPackaged: app.isPackaged, cwd: process.cwd() }))

  app.on('second-instance', (_event, argv, workingDirectory) => {
    launchQueue.add(filesFromArgv(argv, { isPackaged: app.isPackaged, cwd: workingDirectory }))
    if (!win) return
    if (win.isMinimized()) win.restore()
    win.focus()
  })

  // macOS "Open With" / a file dropped on the Dock icon; can arrive before `ready`.
  app.on('open-file', (event, path) => {
    event.preventDefault()
    launchQueue.add([path])
  })

  void app.whenReady().then(() => {
    const userData = app.getPath('userData')
    // The same file the `margin` CLI opens (MARGIN_LIBRARY overrides both; MARGIN_USER_DATA moves it too).
    const libraryPath =
      process.env['MARGIN_LIBRARY'] || (process.env['MARGIN_USER_DATA'] ? join(userData, LIBRARY_FILE) : defaultLibraryPath())
    const host = electronHost(getWindow)
    // pushes main makes itself (menu actions, the backend's state) go through `emit`, checked against the contract
    const { backend, emit } = connectBackend({
      spawn: () => forkBackend(join(here, 'backend.js')),
      config: {
        libraryPath,
        settingsPath: join(userData, SETTINGS_FILE),
        app: { version: app.getVersion(), platform: process.platform },
        // today's backup, once the window is up
        backupDelayMs: 10_000,
      },
      host,
      send: sendToAllWindows,
      onFatal: (title, detail) => {
        dialog.showErrorBox(title, detail)
        app.exit(1)
      },
    })
    connected = { backend, emit }
    // the window opens at once; calls wait for the backend to have opened the library
    void backend.start()
    registerIpc(backend, getWindow, isOwnUrl)
    hardenSession(session.defaultSession)
    if (!devServerUrl) serveRenderer(rendererRoot)

    Menu.setApplicationMenu(
      buildMenu(
        {
          importFiles: () => {
            void (async () => {
              const paths = await host.showOpenDialog(IMPORT_DUMPS_DIALOG)
              if (!paths.length) return
              const answer = await backend.internal('importPaths', { paths })
              if (!answer.ok) throw new Error(answer.error.message)
              if (answer.value.length) emit('import:results', answer.value)
            })().catch((e: unknown) => dialog.showErrorBox('Import', (e as Error).message))
          },
          importHistory: () => emit('menu:importHistory', {}),
          shortcuts: () => emit('menu:shortcuts', {}),
          // the renderer knows whether a text field has focus: its own undo there, else the app's
          edit: (action) => emit('menu:edit', { action }),
          // File ▸ Export…: the renderer knows the current view, so it shows the export dialog
          fileItems: [
            { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => emit('menu:export', {}) },
            // the one way the app uses the network, and only when asked (or by the setting below)
            { label: 'Fetch Daily Papers…', click: () => emit('menu:fetch', {}) },
          ],
          openExternal: (url) => {
            void host.openExternal(url).catch((e: unknown) => console.error('[menu] could not open', url, e))
          },
          checkLibrary: () => {
            void (async () => {
              const answer = await backend.dispatch('checkLibrary', undefined)
              if (!answer.ok) throw new Error(answer.error.message)
              await showLibraryCheck(answer.value as CheckReport, getWindow())
            })().catch((e: unknown) => dialog.showErrorBox('Check Library', (e as Error).message))
          },
        },
        { isPackaged: app.isPackaged, platform: process.platform, appName: APP_NAME },
      ),
    )

    let startFetched = false
    const open = () => {
      const created = createMainWindow({ userData, preload: join(here, '../preload/index.cjs') })
      win = created
      created.on('closed', () => {
        win = null
      })
      created.webContents.once('did-finish-load', () => {
        launchQueue.start()
        // Fetch new days when Margin starts (off by default: Margin stays offline unless asked); once per run
        if (startFetched) return
        startFetched = true
        void backend.internal('fetchOnStart', undefined).catch((e: unknown) => console.error('[fetch] fetching new days failed:', e))
      })
      void created.loadURL(devServerUrl ?? APP_ENTRY_URL)
    }
    open()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open()
    })
    // the backend closes the library (a clean WAL) before the app goes
    app.on('before-quit', (event) => {
      if (backend.currentState === 'stopped') return
      event.preventDefault()
      void backend.close().then(() => app.quit())
    })
    app.on('will-quit', () => void backend.close())
  })

  // Any web contents (including ones we never meant to create) get the same navigation rules.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isOwnUrl))

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
