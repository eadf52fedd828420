import { resolve } from 'node:path'
import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import { MarginError } from '../../errors'
import { FolderWatcher } from '../../inbox/folderWatcher'
import { describeInbox, importInboxFile } from '../../inbox/importInboxFile'
import { openLibrary } from '../context'

const parseSeconds = (value: string): number => {
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0 || n > 600) throw new InvalidArgumentError(`"${value}" is not a number of seconds (0 to 600).`)
  return n
}

/** Resolves on the first SIGINT or SIGTERM (and stops listening for them). */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on)
      process.off('SIGTERM', on)
      done(signal)
    }
    process.on('SIGINT', on)
    process.on('SIGTERM', on)
  })
}

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description(
      'watch a folder and import every dump or API .json that appears in it, once it has settled; ' +
        'runs until Ctrl+C (SIGINT) or SIGTERM and prints one line per file. Files are only read, never moved or deleted.',
    )
    .argument('<folder>', 'the inbox folder')
    .option('--settle <seconds>', 'how long a file must stay unchanged before it is read (default 2)', parseSeconds)
    .option('--json', 'print one JSON object per file (a line each)')
    .action(async (folder: string, opts: { settle?: number; json?: boolean }, command: Command) => {
      const path = resolve(folder)
      const lib = openLibrary(command, { write: true })
      const watcher = new FolderWatcher(path, {
        settleMs: opts.settle === undefined ? undefined : opts.settle * 1000,
        onSettled: (file) => {
          const outcome = importInboxFile(lib, file.path, file.name)
          // a file already handled before this run started is passed over in silence
          if (outcome.status === 'seen' && file.initial) return
          if (opts.json) process.stdout.write(`${JSON.stringify(outcome)}\n`)
          else console.log(describeInbox(outcome))
        },
        onError: (e) => console.error(`margin: ${e.message}`),
      })
      try {
        try {
          watcher.start()
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code
          throw new MarginError(code === 'ENOENT' || code === 'ENOTDIR' ? 'notFound' : 'io', `${path} is not a folder Margin can read.`)
        }
        console.error(`margin: watching ${path} (Ctrl+C to stop)`)
        const signal = await untilSignal()
        await watcher.close()
        console.error(`margin: stopped (${signal})`)
      } finally {
        await watcher.close()
        lib.close()
      }
    })
}
