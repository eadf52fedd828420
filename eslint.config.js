// Lint: typescript-eslint's recommended rules with type information, React hooks rules for the renderer,
// and the directions imports may take between folders.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** A rule forbidding imports whose path names one of `folders` (relative or not). */
const forbid = (folders, why) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [{ regex: `(^|/)(${folders.join('|')})(/|$)`, message: why }] },
  ],
})
const forbidModules = (names, why) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [{ regex: `^(${names.join('|')})(/|$)`, message: why }, { regex: '(^|/)(main|renderer|preload)(/|$)', message: why }] },
  ],
})

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
    languageOptions: { globals: globals.browser },
  },
  { files: ['bin/**/*.js', 'eslint.config.js'], languageOptions: { globals: globals.node } },

  // Directions: renderer → shared ← preload; main → shared; inside main, app/cli → ipc → features
  // (export, search, dump, files) → library; the library imports no feature.
  {
    files: ['src/shared/**/*.ts'],
    rules: forbidModules(['node:.*', 'electron', 'better-sqlite3'], 'src/shared is imported by the renderer and the sandboxed preload: zod and plain TypeScript only.'),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: forbid(['main', 'preload'], 'The renderer reaches the main process only through window.margin; shared shapes live in src/shared.'),
  },
  { files: ['src/preload/**/*.ts'], rules: forbid(['main', 'renderer'], 'The preload bundles only src/shared and electron.') },
  {
    files: ['src/main/library/**/*.ts'],
    rules: forbid(['export', 'search', 'ipc', 'app', 'cli', 'settings'], 'The library owns the data and imports no feature; features call the library.'),
  },
  {
    files: ['src/main/{export,search,dump,files,settings}/**/*.ts'],
    rules: forbid(['ipc', 'app', 'cli'], 'Features do not know who calls them (the IPC handlers, the CLI, the app).'),
  },
  { files: ['src/main/ipc/**/*.ts'], rules: forbid(['app', 'cli'], 'The IPC layer serves the app; it does not import it.') },

  // The library is the one owner of SQL: outside src/main/library nothing opens SQLite, prepares a
  // statement, runs SQL text or a pragma. Features ask the library's stores (tests may use SQL freely).
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main/library/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          "ImportDeclaration[source.value='better-sqlite3']",
          "ImportExpression[source.value='better-sqlite3']",
          "CallExpression[callee.property.name='prepare']",
          "CallExpression[callee.property.name='pragma']",
          // db.exec(…) and lib.db.exec(…); RegExp#exec on any other name is fine
          "CallExpression[callee.property.name='exec'][callee.object.name=/^(db|database|sqlite)$/i]",
          "CallExpression[callee.property.name='exec'][callee.object.property.name='db']",
          // reaching for the connection itself (lib.db, this.library.db)
          "MemberExpression[property.name='db'][object.name=/^(lib|library)$/]",
          "MemberExpression[property.name='db'][object.property.name=/^(lib|library)$/]",
        ].map((selector) => ({ selector, message: 'SQL belongs to src/main/library: add a method to one of its stores and call that.' })),
      ],
    },
  },
)
