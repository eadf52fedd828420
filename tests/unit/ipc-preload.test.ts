import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

describe('the sandboxed preload', () => {
  it('bundles to code that needs nothing but electron (a sandboxed preload cannot require anything else)', async () => {
    const result = await build({
      entryPoints: ['src/preload/index.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    })
    const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path))
    expect([...new Set(imports)]).toEqual(['electron'])
    // No Node or library code sneaks in through the contract's channel files.
    const inputs = Object.keys(result.metafile.inputs)
    expect(inputs.filter((p) => /better-sqlite3|library\/library|node:/.test(p))).toEqual([])
  })
})
