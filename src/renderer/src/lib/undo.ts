/**
 * The undo history of library changes made in this window (read, star, mark-all-read, tags): each
 * step knows how to undo and redo itself through the same API calls. Shared by the whole renderer
 * (the tag editor records into it too), so it is one module-level instance.
 */
export interface UndoStep {
  /** What the step did, for the toast: "Marked read", "Tag robotics added". */
  label: string
  undo(): Promise<unknown>
  redo(): Promise<unknown>
}

export const UNDO_LIMIT = 50

export class UndoHistory {
  private done: UndoStep[] = []
  private undone: UndoStep[] = []
  /** Steps run one at a time, in order: a fast `u u u` must not interleave API calls. */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly limit = UNDO_LIMIT) {}

  /** Records a change that has just been made; a new change forgets what was undone. */
  record(step: UndoStep): void {
    this.done.push(step)
    if (this.done.length > this.limit) this.done.shift()
    this.undone = []
  }

  get canUndo(): boolean {
    return this.done.length > 0
  }

  get canRedo(): boolean {
    return this.undone.length > 0
  }

  /** Undoes the last step; resolves to it (null when there is nothing to undo). */
  undo(): Promise<UndoStep | null> {
    const step = this.done.pop()
    if (!step) return Promise.resolve(null)
    this.undone.push(step)
    return this.run(() => step.undo(), step)
  }

  redo(): Promise<UndoStep | null> {
    const step = this.undone.pop()
    if (!step) return Promise.resolve(null)
    this.done.push(step)
    return this.run(() => step.redo(), step)
  }

  clear(): void {
    this.done = []
    this.undone = []
  }

  private run(fn: () => Promise<unknown>, step: UndoStep): Promise<UndoStep> {
    const next = this.queue.then(fn).then(() => step)
    this.queue = next.catch(() => undefined)
    return next
  }
}

export const undoHistory = new UndoHistory()
