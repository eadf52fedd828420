/** The menu template per platform and packaging state (Electron's Menu is not needed to read it). */
import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({ Menu: { buildFromTemplate: (t: unknown) => t } }))
const { menuTemplate, README_URL } = await import('../../src/main/app/menu')

const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])])
const roles = (items: MenuItemConstructorOptions[]) => flatten(items).map((i) => i.role).filter(Boolean)

function template(platform: NodeJS.Platform, isPackaged: boolean) {
  const calls = { imported: 0, checked: 0, opened: [] as string[] }
  const items = menuTemplate(
    { importFiles: () => calls.imported++, checkLibrary: () => calls.checked++, openExternal: (url) => calls.opened.push(url) },
    { isPackaged, platform, appName: 'Margin' },
  )
  return { items, calls }
}

describe('menuTemplate', () => {
  it('macOS: the app menu first (About, Hide, Quit), Close in File, Window with Minimize/Zoom/Front', () => {
    const { items } = template('darwin', true)
    expect(items[0]!.label).toBe('Margin')
    expect(roles([items[0]!])).toEqual(expect.arrayContaining(['about', 'hide', 'hideOthers', 'quit']))
    expect(roles([items.find((i) => i.label === 'File')!])).toEqual(['close'])
    expect(roles([items.find((i) => i.label === 'Window')!])).toEqual(['minimize', 'zoom', 'front'])
    expect(roles([items.find((i) => i.label === 'Edit')!])).toContain('pasteAndMatchStyle')
  })

  it('Windows and Linux: no app menu, Quit in File', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const { items } = template(platform, true)
      expect(items.map((i) => i.label ?? i.role)).toEqual(['File', 'Edit', 'View', 'Window', 'help'])
      expect(roles([items[0]!])).toEqual(['quit'])
    }
  })

  it('developer items only when not packaged, on every platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(roles(template(platform, true).items)).not.toEqual(expect.arrayContaining(['reload']))
      for (const role of ['reload', 'forceReload', 'toggleDevTools']) {
        expect(roles(template(platform, true).items), `${platform} packaged`).not.toContain(role)
        expect(roles(template(platform, false).items), `${platform} unpackaged`).toContain(role)
      }
    }
  })

  it('Import, Help and Check Library call their actions', () => {
    const { items, calls } = template('linux', true)
    const all = flatten(items)
    const click = (label: string) => (all.find((i) => i.label === label)!.click as () => void)()
    click('Import Dumps…')
    click('Margin Help')
    click('Check Library…')
    expect(calls).toEqual({ imported: 1, checked: 1, opened: [README_URL] })
    expect(new URL(README_URL).protocol).toBe('https:')
  })

  it('Check Library… is disabled until something handles it', () => {
    const items = menuTemplate({ importFiles: () => {}, openExternal: () => {} }, { isPackaged: true, platform: 'linux', appName: 'Margin' })
    expect(flatten(items).find((i) => i.label === 'Check Library…')!.enabled).toBe(false)
  })
})

describe('Edit ▸ Undo / Redo and File ▸ Import History…', () => {
  const withEdit = (platform: NodeJS.Platform) => {
    const calls: string[] = []
    const items = menuTemplate(
      { importFiles: () => {}, openExternal: () => {}, importHistory: () => calls.push('history'), edit: (a) => calls.push(a) },
      { isPackaged: true, platform, appName: 'Margin' },
    )
    return { all: flatten(items), edit: items.find((i) => i.label === 'Edit')!, calls }
  }

  it('with an edit action, Undo and Redo are plain items with the keymap keys that hand the choice to the renderer', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const { edit, calls } = withEdit(platform)
      const sub = edit.submenu as MenuItemConstructorOptions[]
      // a role item ignores click and runs only the page's editing undo: no role here
      expect(sub.slice(0, 2).map((i) => [i.label, i.role, i.accelerator])).toEqual([
        ['Undo', undefined, 'CmdOrCtrl+Z'],
        ['Redo', undefined, 'CmdOrCtrl+Shift+Z'],
      ])
      ;(sub[0]!.click as () => void)()
      ;(sub[1]!.click as () => void)()
      expect(calls).toEqual(['undo', 'redo'])
      // the other Edit items keep their roles (cut, copy, paste work natively in text fields)
      expect(roles([edit])).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll']))
    }
  })

  it('without one they stay Electron roles', () => {
    expect(roles([template('linux', true).items.find((i) => i.label === 'Edit')!]).slice(0, 2)).toEqual(['undo', 'redo'])
  })

  it('Import History… asks for the history', () => {
    const { all, calls } = withEdit('linux')
    ;(all.find((i) => i.label === 'Import History…')!.click as () => void)()
    expect(calls).toEqual(['history'])
    expect(template('linux', true).items.flatMap((i) => flatten([i])).some((i) => i.label === 'Import History…')).toBe(false)
  })
})
