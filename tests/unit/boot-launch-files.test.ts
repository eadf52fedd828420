/** Dumps handed over on a command line or by a second instance: which arguments are files, and their order. */
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { filesFromArgv, LaunchQueue } from '../../src/main/app/launchFiles'
import { DUMP_FILES, DUMPS_DIR } from '../helpers/fixtures'

describe('filesFromArgv', () => {
  it('skips the executable (and unpackaged, the entry script), switches and non-files; resolves against cwd', () => {
    const argv = ['/opt/Margin/margin', '--allow-file-access', DUMP_FILES[0]!, 'missing.txt', DUMPS_DIR, '002_b991b74b2b9d61a1.txt']
    expect(filesFromArgv(argv, { isPackaged: true, cwd: DUMPS_DIR })).toEqual([DUMP_FILES[0], resolve(DUMPS_DIR, '002_b991b74b2b9d61a1.txt')])
    expect(filesFromArgv(['electron', DUMP_FILES[0]!, DUMP_FILES[1]!], { isPackaged: false, cwd: '/' })).toEqual([DUMP_FILES[1]])
    expect(filesFromArgv(['margin', DUMP_FILES[0]!, DUMP_FILES[0]!], { isPackaged: true, cwd: '/' })).toEqual([DUMP_FILES[0]])
  })
})

describe('LaunchQueue', () => {
  it('holds paths until started, then imports batches one after another in order', async () => {
    const batches: string[][] = []
    let running = 0
    const queue = new LaunchQueue(async (paths) => {
      expect(running).toBe(0)
      running++
      await new Promise((r) => setImmediate(r))
      batches.push(paths)
      running--
    })
    queue.add(['a'])
    queue.add(['b'])
    await queue.idle()
    expect(batches).toEqual([])
    queue.start()
    queue.add(['c'])
    queue.add([])
    await queue.idle()
    expect(batches).toEqual([['a', 'b'], ['c']])
  })

  it('keeps going after a failed import', async () => {
    const seen: string[][] = []
    const logged: unknown[] = []
    const queue = new LaunchQueue(
      async (paths) => {
        seen.push(paths)
        if (paths[0] === 'bad') throw new Error('disk full')
      },
      (_message, error) => logged.push(error),
    )
    queue.start()
    queue.add(['bad'])
    queue.add(['good'])
    await queue.idle()
    expect(seen).toEqual([['bad'], ['good']])
    expect(logged).toEqual([new Error('disk full')])
  })
})
