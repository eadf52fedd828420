import { describe, expect, it } from 'vitest'
import { UndoHistory } from '../../src/renderer/src/lib/undo'

describe('UndoHistory', () => {
  it('undoes and redoes in order, keeps at least 20 steps, and a new change forgets the redo', async () => {
    const h = new UndoHistory(25)
    const state: number[] = []
    for (let i = 0; i < 30; i++) {
      state.push(i)
      h.record({ label: `push ${i}`, undo: async () => void state.pop(), redo: async () => void state.push(i) })
    }
    for (let i = 0; i < 25; i++) expect((await h.undo())?.label).toBe(`push ${29 - i}`)
    expect(await h.undo()).toBeNull()
    expect(state).toEqual([0, 1, 2, 3, 4])
    expect((await h.redo())?.label).toBe('push 5')
    expect(state).toEqual([0, 1, 2, 3, 4, 5])
    h.record({ label: 'other', undo: async () => {}, redo: async () => {} })
    expect(h.canRedo).toBe(false)
  })

  it('runs steps one at a time even when asked quickly', async () => {
    const h = new UndoHistory()
    const log: string[] = []
    const slow = (s: string, ms: number) => () => new Promise<void>((r) => setTimeout(() => (log.push(s), r()), ms))
    h.record({ label: 'a', undo: slow('undo a', 30), redo: slow('redo a', 1) })
    h.record({ label: 'b', undo: slow('undo b', 30), redo: slow('redo b', 1) })
    await Promise.all([h.undo(), h.undo(), h.redo()])
    expect(log).toEqual(['undo b', 'undo a', 'redo a'])
  })
})
