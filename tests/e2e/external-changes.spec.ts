/**
 * The app and the `margin` CLI share one library: what the CLI does while the window is open (an
 * import, a star) shows up in the feed, its counts and the smart feeds without any action in the
 * window. The built CLI runs as its own process on the harness's library file.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { DUMPS, dropFiles, expect, fileFromDisk, test } from './harness/fixtures'

const ROOT = resolve(import.meta.dirname, '../..')
const MARGIN = join(ROOT, 'bin', 'margin.js')
const run = promisify(execFile)

/** Runs the built `margin` command on the harness's library, as a user in a terminal would. */
async function margin(library: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [MARGIN, '--library', library, ...args], { encoding: 'utf8' })
  return stdout
}

test.beforeAll(() => {
  if (!existsSync(join(ROOT, 'out', 'main', 'cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` first')
})

test('papers the CLI imports while the window is open appear in the feed, counts and smart feeds', async ({ app: page, harness }) => {
  const library = join(harness.dir, 'library.sqlite')
  // the window starts empty: the CLI's first import replaces the empty screen with the feed
  await margin(library, 'import', DUMPS[0]!)
  await expect(page.getByTestId('filter-all')).toHaveText('All 44')
  await expect(page.getByTestId('feed-row').first()).toBeVisible()

  // a smart feed saved in the window recounts when the CLI adds papers that match it
  await page.getByLabel('Search papers').fill('spiking')
  await page.getByTestId('save-search').click()
  await page.getByLabel('Name of the saved search').fill('Spiking')
  await page.getByLabel('Name of the saved search').press('Enter')
  await expect(page.getByText('Saved as “Spiking”')).toBeVisible()
  await page.getByLabel('Search papers').press('Escape') // back to the feed, where smart feeds are listed
  const unread = page.getByTestId('saved-search-unread')
  await expect(unread).toHaveText(/^\d+$/)
  const before = Number(await unread.textContent())

  // the other two dumps, imported by the CLI into the library the window shows
  const out = await margin(library, 'import', DUMPS[1]!, DUMPS[2]!)
  expect(out).toContain('Library: 105 papers.')
  await expect(page.getByTestId('filter-all')).toHaveText('All 105')
  await expect(page.getByTestId('filter-unread')).toHaveText('Unread 105')
  await expect(page.getByTestId('day-header').first()).toHaveAttribute('data-day', '2026-04-20')
  await expect.poll(async () => Number(await unread.textContent())).toBeGreaterThan(before)

  // a paper the CLI stars is counted in the Starred filter
  const id = JSON.parse(await margin(library, 'list', '--json', '--limit', '1')).papers[0].id as number
  await margin(library, 'mark', String(id), '--star')
  await expect(page.getByTestId('filter-starred')).toHaveText('Starred 1')
})

test('an import in the window and one by the CLI at the same time both land', async ({ app: page, harness }) => {
  const library = join(harness.dir, 'library.sqlite')
  const cli = margin(library, 'import', DUMPS[1]!, DUMPS[2]!)
  await dropFiles(page, [fileFromDisk(DUMPS[0]!)])
  await cli
  await expect(page.getByTestId('filter-all')).toHaveText('All 105')
  // no file failed in the window
  await expect(page.getByText(/failed|busy/i)).toHaveCount(0)
})
