/**
 * The packaging config (electron-builder.yml), loaded and validated the way electron-builder does,
 * without building (that needs Electron's binary): targets, native-module unpacking, fuses, icons.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../..')
const require = createRequire(import.meta.url)
interface BuilderConfig {
  appId?: string
  productName?: string
  files?: { filter: string[] }[]
  asarUnpack?: string[]
  electronFuses?: Record<string, boolean>
  mac?: { icon?: string; target?: { target: string; arch: string[] }[] }
  win?: { icon?: string; target?: { target: string; arch: string[] }[] }
  linux?: { icon?: string; target?: { target: string; arch: string[] }[] }
  directories?: { buildResources?: string }
}
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig: (dir: string, path: string | null, extra: null) => Promise<BuilderConfig>
  validateConfiguration: (config: unknown, logger: unknown) => Promise<void>
}
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }

let config: BuilderConfig
beforeAll(async () => {
  config = await getConfig(ROOT, null, null)
})

const targets = (platform?: { target?: { target: string; arch: string[] }[] }) => (platform?.target ?? []).map((t) => `${t.target}:${t.arch.join('+')}`)

/** A PNG's width and height from its IHDR chunk. */
function pngSize(path: string): [number, number] {
  const b = readFileSync(path)
  expect(b.subarray(1, 4).toString()).toBe('PNG')
  return [b.readUInt32BE(16), b.readUInt32BE(20)]
}

describe('electron-builder.yml', () => {
  it('loads and passes electron-builder’s own schema (which rejects unknown keys)', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    await expect(validateConfiguration({ ...config, electronFusez: {} }, new DebugLogger(false))).rejects.toThrow(/electronFusez/)
    expect(config.appId).toBe('app.margin.desktop')
    expect(config.productName).toBe('Margin')
  }, 60_000) // compiling electron-builder's JSON schema takes ~10 s on a 2-core machine

  it('names the three platforms’ targets', () => {
    expect(targets(config.mac)).toEqual(['dmg:arm64+x64'])
    expect(targets(config.win)).toEqual(['nsis:x64+arm64'])
    expect(targets(config.linux)).toEqual(['AppImage:x64+arm64', 'deb:x64+arm64'])
  })

  it('packs the built app and unpacks better-sqlite3’s native module from the asar', () => {
    const files = config.files!.flatMap((f) => f.filter)
    expect(files).toEqual(expect.arrayContaining(['out/**/*', 'package.json']))
    const main = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { main: string }).main
    expect(main).toMatch(/^\.\/out\//)
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**')
  })

  it('sets Electron’s fuses for a locked-down build', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    })
  })

  it('every icon it names exists, at the sizes the platforms need', () => {
    const mac = resolve(ROOT, config.mac!.icon!)
    expect(pngSize(mac)).toEqual([1024, 1024])
    const ico = readFileSync(resolve(ROOT, config.win!.icon!))
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1])
    const count = ico.readUInt16LE(4)
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256)
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]))
    const linux = resolve(ROOT, config.linux!.icon!)
    expect(statSync(linux).isDirectory()).toBe(true)
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(resolve(linux, `${size}x${size}.png`)), `${size}`).toEqual([size, size])
    }
    expect(existsSync(resolve(ROOT, config.directories!.buildResources!, 'icon.svg'))).toBe(true)
  })
})
