/**
 * The backend process's entry (built to out/main/backend.js). Electron's main process starts it with
 * utilityProcess.fork (src/main/app/backendProcess.ts); the boot test's fake Electron and the bench
 * start the same file with child_process.fork.
 */
import { serveBackend } from './service'
import { parentTransport } from './transport'
import { useParseWorkerBeside } from '../library/parseAhead/parseAhead'

// large imports parse on the second core, in the thread built beside this file
useParseWorkerBeside(import.meta.url)

const backend = serveBackend(parentTransport(), (code) => process.exit(code))
// Under Node, a parent that goes away (a crash, a test that ends) closes the IPC channel: the
// library is closed cleanly rather than left to the OS. (A utilityProcess ends with the app.)
process.on('disconnect', () => backend.close())
