/**
 * The library runs in a process of its own; when it stops, main restarts it and pushes
 * backend:status. The window says so ("Margin's library stopped; restarting…") until it runs again,
 * and says when it could not be restarted. (The restart itself is proven by tests/unit/boot.test.ts
 * and tests/unit/backend-client.test.ts, and in the window by backend-crash.spec.ts, which kills the
 * harness's backend; here the harness pushes the statuses main would, to check each one's banner.)
 */
import { DUMPS, dropFiles, expect, fileFromDisk, screenshot, test } from './harness/fixtures'

test.setTimeout(180_000)

test('the banner shows while the library restarts, and goes when it runs again', async ({ app: page, harness }) => {
  await dropFiles(page, [fileFromDisk(DUMPS[0]!)])
  await expect(page.getByTestId('filter-all')).toHaveText('All 44')
  const banner = page.getByTestId('backend-status')
  await expect(banner).toHaveCount(0)

  harness.push('backend:status', { state: 'restarting' })
  await expect(banner).toHaveText("Margin's library stopped; restarting…")
  await expect(banner).toHaveAttribute('role', 'status')
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    for (const [w, h] of [[800, 600], [1440, 900]] as const) {
      await page.setViewportSize({ width: w, height: h })
      await screenshot(page, `backend-restarting-${scheme}-${w}x${h}`)
    }
  }

  harness.push('backend:status', { state: 'running' })
  await expect(banner).toHaveCount(0)
  // the feed is still there and answers
  await expect(page.getByTestId('feed-row').first()).toBeVisible()

  harness.push('backend:status', { state: 'stopped' })
  await expect(banner).toContainText('could not be restarted')
  await page.emulateMedia({ colorScheme: 'light' })
  await screenshot(page, 'backend-stopped-light-1440x900')
})
