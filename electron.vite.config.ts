import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { CONTENT_SECURITY_POLICY, metaPolicy } from './src/main/app/csp'

/**
 * The page's own copy of the policy, from the one definition the app:// scheme also sends as a header:
 * a page opened some other way (a file, a devtools reload) is held to it too. Under `electron-vite dev`
 * only, the React plugin injects an inline preamble and Vite talks to its HMR server over a WebSocket,
 * so the dev server's page allows those; built files keep the strict policy.
 */
const cspMeta: Plugin = {
  name: 'margin-csp-meta',
  transformIndexHtml: (_html, ctx) => {
    const strict = metaPolicy(CONTENT_SECURITY_POLICY)
    const content = ctx.server
      ? strict.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*")
      : strict
    return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content }, injectTo: 'head-prepend' }]
  },
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The Electron main process, the backend it starts (a utilityProcess that owns the library),
        // the `margin` CLI and their parsing thread; only the main process loads Electron.
        input: {
          index: resolve('src/main/index.ts'),
          backend: resolve('src/main/backend/index.ts'),
          cli: resolve('src/main/cli/index.ts'),
          // the parsing thread of large imports, started by the backend and the CLI (src/main/library/parseAhead/)
          parseWorker: resolve('src/main/library/parseAhead/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can only require('electron'): bundle everything else into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    base: './',
    build: { rollupOptions: { input: { index: resolve('src/renderer/index.html') } } },
    plugins: [react(), cspMeta],
  },
})
