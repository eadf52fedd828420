/**
 * Playwright fixtures: each test gets its own harness (the built backend process behind the app's
 * client, a fresh SQLite library in a temp folder) and a page opened on it, plus helpers that act like a user (dropping files on the window).
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { test as base, expect, type Locator, type Page } from '@playwright/test'
import { startHarness, type Harness } from './server'

const ROOT = resolve(import.meta.dirname, '../../..')
export const DUMP_DIR = join(ROOT, 'tests', 'fixtures', 'daily-dumps')
export const DUMPS = ['000_b42ce13f7921f815.txt', '002_b991b74b2b9d61a1.txt', '003_e0721ac073e46043.txt'].map((f) => join(DUMP_DIR, f))
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots')

export interface DropFile {
  name: string
  bytes: Uint8Array | Buffer
  /** ms since epoch */
  lastModified?: number
  type?: string
}

export const fileFromDisk = (path: string, lastModified = Date.UTC(2026, 3, 21, 9)): DropFile => ({
  name: basename(path),
  bytes: readFileSync(path),
  lastModified,
  type: 'text/plain',
})

/**
 * Drops files on the window the way a user does: dragenter, dragover and a real `drop` event whose
 * DataTransfer holds File objects built in the page from the given bytes.
 */
export async function dropFiles(page: Page, files: DropFile[], target = 'body'): Promise<void> {
  const payload = files.map((f) => ({
    name: f.name,
    data: Buffer.from(f.bytes).toString('base64'),
    lastModified: f.lastModified ?? Date.now(),
    type: f.type ?? '',
  }))
  await page.evaluate(
    async ({ payload, target }) => {
      const dt = new DataTransfer()
      for (const f of payload) {
        const bin = atob(f.data)
        const bytes = new Uint8Array(bin.length)
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
        dt.items.add(new File([bytes], f.name, { type: f.type, lastModified: f.lastModified }))
      }
      const el = document.querySelector(target)!
      el.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: dt }))
      el.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }))
      await new Promise((r) => setTimeout(r, 50))
      el.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }))
    },
    { payload, target },
  )
}

/** Starts dragging files over the window without dropping (to see the overlay); returns a function that leaves. */
export async function dragOver(page: Page, names: string[]): Promise<() => Promise<void>> {
  await page.evaluate((names) => {
    const dt = new DataTransfer()
    for (const n of names) dt.items.add(new File(['x'], n, { type: 'text/plain' }))
    ;(window as unknown as { __drag: DataTransfer }).__drag = dt
    document.body.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: dt }))
    document.body.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }))
  }, names)
  return async () => {
    await page.evaluate(() => {
      const dt = (window as unknown as { __drag: DataTransfer }).__drag
      document.body.dispatchEvent(new DragEvent('dragleave', { bubbles: true, cancelable: true, dataTransfer: dt }))
    })
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' })
}

export const test = base.extend<{ harness: Harness; app: Page }>({
  // eslint-disable-next-line no-empty-pattern
  harness: async ({}, use) => {
    const harness = await startHarness()
    await use(harness)
    await harness.close()
  },
  app: async ({ page, harness }, use) => {
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    await page.goto(harness.url)
    await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true')
    await use(page)
    expect(errors, 'no errors in the page console').toEqual([])
  },
})

export { expect }

/**
 * An attribute once it has stopped changing (two reads 400 ms apart agree): after a burst of keys
 * the reader follows with a lag on a loaded machine, and reading it at once gives a paper on the way.
 */
export async function settledAttribute(locator: Locator, name: string): Promise<string> {
  let value = ''
  await expect
    .poll(
      async () => {
        const now = (await locator.getAttribute(name)) ?? ''
        const settled = now === value
        value = now
        return settled
      },
      { intervals: [400] },
    )
    .toBe(true)
  return value
}

