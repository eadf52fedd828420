/* global URL */
// Module-resolution hook for the boot test: `import ... from 'electron'` gets the recording fake.
const FAKE = new URL('./fake-electron.mjs', import.meta.url).href

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: FAKE, shortCircuit: true }
  return nextResolve(specifier, context)
}
