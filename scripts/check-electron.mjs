/* global console, process */
/**
 * Runs before `npm start` and `npm run dev`: is Electron's binary installed? Since Electron 42 the
 * `electron` package no longer downloads it when installed, so a fresh checkout (or one installed
 * offline) has none. When it is missing this prints one sentence saying what to run, and exits 1.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'

const FETCH = 'node node_modules/electron/install.js'

function problem() {
  let dir
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return 'The electron package is not installed: run `npm install` first.'
  }
  const shown = relative(process.cwd(), dir) || dir
  const pathFile = join(dir, 'path.txt')
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  // Electron's own lookup (node_modules/electron/index.js): path.txt names the file under dist/.
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override ? !existsSync(join(override, executable ?? 'electron')) : !executable || !existsSync(join(dir, 'dist', executable))) {
    return `Electron's binary is not installed (${join(shown, executable ? join('dist', executable) : 'path.txt')} is missing): run \`${FETCH}\` to download it, then try again.`
  }
  return null
}

const message = problem()
if (message) {
  console.error(message)
  process.exit(1)
}
