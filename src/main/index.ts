/**
 * Electron entry point, kept thin: everything it wires up (library, dispatcher, handlers) is plain
 * Node code that the browser test harness runs too, and tests/unit/boot.test.ts starts this built
 * file under Node with a recording stand-in for Electron.
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
import { electronSender, registerIpc } from './ipc/electron'
import { fetchOnStart } from './ipc/handlers/fetch'
import { importPaths, importWithDialog } from './ipc/handlers/imports'
import { inboxService } from './inbox/inboxService'
import type { HandlerContext } from './ipc/dispatcher'
import { createMainDispatcher } from './ipc/server'
import { watchExternalChanges } from './ipc/watchChanges'
import { Library } from './library/library'
import { APP_NAME, defaultLibraryPath, LIBRARY_FILE } from './library/location'
import { SETTINGS_FILE, SettingsStore } from './settings/store'

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
let ctxForLaunch: HandlerContext | null = null
const launchQueue = new LaunchQueue(async (paths) => {
  if (!ctxForLaunch) return
  const results = await importPaths(paths, ctxForLaunch, 'app-launch')
  ctxForLaunch.emit('import:results', results)
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
    let library: Library
    try {
      library = new Library(libraryPath)
    } catch (e) {
      dialog.showErrorBox('Margin cannot open its library', `${libraryPath}\n\n${(e as Error).message}`)
      app.exit(1)
      return
    }
    const settings = new SettingsStore(join(userData, SETTINGS_FILE))
    const host = electronHost(getWindow)
    const { dispatcher, ctx } = createMainDispatcher({
      library,
      settings,
      host,
      send: electronSender(getWindow),
      app: { version: app.getVersion(), platform: process.platform },
    })
    ctxForLaunch = ctx
    registerIpc(dispatcher, getWindow, isOwnUrl)
    // the CLI may change the library while the window is open: the feed follows
    const stopWatching = watchExternalChanges(ctx)
    // today's backup, once the window is up (it takes seconds on a large library)
    const backupTimer = setTimeout(() => {
      try {
        library.dailyBackup()
      } catch (e) {
        console.error('[backup] today\'s backup was not made:', e)
      }
    }, 10_000)
    // the watched inbox folder (Settings ▸ Inbox folder), when one is set
    void inboxService(ctx).restart()
    hardenSession(session.defaultSession)
    if (!devServerUrl) serveRenderer(rendererRoot)

    Menu.setApplicationMenu(
      buildMenu(
        {
          importFiles: () => {
            void (async () => {
              const results = await importWithDialog(ctx)
              if (results.length) ctx.emit('import:results', results)
            })()
          },
          importHistory: () => ctx.emit('menu:importHistory', {}),
          // the renderer knows whether a text field has focus: its own undo there, else the app's
          edit: (action) => ctx.emit('menu:edit', { action }),
          // File ▸ Export…: the renderer knows the current view, so it shows the export dialog
          fileItems: [
            { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => ctx.emit('menu:export', {}) },
            // the one way the app uses the network, and only when asked (or by the setting below)
            { label: 'Fetch Daily Papers…', click: () => ctx.emit('menu:fetch', {}) },
          ],
          openExternal: (url) => {
            void host.openExternal(url).catch((e: unknown) => console.error('[menu] could not open', url, e))
          },
          checkLibrary: () => {
            void showLibraryCheck(library, getWindow()).catch((e: unknown) => dialog.showErrorBox('Check Library', (e as Error).message))
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
        void fetchOnStart(ctx).catch((e: unknown) => console.error('[fetch] fetching new days failed:', e))
      })
      void created.loadURL(devServerUrl ?? APP_ENTRY_URL)
    }
    open()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open()
    })
    app.on('will-quit', () => {
      clearTimeout(backupTimer)
      stopWatching()
      void inboxService(ctx).stop()
      library.close()
    })
  })

  // Any web contents (including ones we never meant to create) get the same navigation rules.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isOwnUrl))

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
