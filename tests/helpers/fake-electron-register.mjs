// `node --import ./tests/helpers/fake-electron-register.mjs out/main/index.js` runs the built main
// process against the recording stand-in for Electron (tests/helpers/fake-electron.mjs).
import { register } from 'node:module'

register('./fake-electron-hooks.mjs', import.meta.url)
