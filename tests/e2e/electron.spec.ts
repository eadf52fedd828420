/**
 * The same journey in the real Electron app (out/main/index.js with the sandboxed preload), for
 * machines that have the Electron binary. Elsewhere it is skipped with the reason.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { DUMPS, dropFiles, fileFromDisk, screenshot } from './harness/fixtures'

const ROOT = resolve(import.meta.dirname, '../..')
const MAIN = join(ROOT, 'out', 'main', 'index.js')

/**
 * The binary's path, found as node_modules/electron/index.js finds it but without requiring that
 * file: since Electron 42 requiring it starts a download when the binary is missing.
 */
function electronBinary(): string | null {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
    const executable = readFileSync(join(dir, 'path.txt'), 'utf8').trim()
    const path = join(process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist'), executable)
    return existsSync(path) ? path : null
  } catch {
    return null
  }
}

const binary = electronBinary()

test.skip(!binary, 'the Electron binary is not installed here (node_modules/electron has no path.txt or dist/: `node node_modules/electron/install.js` fetches it); the browser journey covers the renderer and tests/unit/boot.test.ts the built main process and preload')

test('Electron: drop three dumps, triage with the keyboard, star, note, relaunch keeps everything', async () => {
  const userData = mkdtempSync(join(tmpdir(), 'margin-electron-'))
  const env: Record<string, string | undefined> = { ...process.env, MARGIN_USER_DATA: userData, MARGIN_LIBRARY: join(userData, 'library.sqlite') }
  delete env.ELECTRON_RUN_AS_NODE
  try {
    let app = await electron.launch({ executablePath: binary!, args: [MAIN], env: env as Record<string, string> })
    let page = await app.firstWindow()
    await expect(page.getByTestId('empty-library')).toBeVisible()

    // The renderer is isolated: only window.margin, no Node.
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined')
    expect(await page.evaluate(() => Object.keys((window as unknown as { margin: object }).margin).includes('importFiles'))).toBe(true)

    await dropFiles(page, DUMPS.map((p) => fileFromDisk(p)))
    await expect(page.getByTestId('toast-text')).toHaveCount(3)
    await expect(page.getByTestId('filter-all')).toHaveText(/^All\s*105$/)
    await expect(page.getByTestId('day-header').first()).toContainText('14 unread')

    await page.keyboard.press('j')
    const first = (await page.getByTestId('reader').getAttribute('data-id'))!
    await expect(page.locator(`[data-testid="feed-row"][data-id="${first}"]`)).toHaveAttribute('data-read', 'true')
    await page.keyboard.press('s')
    await page.keyboard.press('n')
    await page.keyboard.type('electron note')
    await expect(page.getByTestId('save-state')).toHaveText(/^Saved/)
    await screenshot(page, 'electron-three-panes')
    await app.close()

    app = await electron.launch({ executablePath: binary!, args: [MAIN], env: env as Record<string, string> })
    page = await app.firstWindow()
    await expect(page.getByTestId('filter-unread')).toHaveText(/^Unread\s*104$/)
    await expect(page.getByTestId('filter-starred')).toHaveText(/^Starred\s*1$/)
    await expect(page.getByTestId('filter-notes')).toHaveText(/^Notes\s*1$/)
    await app.close()
  } finally {
    rmSync(userData, { recursive: true, force: true })
  }
})
