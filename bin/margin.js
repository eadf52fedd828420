#!/usr/bin/env node
// The `margin` command: runs the CLI that `npm run build` bundles into out/main/cli.js.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// better-sqlite3 13's prebuilt binary needs Node 22 or newer; on Node 20 it would crash, not explain
const major = Number(process.versions.node.split('.')[0])
if (major < 22) {
  console.error(`margin: Node ${process.versions.node} is too old; Margin needs Node 22 or newer (https://nodejs.org).`)
  process.exit(2)
}

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url))
if (!existsSync(cli)) {
  console.error('margin: the CLI is not built yet. Run `npm run build` in the Margin checkout first.')
  process.exit(2)
}
await import(cli)
