import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'

/**
 * `electron-vite dev` only: the React plugin injects an inline preamble and Vite talks to its HMR
 * server over a WebSocket, which the strict CSP in index.html forbids. Built files keep the strict one.
 */
const relaxCspForDevServer: Plugin = {
  name: 'margin-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*"),
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The Electron main process, the backend it starts (a utilityProcess that owns the library) and
        // the `margin` CLI; only the main process loads Electron.
        input: { index: resolve('src/main/index.ts'), backend: resolve('src/main/backend/index.ts'), cli: resolve('src/main/cli/index.ts') },
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
    plugins: [react(), relaxCspForDevServer],
  },
})
