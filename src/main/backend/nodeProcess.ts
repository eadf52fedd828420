/**
 * The backend under plain Node: the same entry Electron starts with utilityProcess.fork, started
 * with child_process.fork and structured-clone IPC ('advanced' serialization keeps Uint8Array bytes
 * as bytes, as a utility process's postMessage does). The tests and the bench use it.
 */
import { fork } from 'node:child_process'
import type { BackendProcess } from './client'
import type { FromBackend } from './protocol'

export function forkNodeBackend(modulePath: string, options: { execArgv?: string[]; env?: NodeJS.ProcessEnv } = {}): BackendProcess {
  const child = fork(modulePath, [], {
    execArgv: options.execArgv ?? [],
    env: options.env ?? process.env,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return {
    get pid() {
      return child.exitCode === null && child.signalCode === null ? child.pid : undefined
    },
    postMessage: (message) => {
      // a closed channel drops the message, as a dead utility process would; so does a channel
      // that closes as it is sent (EPIPE comes to the callback rather than as an unhandled 'error')
      if (child.connected) child.send(message, () => {})
    },
    onMessage: (listener) => void child.on('message', (message) => listener(message as FromBackend)),
    onExit: (listener) => void child.on('exit', (code) => listener(code)),
    kill: () => void child.kill(),
  }
}
