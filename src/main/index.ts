/**
 * Electron entry point, kept thin: everything it wires up (library, dispatcher, handlers) is plain
 * Node code that the browser test harness runs too.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, Menu, session } from 'electron'
import { electronHost } from './app/host'
import { buildMenu } from './app/menu'
import { hardenSession, hardenWebContents } from './app/security'
import { createMainWindow } from './app/window'
import { electronSender, isOwnRendererUrl, registerIpc } from './ipc/electron'
import { importWithDialog } from './ipc/handlers/imports'
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
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
const isOwnUrl = (url: string) => isOwnRendererUrl(url, rendererRoot, devServerUrl)

let win: BrowserWindow | null = null
const getWindow = () => win

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!win) return
    if (win.isMinimized()) win.restore()
    win.focus()
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
    const { dispatcher, ctx } = createMainDispatcher({
      library,
      settings,
      host: electronHost(getWindow),
      send: electronSender(getWindow),
      app: { version: app.getVersion(), platform: process.platform },
    })
    registerIpc(dispatcher, getWindow, isOwnUrl)
    // the CLI may change the library while the window is open: the feed follows
    const stopWatching = watchExternalChanges(ctx)
    hardenSession(session.defaultSession, Boolean(devServerUrl))

    Menu.setApplicationMenu(
      buildMenu({
        importFiles: () => {
          void (async () => {
            const results = await importWithDialog(ctx)
            if (results.length) ctx.emit('import:results', results)
          })()
        },
        // File ▸ Export… (issue 5): the renderer knows the current view, so it shows the export dialog
        fileItems: [{ label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => ctx.emit('menu:export', {}) }],
      }),
    )

    const open = () => {
      win = createMainWindow({ userData, preload: join(here, '../preload/index.cjs') })
      win.on('closed', () => {
        win = null
      })
      if (devServerUrl) void win.loadURL(devServerUrl)
      else void win.loadFile(join(rendererRoot, 'index.html'))
    }
    open()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open()
    })
    app.on('will-quit', () => {
      stopWatching()
      library.close()
    })
  })

  // Any web contents (including ones we never meant to create) get the same navigation rules.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isOwnUrl))

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
