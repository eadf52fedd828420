/** The main window: hardened web preferences, and its size and position remembered across runs. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { BrowserWindow, nativeTheme, screen } from 'electron'
import { writeFileAtomicSync } from '../files/atomicWrite'

interface Bounds {
  x?: number
  y?: number
  width: number
  height: number
  maximized?: boolean
}

const DEFAULT_BOUNDS: Bounds = { width: 1360, height: 860 }

function loadBounds(file: string): Bounds {
  try {
    const b = JSON.parse(readFileSync(file, 'utf8')) as Bounds
    if (!(b.width >= 600 && b.height >= 400)) return DEFAULT_BOUNDS
    // Forget the position if it is no longer on any display (a monitor was unplugged).
    if (b.x !== undefined && b.y !== undefined) {
      const visible = screen.getAllDisplays().some(({ workArea: a }) =>
        b.x! + 50 > a.x && b.x! < a.x + a.width - 50 && b.y! >= a.y - 10 && b.y! < a.y + a.height - 50,
      )
      if (!visible) return { width: b.width, height: b.height }
    }
    return b
  } catch {
    return DEFAULT_BOUNDS
  }
}

export function createMainWindow(options: { userData: string; preload: string }): BrowserWindow {
  const stateFile = join(options.userData, 'window-state.json')
  const bounds = loadBounds(stateFile)
  const win = new BrowserWindow({
    ...bounds,
    // the layout is tested down to exactly this size
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'Margin',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1c1c1e' : '#ffffff',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true,
    },
  })
  if (bounds.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())

  const save = () => {
    if (win.isDestroyed()) return
    const state: Bounds = { ...win.getNormalBounds(), maximized: win.isMaximized() }
    try {
      writeFileAtomicSync(stateFile, JSON.stringify(state))
    } catch {
      // best effort
    }
  }
  let timer: NodeJS.Timeout | undefined
  const saveSoon = () => {
    clearTimeout(timer)
    timer = setTimeout(save, 400)
  }
  win.on('resize', saveSoon)
  win.on('move', saveSoon)
  win.on('close', save)
  return win
}
