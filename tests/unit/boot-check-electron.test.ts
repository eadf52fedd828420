/** scripts/check-electron.mjs, run before `npm start` / `npm run dev`, in a project laid out on disk. */
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const SCRIPT = resolve(__dirname, '../../scripts/check-electron.mjs')
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A project whose node_modules/electron is what `npm ci` leaves (the package, no binary). */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'margin-check-electron-'))
  dirs.push(dir)
  mkdirSync(join(dir, 'scripts'))
  copyFileSync(SCRIPT, join(dir, 'scripts', 'check-electron.mjs'))
  mkdirSync(join(dir, 'node_modules', 'electron'), { recursive: true })
  writeFileSync(join(dir, 'node_modules', 'electron', 'package.json'), JSON.stringify({ name: 'electron', version: '45.0.0' }))
  return dir
}

function check(dir: string, env: NodeJS.ProcessEnv = {}) {
  const env2: NodeJS.ProcessEnv = { ...process.env, ...env }
  if (!('ELECTRON_OVERRIDE_DIST_PATH' in env)) delete env2['ELECTRON_OVERRIDE_DIST_PATH']
  return spawnSync(process.execPath, ['scripts/check-electron.mjs'], { cwd: dir, encoding: 'utf8', env: env2 })
}

describe('check-electron', () => {
  it('without the binary: exit 1 and one sentence on stderr naming the fetch command, no stack trace', () => {
    const run = check(project())
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^Electron's binary is not installed \(.*path\.txt is missing\): run `node node_modules\/electron\/install\.js` to download it, then try again\.$/)
    expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/)
  })

  it('names the executable when path.txt exists but dist/ does not', () => {
    const dir = project()
    writeFileSync(join(dir, 'node_modules', 'electron', 'path.txt'), 'electron')
    const run = check(dir)
    expect(run.status).toBe(1)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain(join('node_modules', 'electron', 'dist', 'electron'))
  })

  it('with the binary in place: exit 0 and silence', () => {
    const dir = project()
    writeFileSync(join(dir, 'node_modules', 'electron', 'path.txt'), 'electron')
    mkdirSync(join(dir, 'node_modules', 'electron', 'dist'))
    writeFileSync(join(dir, 'node_modules', 'electron', 'dist', 'electron'), '')
    const run = check(dir)
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: '', stderr: '' })
  })

  it('without the electron package at all: asks for npm install', () => {
    const dir = project()
    rmSync(join(dir, 'node_modules'), { recursive: true })
    const run = check(dir)
    expect(run.status).toBe(1)
    expect(run.stderr.trim()).toBe('The electron package is not installed: run `npm install` first.')
  })
})

describe('this checkout', () => {
  it('answers the same way as the bare script (exit 0 only when the binary really exists)', () => {
    const run = spawnSync(process.execPath, [SCRIPT], { cwd: resolve(__dirname, '../..'), encoding: 'utf8' })
    if (run.status === 0) expect(run.stderr).toBe('')
    else expect(run.stderr.trim().split('\n')).toHaveLength(1)
  })
})
