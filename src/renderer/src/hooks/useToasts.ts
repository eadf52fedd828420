/** The window's messages: a short stack, newest last; import results add one per file (lib/toasts.ts). */
import { useCallback, useRef, useState } from 'react'
import type { ImportResult } from '../api'
import { toastsForResults, type Toast } from '../lib/toasts'

/** `onDetails`: the Details action of an import's message (a big import, or one with warnings or failures). */
export function useToasts(onDetails?: (results: readonly ImportResult[]) => void) {
  const [toasts, setToasts] = useState<Toast[]>([])
  const nextId = useRef(0)
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), [])
  const pushToast = useCallback((t: Omit<Toast, 'id'>) => {
    const toast = { ...t, id: ++nextId.current }
    setToasts((ts) => [...ts.slice(-5), toast])
  }, [])
  const showResults = useCallback((results: ImportResult[]) => {
    const added = toastsForResults(results, () => ++nextId.current, onDetails)
    setToasts((ts) => [...ts, ...added].slice(-8))
  }, [onDetails])
  return { toasts, pushToast, dismiss, showResults }
}
