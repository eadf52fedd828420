import type { MarginBridge } from '../main/ipc/contract'

declare global {
  interface Window {
    /** The typed bridge to the main process (see src/main/ipc/contract.ts); use src/renderer/src/api.ts. */
    margin: MarginBridge
  }
}

export {}
