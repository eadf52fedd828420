/** The window's messages: a short stack, newest last; import results add one per file (lib/toasts.ts). */
import { useCallback, useRef, useState } from 'react'
import type { ImportResult } from '../api'
import { toastsForResults, type Toast } from '../lib/toasts'

export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([])
  const nextId = useRef(0)
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), [])
  const pushToast = useCallback((t: Omit<Toast, 'id'>) => {
    const toast = { ...t, id: ++nextId.current }
    setToasts((ts) => [...ts.slice(-5), toast])
  }, [])
  const showResults = useCallback((results: ImportResult[]) => {
    const added = toastsForResults(results, () => ++nextId.current)
    setToasts((ts) => [...ts, ...added].slice(-8))
  }, [])
  return { toasts, pushToast, dismiss, showResults }
}
