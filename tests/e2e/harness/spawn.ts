/**
 * Starts the harness in a child Node process (tests/e2e/harness/child.ts, bundled by esbuild into
 * out/e2e/), for tests and benchmarks that must kill the "main process" or run outside Playwright's
 * test runner. `root` is the checkout (the bundle cannot find it from its own location).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { build } from 'esbuild'

export interface HarnessProcess {
  url: string
  child: ChildProcess
  /** Kills the process at once (SIGKILL) and resolves when it is gone. */
  kill(): Promise<void>
  /** Stops it cleanly (SIGTERM: closes the library) and resolves when it is gone. */
  stop(): Promise<void>
}

export async function spawnHarness({ root, dir }: { root: string; dir: string }): Promise<HarnessProcess> {
  const outfile = join(root, 'out', 'e2e', 'harness-child.mjs')
  await build({
    entryPoints: [join(root, 'tests', 'e2e', 'harness', 'child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
    outfile,
    // server.ts finds the renderer and its browser-api.ts from its own folder
    define: { 'import.meta.dirname': JSON.stringify(join(root, 'tests', 'e2e', 'harness')) },
  })
  const child = spawn(process.execPath, [outfile, dir], { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the harness process exited with ${code} before listening`)))
    createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { url: string }).url))
  })
  const end = (signal: NodeJS.Signals) => async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
  }
  return { url, child, kill: end('SIGKILL'), stop: end('SIGTERM') }
}
