/**
 * A function that keeps its identity across renders and always calls the latest `fn`: handlers
 * passed to memoised panes, so that typing in the search box (which re-renders the window) does
 * not re-render the reader and the notes.
 */
import { useCallback, useLayoutEffect, useRef } from 'react'

export function useStableHandler<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn)
  useLayoutEffect(() => {
    latest.current = fn
  })
  return useCallback((...args: A) => latest.current(...args), [])
}
