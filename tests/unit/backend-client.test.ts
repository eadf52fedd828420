/**
 * The main process's backend client against the REAL built backend (out/main/backend.js, forked
 * under Node as the boot test's fake utilityProcess does): calls and pushes cross, the shell's
 * dialogs are asked of main, a killed backend is restarted with calls made meanwhile answered by the
 * new one, a library that cannot be opened is fatal, and a backend that keeps dying is given up.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { BackendClient, type BackendProcess, type BackendState } from '../../src/main/backend/client'
import { forkNodeBackend } from '../../src/main/backend/nodeProcess'
import type { ToBackend } from '../../src/main/backend/protocol'
import { channels } from '../../src/shared/contract'
import type { Host } from '../../src/main/ipc/host'
import { DUMP_FILES, dumpBytes } from '../helpers/fixtures'

const BACKEND = resolve(__dirname, '../../out/main/backend.js')
const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'margin-backend-'))
  dirs.push(dir)
  return dir
}

function client(dir: string, overrides: Partial<ConstructorParameters<typeof BackendClient>[0]> = {}) {
  const events: { event: string; payload: unknown }[] = []
  const states: BackendState[] = []
  const fatal: string[] = []
  const asked: string[] = []
  const host: Host = {
    showOpenDialog: async () => (asked.push('open'), [DUMP_FILES[1]!]),
    showSaveDialog: async () => (asked.push('save'), join(dir, 'out.bib')),
    showFolderDialog: async () => null,
    openExternal: async () => void asked.push('external'),
  }
  const backend = new BackendClient({
    spawn: () => forkNodeBackend(BACKEND),
    config: { libraryPath: join(dir, 'library.sqlite'), settingsPath: join(dir, 'settings.json'), app: { version: '0.1.0', platform: 'linux' }, backupDelayMs: null },
    channelNames: Object.keys(channels),
    host,
    forward: (event, payload) => events.push({ event, payload }),
    onState: (s) => states.push(s),
    onFatal: (title) => fatal.push(title),
    restartDelaysMs: [0, 0, 0],
    log: () => {},
    ...overrides,
  })
  return { backend, events, states, fatal, asked }
}

describe('BackendClient with the built backend under Node', () => {
  it('forwards calls, pushes and dialog requests; a kill restarts it, and calls made meanwhile are answered', async () => {
    expect(existsSync(BACKEND), 'run `npm run build` first').toBe(true)
    const dir = tempDir()
    const { backend, events, states, asked } = client(dir)
    await backend.start()
    const firstPid = backend.pid
    expect(firstPid).not.toBe(process.pid)

    // bytes cross as bytes (structured clone), and import pushes reach `forward`
    const dropped = await backend.dispatch('importFiles', { files: [{ name: 'a.txt', bytes: dumpBytes(0) }] })
    expect(dropped).toMatchObject({ ok: true, value: [{ status: 'imported', added: 44 }] })
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['import:progress', 'library:changed']))
    // the dialog is main's: the backend asks for it and imports what it answers
    const chosen = await backend.dispatch('importWithDialog', undefined)
    expect(asked).toEqual(['open'])
    expect(chosen).toMatchObject({ ok: true, value: [{ status: 'imported' }] })
    const exported = await backend.dispatch('exportWithDialog', { format: 'bibtex', scope: { kind: 'all' } })
    expect(exported).toMatchObject({ ok: true, value: { path: join(dir, 'out.bib'), count: 76 } })
    expect(await backend.dispatch('nope', {})).toMatchObject({ ok: false, error: { code: 'unknownChannel' } })

    process.kill(firstPid!, 'SIGKILL')
    while (!states.includes('restarting')) await new Promise((r) => setTimeout(r, 5))
    // made once main knows the backend is down: waits for the new one
    const during = await backend.dispatch('counts', undefined)
    expect(during).toMatchObject({ ok: true, value: { total: 76, dumps: 2 } })
    expect(backend.pid).not.toBe(firstPid)
    expect(states).toEqual(['running', 'restarting', 'running'])
    await backend.close()
    expect(backend.currentState).toBe('stopped')
    expect(await backend.dispatch('counts', undefined)).toMatchObject({ ok: false, error: { code: 'backendRestarted' } })
  })

  it('a library that cannot be opened is fatal at once (no restart loop)', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'library.sqlite'), 'this is not a database, and Margin must not overwrite it')
    const { backend, fatal, states } = client(dir)
    await backend.start()
    expect(fatal).toEqual(['Margin cannot open its library'])
    expect(states).toEqual(['stopped'])
    expect(await backend.dispatch('counts', undefined)).toMatchObject({ ok: false, error: { code: 'backendRestarted' } })
  })
})

describe('BackendClient restart policy', () => {
  it('restarts a backend that dies, answers calls it held with backendRestarted, and gives up after the last delay', async () => {
    let spawned = 0
    const exits: ((code: number | null) => void)[] = []
    const fakeSpawn = (): BackendProcess => {
      spawned++
      const listeners: ((m: never) => void)[] = []
      return {
        pid: 1000 + spawned,
        postMessage: (m: ToBackend) => {
          // ready at once; then holds every call without answering
          if (m.type === 'init') queueMicrotask(() => listeners.forEach((l) => l({ type: 'ready', pid: 1 } as never)))
        },
        onMessage: (l) => void listeners.push(l as never),
        onExit: (l) => void exits.push(l),
        kill: () => {},
      }
    }
    const { backend, fatal, states } = client(tempDir(), { spawn: fakeSpawn, restartDelaysMs: [0, 0] })
    await backend.start()
    for (let crash = 1; crash <= 3; crash++) {
      const held = backend.dispatch('counts', undefined)
      await new Promise((r) => setTimeout(r, 0))
      exits.at(-1)!(1)
      expect(await held).toMatchObject({ ok: false, error: { code: 'backendRestarted' } })
      if (crash < 3) await new Promise((r) => setTimeout(r, 10))
    }
    expect(spawned).toBe(3)
    expect(fatal).toEqual(["Margin's library keeps stopping"])
    expect(states).toEqual(['running', 'restarting', 'running', 'restarting', 'running', 'stopped'])
  })
})
