/**
 * The harness as a process of its own (`node harness-child.mjs <library folder>`), so a test can kill
 * it abruptly — SIGKILL, as a crash would — and then read what reached the library file on disk.
 * Prints one JSON line, `{"url": …, "backendPid": …}`, once it listens.
 */
import { startHarness } from './server'

const dir = process.argv[2]
if (!dir) throw new Error('usage: harness-child <library folder>')
const harness = await startHarness({ dir })
process.stdout.write(`${JSON.stringify({ url: harness.url, backendPid: harness.backend.pid })}\n`)
process.on('SIGTERM', () => void harness.close().then(() => process.exit(0)))
