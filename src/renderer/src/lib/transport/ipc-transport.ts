// Electron transport: the sandboxed preload's window.studio (invoke + subscribe on one channel each).
import type { Transport } from '@shared/contract/transport'

declare global {
  interface Window {
    /** Exposed by src/preload/index.ts in the Electron window; absent in browser mode. */
    studio?: Transport & { pathForFile?(file: File): string }
  }
}

/** The preload bridge when running inside the Electron window, else null. */
export function ipcTransport(): Transport | null {
  return typeof window !== 'undefined' && window.studio ? window.studio : null
}
