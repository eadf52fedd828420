/**
 * The keymap table is the one source of the shortcuts: the README's `| key | action |` table must
 * list exactly its rows, and the lookup must find each binding from a key event.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { KEYMAP, keysMarkdown, lookup, type KeyEventLike } from '../../src/renderer/src/keymap'

function readmeShortcutTable(): [string, string][] {
  const lines = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8').split('\n')
  const start = lines.findIndex((l) => l.trim() === '| key | action |')
  expect(start, 'README has a "| key | action |" table').toBeGreaterThanOrEqual(0)
  const rows: [string, string][] = []
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break
    const cells = line.slice(1, -1).split(' | ').map((c) => c.trim())
    rows.push([cells[0]!, cells[1]!])
  }
  return rows
}

const key = (k: string, mods: Partial<KeyEventLike> = {}): KeyEventLike => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods })

describe('keymap', () => {
  it('the README shortcut table is the keymap table, row for row', () => {
    expect(readmeShortcutTable()).toEqual(KEYMAP.map((b) => [keysMarkdown(b), b.description]))
  })

  it('each action has one row and no key is bound twice', () => {
    expect(new Set(KEYMAP.map((b) => b.action)).size).toBe(KEYMAP.length)
    const keys = KEYMAP.flatMap((b) => b.keys)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('finds bindings from key events, in and out of text fields', () => {
    expect(lookup(key('j'), null, false).binding?.action).toBe('next')
    expect(lookup(key('ArrowDown'), null, false).binding?.action).toBe('next')
    expect(lookup(key('j'), null, true).binding).toBeNull()
    expect(lookup(key('G', { shiftKey: true }), null, false).binding?.action).toBe('last')
    expect(lookup(key('z', { ctrlKey: true }), null, false).binding?.action).toBe('undo')
    expect(lookup(key('Z', { ctrlKey: true, shiftKey: true }), null, false).binding?.action).toBe('redo')
    expect(lookup(key('U', { shiftKey: true }), null, false).binding?.action).toBe('redo')
    expect(lookup(key('e', { metaKey: true }), null, true).binding?.action).toBe('export')
    expect(lookup(key('Enter', { ctrlKey: true }), null, true).binding?.action).toBe('notePreview')
    expect(lookup(key('Escape'), null, true).binding?.action).toBe('escape')
    // the menu's accelerator is listed, not handled here (Electron's menu runs it)
    expect(lookup(key('o', { ctrlKey: true }), null, false).binding).toBeNull()
    // j with Ctrl is not j
    expect(lookup(key('j', { ctrlKey: true }), null, false).binding).toBeNull()
  })

  it('g g is a sequence: the first g starts it, the second runs it', () => {
    const first = lookup(key('g'), null, false)
    expect(first).toEqual({ binding: null, startsSequence: true })
    expect(lookup(key('g'), 'g', false).binding?.action).toBe('first')
    expect(lookup(key('g'), null, true).startsSequence).toBe(false)
  })
})
