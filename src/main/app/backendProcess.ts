/**
 * Starts the backend (out/main/backend.js) in an Electron utilityProcess: a Node.js child started
 * through Chromium's services, talking over postMessage (main) / process.parentPort (child), both
 * structured clone. Docs: https://www.electronjs.org/docs/latest/api/utility-process
 * Thin on purpose: src/main/backend/client.ts does the rest, and the tests run it with Node's fork.
 */
import { utilityProcess } from 'electron'
import type { BackendProcess } from '../backend/client'
import type { FromBackend } from '../backend/protocol'

export function forkBackend(modulePath: string): BackendProcess {
  // must be called after app `ready`; stdout/stderr go where the app's do
  const child = utilityProcess.fork(modulePath, [], { serviceName: 'Margin library', stdio: 'inherit' })
  return {
    get pid() {
      return child.pid
    },
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => void child.on('message', (message: unknown) => listener(message as FromBackend)),
    onExit: (listener) => void child.on('exit', (code: number) => listener(code)),
    kill: () => void child.kill(),
  }
}
