import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

export const MARGIN_BIN = resolve(__dirname, '../../bin/margin.js')
const CLI = resolve(__dirname, '../../out/main/cli.js')

/** Fails early with the fix when the CLI has not been built (`npm test` builds it first). */
export function requireBuiltCli(): void {
  if (!existsSync(CLI)) throw new Error('out/main/cli.js is missing: run `npm run build` first (npm test does)')
}

/** Runs the built `margin` command on `library`, as a user would. */
export function runMargin(library: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [MARGIN_BIN, '--library', library, ...args], { encoding: 'utf8' })
  return { code: r.status, out: r.stdout, err: r.stderr }
}
