/**
 * The window from 800×600 to 2560×1440, light and dark: every visible control lies inside the
 * window, the notes can be opened and typed into, and the less-used toolbar actions are reachable
 * (in the "…" menu when the reader is narrow). Screenshots go to test-results/screenshots/.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DUMPS, dropFiles, expect, fileFromDisk, screenshot, test } from './harness/fixtures'
import type { Page } from '@playwright/test'

const SIZES = [
  { width: 800, height: 600 },
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
  { width: 2560, height: 1440 },
]

/** Every visible button, input, select and tab whose box is not wholly inside the viewport. */
async function clipped(page: Page, root = 'body'): Promise<string[]> {
  const vp = page.viewportSize()!
  const out: string[] = []
  for (const el of await page.locator(root).locator('button:visible, input:visible, select:visible, textarea:visible, [role="tab"]:visible').all()) {
    // a control in scrolled content (the reader's Similar papers under a long abstract) is reached by
    // scrolling: bring it into view, then it must be wholly visible like any other
    const inScroller = await el.evaluate((node) => {
      for (let p = node.parentElement; p; p = p.parentElement) {
        if (/(auto|scroll)/.test(getComputedStyle(p).overflowY) && p.scrollHeight > p.clientHeight) return true
      }
      return false
    })
    if (inScroller) await el.scrollIntoViewIfNeeded()
    const box = await el.boundingBox()
    if (!box || box.width === 0) continue
    const outside = box.x < 0 || box.y < 0 || box.x + box.width > vp.width + 0.5 || box.y + box.height > vp.height + 0.5
    // clipped by a scrolling ancestor or covered by another element: the centre is not the control
    const hidden =
      !outside &&
      !(await el.evaluate((node, [x, y]) => {
        const hit = document.elementFromPoint(x!, y!)
        return hit !== null && (node.contains(hit) || hit.contains(node))
      }, [box.x + box.width / 2, box.y + box.height / 2]))
    if (outside || hidden) {
      out.push(`${(await el.getAttribute('aria-label')) ?? (await el.textContent())?.trim()} at ${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}×${Math.round(box.height)}`)
    }
  }
  return out
}

for (const scheme of ['light', 'dark'] as const) {
  for (const size of SIZES) {
    test(`${size.width}×${size.height} ${scheme}: nothing clipped, notes usable`, async ({ app: page }) => {
      await page.emulateMedia({ colorScheme: scheme })
      await page.setViewportSize(size)
      await dropFiles(page, DUMPS.map((p) => fileFromDisk(p)))
      await expect(page.getByTestId('filter-all')).toHaveText(/105/)
      // the import messages are dismissed with Esc, one at a time
      while ((await page.getByTestId('toast').count()) > 0) await page.keyboard.press('Escape')
      await page.keyboard.press('j')
      await expect(page.getByTestId('reader')).toBeVisible()
      expect(await clipped(page)).toEqual([])

      // the notes: a pane beside the reader in wide windows, a drawer over it in narrow ones
      await page.keyboard.press('n')
      await page.keyboard.type('Layout note')
      const editor = page.getByTestId('note-editor')
      await expect(editor).toHaveText('Layout note')
      await expect(editor).toBeInViewport({ ratio: 1 })
      // a narrow window's drawer lies over the article (Esc closes it); the toolbars and notes stay whole
      expect(await clipped(page, '.pane-header, .feed-toolbar, .notes')).toEqual([])
      await screenshot(page, `layout-${size.width}x${size.height}-${scheme}`)

      // the less-used actions: in the "…" menu when the reader is narrow, else on the toolbar
      await page.keyboard.press('Escape')
      if (await page.getByTestId('notes-drawer').isVisible()) {
        // the first Esc left the editor, the second closes the drawer
        await page.keyboard.press('Escape')
        await expect(page.getByTestId('notes-drawer')).toHaveCount(0)
        expect(await clipped(page)).toEqual([])
      }
      const more = page.getByTestId('overflow-button')
      if (await more.isVisible()) {
        await more.focus()
        await page.keyboard.press('Enter')
        await expect(page.getByTestId('overflow-menu')).toBeVisible()
        expect(await clipped(page, '.overflow-menu')).toEqual([])
        await screenshot(page, `layout-${size.width}x${size.height}-${scheme}-menu`)
        await page.keyboard.press('ArrowDown')
        await expect(page.getByTestId('menu-settings')).toBeFocused()
        await page.keyboard.press('Enter')
      } else {
        await page.getByRole('button', { name: 'Settings' }).click()
      }
      await expect(page.getByTestId('settings')).toBeVisible()
      // the dialog covers the window: its own controls are the ones to reach
      expect(await clipped(page, '.modal')).toEqual([])
      await page.keyboard.press('Escape')
      await expect(page.getByTestId('settings')).toHaveCount(0)
    })
  }
}

test('pane widths are remembered per layout', async ({ app: page, harness }) => {
  await dropFiles(page, DUMPS.map((p) => fileFromDisk(p)))
  await expect(page.getByTestId('filter-all')).toHaveText(/105/)
  const splitter = page.getByRole('separator', { name: 'Resize the feed' })
  const drag = async (dx: number) => {
    const b = (await splitter.boundingBox())!
    await page.mouse.move(b.x + 0.5, b.y + 200)
    await page.mouse.down()
    await page.mouse.move(b.x + 0.5 + dx, b.y + 200, { steps: 4 })
    await page.mouse.up()
  }
  await drag(60)
  await expect(page.getByTestId('app')).toHaveAttribute('data-layout', 'wide')
  await page.setViewportSize({ width: 900, height: 650 })
  await expect(page.getByTestId('app')).toHaveAttribute('data-layout', 'compact')
  await drag(-40)
  await expect.poll(() => readSettings(harness.dir)).toMatchObject({ paneWidths: { feed: 440 }, paneWidthsCompact: { feed: 280 } })
  await page.setViewportSize({ width: 1440, height: 900 })
  await expect(splitter).toHaveAttribute('aria-valuenow', '440')
  await page.setViewportSize({ width: 900, height: 650 })
  await expect(splitter).toHaveAttribute('aria-valuenow', '280')
})

function readSettings(dir: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))
  } catch {
    return null
  }
}
