/* global console, process, Buffer */
/**
 * Rasterises resources/icon.svg into the PNGs and the .ico the packager uses, with Debian's Chromium
 * through Playwright (a developer's tool: the results are committed, so CI never runs this).
 *   node scripts/icons.mjs            (CHROMIUM_PATH overrides /usr/bin/chromium)
 * Writes resources/icon.png (1024), resources/icons/<n>x<n>.png (16–1024, Linux) and
 * resources/icon.ico (16–256, PNG-compressed entries, Windows). macOS's .icns is made by
 * electron-builder from icon.png.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const resources = join(root, 'resources')
const svg = readFileSync(join(resources, 'icon.svg'), 'utf8')
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]

/** An .ico whose images are PNGs (Windows Vista and later read them). */
function ico(images) {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(images.length, 4)
  let offset = 6 + 16 * images.length
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16)
    entry.writeUInt8(size >= 256 ? 0 : size, 0)
    entry.writeUInt8(size >= 256 ? 0 : size, 1)
    entry.writeUInt16LE(1, 4) // colour planes
    entry.writeUInt16LE(32, 6) // bits per pixel
    entry.writeUInt32LE(png.length, 8)
    entry.writeUInt32LE(offset, 12)
    offset += png.length
    return entry
  })
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)])
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] })
try {
  const pngs = new Map()
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 })
    const sized = svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`)
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`)
    pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }))
    await page.close()
  }
  mkdirSync(join(resources, 'icons'), { recursive: true })
  for (const [size, png] of pngs) writeFileSync(join(resources, 'icons', `${size}x${size}.png`), png)
  writeFileSync(join(resources, 'icon.png'), pngs.get(1024))
  writeFileSync(join(resources, 'icon.ico'), ico(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))))
  console.log(`wrote resources/icon.png, resources/icon.ico and ${pngs.size} PNGs in resources/icons/`)
} finally {
  await browser.close()
}
