/**
 * Starts the harness in a child Node process (tests/e2e/harness/child.ts, bundled by esbuild into
 * out/e2e/), for tests and benchmarks that must kill the "main process" or run outside Playwright's
 * test runner. `root` is the checkout (the bundle cannot find it from its own location).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { build } from 'esbuild'

export interface HarnessProcess {
  url: string
  child: ChildProcess
  /** The backend process the harness started (out/main/backend.js), which holds the library. */
  backendPid: number
  /** Kills the harness and its backend at once (SIGKILL, as a crash of the app would) and resolves when both are gone. */
  kill(): Promise<void>
  /** Stops it cleanly (SIGTERM: the backend closes the library) and resolves when both are gone. */
  stop(): Promise<void>
}

/** Whether a process has ended (a zombie waiting for its parent to reap it has). */
function ended(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z')
  } catch {
    try {
      process.kill(pid, 0)
      return false
    } catch {
      return true
    }
  }
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 20))
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
  const { url, backendPid } = await new Promise<{ url: string; backendPid: number }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the harness process exited with ${code} before listening`)))
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as { url: string; backendPid: number }))
  })
  const end = (signal: NodeJS.Signals) => async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    // a crash takes the backend with it (Electron ends a utility process with the app)
    if (signal === 'SIGKILL' && !ended(backendPid)) {
      try {
        process.kill(backendPid, 'SIGKILL')
      } catch {
        // it ended in between
      }
    }
    await exited
    await until(() => ended(backendPid))
  }
  return { url, child, backendPid, kill: end('SIGKILL'), stop: end('SIGTERM') }
}
