import { existsSync } from 'node:fs'
import type { Command } from 'commander'
import { listBackups } from '../../library/backup'
import { restoreLibrary } from '../../library/restore'
import { EXIT } from '../exitCodes'
import { libraryPathOf, printJson, withLibrary } from '../context'
import { describeCheck } from '../../../shared/contract/shapes/check'

export function registerMaintenance(program: Command): void {
  program
    .command('backup')
    .description('copy the library into the backups/ folder beside it now (the newest 7 of Margin\'s backups are kept)')
    .option('--list', 'list the backups instead')
    .option('--json', 'print the result as JSON')
    .action((opts: { list?: boolean; json?: boolean }, command: Command) => {
      const path = libraryPathOf(command)
      if (opts.list) {
        const backups = listBackups(path)
        if (opts.json) printJson({ backups })
        else if (backups.length === 0) console.log('No backups yet. Make one with: margin backup')
        else for (const b of backups) console.log(`${b.at}  ${b.reason.padEnd(16)}  ${b.path}`)
        return
      }
      const file = withLibrary(command, (lib) => lib.backup())
      if (opts.json) printJson({ backup: file })
      else console.log(`Backed up the library to ${file}`)
    })

  program
    .command('restore')
    .description('replace the library with a backup (refused while the app or another margin has the library open)')
    .argument('<file>', 'a backup (see `margin backup --list`)')
    .option('--json', 'print the result as JSON')
    .action((file: string, opts: { json?: boolean }, command: Command) => {
      const result = restoreLibrary(libraryPathOf(command), file)
      if (opts.json) printJson(result)
      else {
        console.log(`Restored ${result.restored} from ${result.from}.`)
        if (result.previous) console.log(`The library as it was is kept in ${result.previous}.`)
      }
    })

  program
    .command('check')
    .description('check the library: SQLite integrity, foreign keys and the search index (exit 65 when something is wrong)')
    .option('--json', 'print the report as JSON')
    .action((opts: { json?: boolean }, command: Command) => {
      const path = libraryPathOf(command)
      if (!existsSync(path)) {
        console.error(`margin: no library at ${path} yet (it is created by the first import).`)
        process.exitCode = EXIT.noInput
        return
      }
      const report = withLibrary(command, (lib) => lib.check())
      if (opts.json) printJson(report)
      else {
        const { lines, verdict } = describeCheck(report)
        for (const line of [...lines, verdict]) console.log(line)
      }
      if (!report.ok) process.exitCode = EXIT.dataErr
    })
}
