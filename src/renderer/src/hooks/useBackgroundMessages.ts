/**
 * The inbox folder and the fetch at start-up work without the user: their results come as messages.
 * Edit ▸ Undo / Redo from the menu reach the window's undo (lib/editMenu.ts).
 */
import { useEffect, useRef } from 'react'
import { api, type ImportResult } from '../api'
import { editFromMenu } from '../lib/editMenu'
import { plural } from '../lib/format'
import type { Toast } from '../lib/toasts'

export function useBackgroundMessages(showResults: (results: ImportResult[]) => void, pushToast: (t: Omit<Toast, 'id'>) => void) {
  useEffect(
    () =>
      api.on('inbox:file', (f) => {
        if (f.result && f.status !== 'seen') showResults([f.result])
        else pushToast({ title: 'Inbox folder', body: f.line, tone: 'info' })
      }),
    [showResults, pushToast],
  )
  useEffect(
    () =>
      api.on('fetch:results', (days) => {
        const failed = days.filter((d) => d.status === 'failed')
        const added = days.reduce((n, d) => n + (d.status === 'imported' || d.status === 'updated' ? d.added : 0), 0)
        pushToast({
          title: 'Daily Papers fetched',
          body: `${plural(days.length, 'day')}: ${plural(added, 'new paper')}${failed.length ? `; ${plural(failed.length, 'day')} failed` : ''}.`,
          detail: failed.length ? failed.map((d) => d.error).join('\n') : undefined,
          tone: failed.length ? 'error' : added ? 'ok' : 'info',
        })
      }),
    [pushToast],
  )
}

/** Edit ▸ Undo / Redo: the menu has Ctrl+Z before the page on Windows and Linux. */
export function useMenuUndo(undo: () => Promise<unknown>, redo: () => Promise<unknown>) {
  const latest = useRef({ undo, redo })
  useEffect(() => {
    latest.current = { undo, redo }
  })
  useEffect(() => api.on('menu:edit', ({ action }) => editFromMenu(action, () => void latest.current[action]())), [])
}
