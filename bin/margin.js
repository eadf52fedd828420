#!/usr/bin/env node
// The `margin` command: runs the CLI that `npm run build` bundles into out/main/cli.js.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url))
if (!existsSync(cli)) {
  console.error('margin: the CLI is not built yet. Run `npm run build` in the Margin checkout first.')
  process.exit(2)
}
await import(cli)
