/**
 * The application menu. A packaged app gets no developer items (Reload, Force Reload, Toggle
 * Developer Tools); those exist only when running from a checkout. The template is built without
 * touching Electron so it can be inspected as data.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron'

/** Where Help ▸ Margin Help points (opened in the system browser). */
export const README_URL = 'https://github.com/margin-app/margin#readme'

export interface MenuActions {
  importFiles: () => void
  /** Extra File-menu items other areas add (e.g. Export…). */
  fileItems?: MenuItemConstructorOptions[]
  /** Help ▸ Check Library…: runs the `checkLibrary` channel and shows its report. */
  checkLibrary?: () => void
  /** Opens an http(s) URL in the system browser (the Host's openExternal). */
  openExternal: (url: string) => void
  /** File ▸ Import History…: the renderer opens its history dialog. */
  importHistory?: () => void
  /**
   * Edit ▸ Undo / Redo. Without it they are Electron's roles (the focused text field's undo). With
   * it the renderer decides: a text field's own undo, else the app's undo of marks, stars and tags.
   * Needed because a menu accelerator takes Ctrl+Z before the page sees it on Windows and Linux.
   */
  edit?: (action: 'undo' | 'redo') => void
  /** Help ▸ Keyboard Shortcuts: the renderer opens its shortcut sheet. */
  shortcuts?: () => void
}

export interface MenuOptions {
  isPackaged: boolean
  platform: NodeJS.Platform
  appName: string
}

export function menuTemplate(actions: MenuActions, { isPackaged, platform, appName }: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin'
  const developerItems: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
  return [
    ...(isMac
      ? [
          {
            label: appName,
            submenu: [
              { role: 'about' },
              { type: 'separator' },
              { role: 'services' },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import Dumps…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFiles() },
        ...(actions.importHistory ? [{ label: 'Import History…', click: () => actions.importHistory?.() }] : []),
        ...(actions.fileItems ?? []),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        ...undoItems(actions.edit),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        ...(isMac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
        { role: 'delete' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        ...developerItems,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Window',
      submenu: isMac
        ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'close' }],
    },
    {
      role: 'help',
      submenu: [
        ...(actions.shortcuts ? [{ label: 'Keyboard Shortcuts', click: () => actions.shortcuts?.() }] : []),
        { label: `${appName} Help`, click: () => actions.openExternal(README_URL) },
        { type: 'separator' },
        { label: 'Check Library…', enabled: Boolean(actions.checkLibrary), click: () => actions.checkLibrary?.() },
      ],
    },
  ]
}

/**
 * Undo and Redo. A role item runs only the web page's editing undo and ignores `click`, and its
 * CmdOrCtrl+Z reaches the menu before the page on Windows and Linux, so the app's own undo (marks,
 * stars, tags) would never see the key: with `edit` they are plain items that hand the choice to
 * the renderer, with the keys the app's keymap gives them (CmdOrCtrl+Z, CmdOrCtrl+Shift+Z).
 */
function undoItems(edit: MenuActions['edit']): MenuItemConstructorOptions[] {
  if (!edit) return [{ role: 'undo' }, { role: 'redo' }]
  return [
    { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => edit('undo') },
    { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: () => edit('redo') },
  ]
}

export function buildMenu(actions: MenuActions, options: MenuOptions): Menu {
  return Menu.buildFromTemplate(menuTemplate(actions, options))
}
