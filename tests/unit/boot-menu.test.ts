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
