import { spawn, spawnSync } from 'node:child_process'
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

/**
 * The same, without blocking this process (a test's own loopback server must keep answering
 * while the command runs); `env` is added to the environment.
 */
export function runMarginAsync(library: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; out: string; err: string }>((done, fail) => {
    const child = spawn(process.execPath, [MARGIN_BIN, '--library', library, ...args], { env: { ...process.env, ...env } })
    let out = ''
    let err = ''
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s))
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s))
    child.on('error', fail)
    child.on('close', (code) => done({ code, out, err }))
  })
}
