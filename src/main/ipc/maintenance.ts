/**
 * Work the app leaves for when it is idle after the library changed (an import here, or a change
 * another process made): the typo vocabulary learns the new papers, the search index merges the
 * segments imports left, and the WAL is copied into the database file. None is needed for
 * correctness, so failures are logged and retried next time.
 */
import type { Library } from '../library/library'

/** How long the library must stay unchanged before the work runs. */
export const IDLE_MS = 2000

const timers = new WeakMap<Library, ReturnType<typeof setTimeout>>()

export function scheduleMaintenance(library: Library, idleMs = IDLE_MS): void {
  clearTimeout(timers.get(library))
  const timer = setTimeout(() => {
    timers.delete(library)
    if (!library.isOpen) return
    try {
      // never waits for another process's lock (the main process must not block); a busy library
      // is retried when that process's commit is noticed
      library.learnVocabulary({ wait: false })
      library.mergeSearchIndex({ wait: false })
      library.checkpoint()
    } catch (e) {
      console.error('[library] idle maintenance failed (retried after the next change):', e)
    }
  }, idleMs)
  timer.unref?.()
  timers.set(library, timer)
}
