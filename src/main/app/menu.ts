/** The application menu: File ▸ Import… (and a spot for Export…), the usual Edit/View/Window menus. */
import { Menu, type MenuItemConstructorOptions } from 'electron'

export interface MenuActions {
  importFiles: () => void
  /** Extra File-menu items other areas add (e.g. Export…, issue 5). */
  fileItems?: MenuItemConstructorOptions[]
}

export function buildMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import Dumps…', accelerator: 'CmdOrCtrl+O', click: actions.importFiles },
        ...(actions.fileItems ?? []),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ]
  return Menu.buildFromTemplate(template)
}
