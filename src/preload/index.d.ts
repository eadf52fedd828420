import type { MarginApi } from '../main/ipc/contract'

declare global {
  interface Window {
    /** The typed bridge to the main process (see src/main/ipc/contract.ts). */
    api: MarginApi
  }
}

export {}
