import type { MarginBridge } from '../shared/contract'

declare global {
  interface Window {
    /** The typed bridge to the main process (see src/shared/contract/index.ts); use src/renderer/src/api.ts. */
    margin: MarginBridge
  }
}

export {}
