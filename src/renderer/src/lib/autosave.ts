/**
 * Saves the latest value of something being edited: a trailing debounce (`wait`) that never waits
 * longer than `maxWait` after the first unsaved change, so typing without a pause is still saved at
 * least once per `maxWait`. Saves run one at a time in the order they were made — a slow older save
 * can never land after (and overwrite) a newer one — and changes made while a save is in flight are
 * coalesced into the next one. `flush()` saves now and resolves when everything changed so far is saved.
 */

export interface AutosaveOptions<T, R> {
  save(value: T): Promise<R>
  /** Quiet time after the last change before saving. */
  wait: number
  /** Longest time a change may stay unsaved while changes keep coming. */
  maxWait: number
  onSaved?(value: T, result: R): void
  onError?(error: unknown, value: T): void
}

export interface Autosave<T> {
  change(value: T): void
  /** Saves the pending value now (after any save in flight) and resolves when all is saved. */
  flush(): Promise<void>
  /**
   * For a page that is going away: sends the pending value at once, even while an older save is in
   * flight, since waiting for it would mean never sending the newest text. Electron's IPC delivers
   * messages in the order they were sent, so the newer save still arrives last.
   */
  flushNow(): void
  /** Whether a change has not been sent yet (or its save failed); a save in flight is not dirty. */
  readonly dirty: boolean
  /** Whether a save is in flight. */
  readonly saving: boolean
  /** Stops the timers (a final flush is the caller's decision). */
  dispose(): void
}

const NONE = Symbol('none')

export function createAutosave<T, R>(options: AutosaveOptions<T, R>): Autosave<T> {
  const { save, wait, maxWait } = options
  let pending: T | typeof NONE = NONE
  let debounceTimer: ReturnType<typeof setTimeout> | undefined
  let maxTimer: ReturnType<typeof setTimeout> | undefined
  // The writer: one loop at a time, each save awaited before the next starts.
  let running: Promise<void> | null = null

  const clearTimers = () => {
    clearTimeout(debounceTimer)
    clearTimeout(maxTimer)
    debounceTimer = maxTimer = undefined
  }

  const saveOne = async (value: T): Promise<boolean> => {
    try {
      const result = await save(value)
      options.onSaved?.(value, result)
      return true
    } catch (error) {
      // Keep the text to retry with the next change or flush, unless newer text replaced it.
      if (pending === NONE) pending = value
      options.onError?.(error, value)
      return false
    }
  }

  const run = (): Promise<void> => {
    if (running) return running
    // Nothing to save: no loop (one with nothing to await would end before it is even recorded).
    if (pending === NONE) return Promise.resolve()
    running = (async () => {
      try {
        while (pending !== NONE) {
          const value = pending
          pending = NONE
          // this save carries every change so far: their timers have nothing left to do
          clearTimers()
          if (!(await saveOne(value))) break
        }
      } finally {
        running = null
      }
    })()
    return running
  }

  const fire = () => {
    clearTimers()
    void run()
  }

  return {
    change(value) {
      pending = value
      clearTimeout(debounceTimer)
      debounceTimer = setTimeout(fire, wait)
      maxTimer ??= setTimeout(fire, maxWait)
    },
    async flush() {
      clearTimers()
      // The save in flight first (its loop also saves what is pending), then anything left: a
      // change made meanwhile, or the value of a failed save, tried once more.
      if (running) await running
      if (pending !== NONE) await run()
    },
    flushNow() {
      clearTimers()
      if (pending === NONE) return
      const value = pending
      pending = NONE
      void saveOne(value)
    },
    get dirty() {
      return pending !== NONE
    },
    get saving() {
      return running !== null
    },
    dispose: clearTimers,
  }
}
