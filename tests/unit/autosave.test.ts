/** The note autosave (src/renderer/src/lib/autosave.ts): debounce with a maximum wait, ordered saves, flush. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAutosave } from '../../src/renderer/src/lib/autosave'

/** A store whose saves take `latency` ms (fake time) and record what arrived, in arrival order. */
function slowStore(latency: (value: string, call: number) => number) {
  const arrived: string[] = []
  let calls = 0
  const save = vi.fn((value: string) => {
    const n = calls++
    return new Promise<number>((resolve) =>
      setTimeout(() => {
        arrived.push(value)
        resolve(n)
      }, latency(value, n)),
    )
  })
  return { save, arrived, last: () => arrived.at(-1) }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('createAutosave', () => {
  it('saves at least once a second while typing never pauses', async () => {
    const store = slowStore(() => 5)
    const autosave = createAutosave({ save: store.save, wait: 400, maxWait: 1000 })
    let text = ''
    // a keystroke every 100 ms for 5 s: a pure trailing debounce would never save
    for (let i = 0; i < 50; i++) {
      text += 'x'
      autosave.change(text)
      await vi.advanceTimersByTimeAsync(100)
    }
    expect(store.save.mock.calls.length).toBeGreaterThanOrEqual(5)
    // every save carried the text typed so far, growing
    const lengths = store.arrived.map((s) => s.length)
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b))
    // no gap between saves longer than the maximum wait (+ one keystroke)
    expect(lengths[0]).toBeLessThanOrEqual(11)
    for (let i = 1; i < lengths.length; i++) expect(lengths[i]! - lengths[i - 1]!).toBeLessThanOrEqual(11)
    const flushed = autosave.flush()
    await vi.advanceTimersByTimeAsync(5)
    await flushed
    expect(store.last()).toBe(text)
  })

  it('saves once after a pause (the debounce), not per keystroke', async () => {
    const store = slowStore(() => 5)
    const autosave = createAutosave({ save: store.save, wait: 400, maxWait: 1000 })
    autosave.change('a')
    autosave.change('ab')
    autosave.change('abc')
    await vi.advanceTimersByTimeAsync(399)
    expect(store.save).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(10)
    expect(store.save).toHaveBeenCalledTimes(1)
    expect(store.save).toHaveBeenLastCalledWith('abc')
    await vi.advanceTimersByTimeAsync(5000)
    expect(store.save).toHaveBeenCalledTimes(1)
    expect(autosave.dirty).toBe(false)
  })

  it('flush saves the last text at once and resolves when it is stored', async () => {
    const store = slowStore(() => 50)
    const autosave = createAutosave({ save: store.save, wait: 400, maxWait: 1000 })
    autosave.change('first draft')
    autosave.change('final text')
    const done = autosave.flush()
    expect(store.save).toHaveBeenCalledWith('final text')
    await vi.advanceTimersByTimeAsync(50)
    await done
    expect(store.arrived).toEqual(['final text'])
    expect(autosave.dirty).toBe(false)
    // nothing pending: flushing again saves nothing
    await autosave.flush()
    expect(store.save).toHaveBeenCalledTimes(1)
  })

  it('never lets an older save land after a newer one', async () => {
    // the first save is very slow, later ones fast: sent concurrently, they would arrive reordered
    const store = slowStore((_v, call) => (call === 0 ? 3000 : 10))
    const autosave = createAutosave({ save: store.save, wait: 300, maxWait: 1000 })
    autosave.change('old')
    await vi.advanceTimersByTimeAsync(300) // 'old' is sent and takes 3 s
    expect(store.save).toHaveBeenCalledTimes(1)
    autosave.change('newer')
    await vi.advanceTimersByTimeAsync(300)
    autosave.change('newest')
    await vi.advanceTimersByTimeAsync(300)
    // still one save in flight; the newer texts wait for it and are coalesced into one save
    expect(store.save).toHaveBeenCalledTimes(1)
    const flushed = autosave.flush()
    await vi.advanceTimersByTimeAsync(3000)
    await flushed
    expect(store.arrived).toEqual(['old', 'newest'])
    expect(store.last()).toBe('newest')
  })

  it('keeps saving after a save took in a change made while the one before was in flight', async () => {
    const store = slowStore(() => 100)
    const autosave = createAutosave({ save: store.save, wait: 350, maxWait: 900 })
    autosave.change('a')
    await vi.advanceTimersByTimeAsync(400) // 'a' sent at 350, in flight until 450
    autosave.change('ab') // its timers are armed, but the loop sends 'ab' as soon as 'a' is answered
    await vi.advanceTimersByTimeAsync(600) // the timers of 'ab' fire with nothing left to save
    expect(store.arrived).toEqual(['a', 'ab'])
    autosave.change('abc')
    await vi.advanceTimersByTimeAsync(1000)
    expect(store.arrived).toEqual(['a', 'ab', 'abc'])
    autosave.change('abcd')
    const flushed = autosave.flush()
    await vi.advanceTimersByTimeAsync(100)
    await flushed
    expect(store.last()).toBe('abcd')
  })

  it('flush waits for the save in flight and then saves the newest text', async () => {
    const store = slowStore(() => 200)
    const autosave = createAutosave({ save: store.save, wait: 300, maxWait: 1000 })
    autosave.change('a')
    await vi.advanceTimersByTimeAsync(300)
    autosave.change('ab')
    let resolved = false
    const flushed = autosave.flush().then(() => (resolved = true))
    await vi.advanceTimersByTimeAsync(200)
    expect(store.arrived).toEqual(['a'])
    expect(resolved).toBe(false)
    await vi.advanceTimersByTimeAsync(200)
    await flushed
    expect(store.arrived).toEqual(['a', 'ab'])
  })

  it('keeps the text of a failed save and saves it with the next flush', async () => {
    let fail = true
    const saved: string[] = []
    const errors: unknown[] = []
    const autosave = createAutosave({
      save: async (v: string) => {
        if (fail) throw new Error('disk full')
        saved.push(v)
      },
      wait: 300,
      maxWait: 1000,
      onError: (e) => errors.push(e),
    })
    autosave.change('precious')
    await vi.advanceTimersByTimeAsync(300)
    expect(errors).toHaveLength(1)
    expect(autosave.dirty).toBe(true)
    fail = false
    await autosave.flush()
    expect(saved).toEqual(['precious'])
    expect(autosave.dirty).toBe(false)
  })

  it('flushNow sends the newest text at once even while a save is in flight (a closing page)', async () => {
    const store = slowStore(() => 100)
    const autosave = createAutosave({ save: store.save, wait: 300, maxWait: 1000 })
    autosave.change('a')
    await vi.advanceTimersByTimeAsync(300)
    autosave.change('ab')
    autosave.flushNow()
    expect(store.save).toHaveBeenCalledTimes(2)
    expect(store.save).toHaveBeenLastCalledWith('ab')
    await vi.advanceTimersByTimeAsync(5000)
    expect(store.save).toHaveBeenCalledTimes(2)
  })

  it('reports each save with its result', async () => {
    const seen: [string, number][] = []
    const store = slowStore(() => 1)
    const autosave = createAutosave({ save: store.save, wait: 300, maxWait: 1000, onSaved: (v, r) => seen.push([v, r]) })
    autosave.change('one')
    const flushed = autosave.flush()
    await vi.advanceTimersByTimeAsync(1)
    await flushed
    autosave.change('two')
    await vi.advanceTimersByTimeAsync(301)
    expect(seen).toEqual([
      ['one', 0],
      ['two', 1],
    ])
  })
})
