/**
 * What the reader does to the open paper and the view: read and star toggles, mark-all-read, the
 * next unread paper, and undo/redo of those changes (lib/undo.ts) through the same API calls.
 */
import { useCallback } from 'react'
import { api, type Paper, type PaperSummary } from '../api'
import { plural } from '../lib/format'
import type { Toast } from '../lib/toasts'
import { undoHistory } from '../lib/undo'
import { PAGE } from './useFeed'

interface Deps {
  paper: Paper | null
  setPaper: React.Dispatch<React.SetStateAction<Paper | null>>
  viewIds: number[]
  summaries: Map<number, PaperSummary>
  patchSummary(id: number, patch: Partial<PaperSummary>): void
  pushToast(t: Omit<Toast, 'id'>): void
}

export function useReaderActions({ paper, setPaper, viewIds, summaries, patchSummary, pushToast }: Deps) {
  /** Sets read on papers, shown at once in the rows and the reader. */
  const applyRead = useCallback(
    async (ids: number[], read: boolean) => {
      for (const id of ids) patchSummary(id, { read })
      const set = new Set(ids)
      setPaper((p) => (p && set.has(p.id) ? { ...p, read } : p))
      try {
        await api.setRead({ ids, read })
      } catch (e) {
        // refused (a read-only library, a full disk): shown as it is, and why
        for (const id of ids) patchSummary(id, { read: !read })
        setPaper((p) => (p && set.has(p.id) ? { ...p, read: !read } : p))
        pushToast({ title: read ? 'Not marked read' : 'Not marked unread', body: (e as Error).message, tone: 'error' })
      }
    },
    [patchSummary, setPaper, pushToast],
  )
  const applyStar = useCallback(
    async (id: number, starred: boolean) => {
      patchSummary(id, { starred })
      setPaper((p) => (p && p.id === id ? { ...p, starred } : p))
      try {
        await api.setStarred({ ids: [id], starred })
      } catch (e) {
        patchSummary(id, { starred: !starred })
        setPaper((p) => (p && p.id === id ? { ...p, starred: !starred } : p))
        pushToast({ title: starred ? 'Not starred' : 'Not unstarred', body: (e as Error).message, tone: 'error' })
      }
    },
    [patchSummary, setPaper, pushToast],
  )

  const setRead = useCallback((id: number, read: boolean) => applyRead([id], read), [applyRead])

  const toggleRead = useCallback(() => {
    if (!paper) return false
    const { id, read } = paper
    void applyRead([id], !read)
    undoHistory.record({ label: read ? 'Marked unread' : 'Marked read', undo: () => applyRead([id], read), redo: () => applyRead([id], !read) })
  }, [paper, applyRead])

  const toggleStar = useCallback(() => {
    if (!paper) return false
    const { id, starred } = paper
    void applyStar(id, !starred)
    undoHistory.record({ label: starred ? 'Unstarred' : 'Starred', undo: () => applyStar(id, starred), redo: () => applyStar(id, !starred) })
  }, [paper, applyStar])

  const markAllRead = useCallback(async () => {
    if (!viewIds.length) return
    const inView = new Set(viewIds)
    const unread = (await api.feedView({ filter: 'unread', sort: 'date' })).ids.filter((id) => inView.has(id))
    if (!unread.length) return pushToast({ title: 'Nothing to mark', body: 'Every paper in this view is already read.', tone: 'info' })
    await applyRead(unread, true)
    const step = { label: `${plural(unread.length, 'paper')} marked read`, undo: () => applyRead(unread, false), redo: () => applyRead(unread, true) }
    undoHistory.record(step)
    pushToast({
      title: 'Marked as read',
      body: `${plural(unread.length, 'paper')} in this view marked as read.`,
      tone: 'ok',
      action: { label: 'Undo', run: () => void undoHistory.undo() },
    })
  }, [viewIds, pushToast, applyRead])

  const nextUnread = useCallback(
    async (selectedId: number | null, select: (id: number) => void) => {
      const start = selectedId === null ? 0 : viewIds.indexOf(selectedId) + 1
      for (let i = start; i < viewIds.length; i += PAGE) {
        const chunk = viewIds.slice(i, i + PAGE)
        const missing = chunk.filter((id) => !summaries.has(id))
        if (missing.length) {
          for (const s of await api.summaries({ ids: missing })) summaries.set(s.id, s)
        }
        const found = chunk.find((id) => summaries.get(id)?.read === false && id !== selectedId)
        if (found !== undefined) return select(found)
      }
      pushToast({ title: 'All caught up', body: 'No unread papers after this one in the view.', tone: 'info' })
    },
    [viewIds, summaries, pushToast],
  )

  const undo = useCallback(async () => {
    const step = await undoHistory.undo().catch(() => null)
    pushToast(step ? { title: 'Undone', body: step.label, tone: 'info' } : { title: 'Nothing to undo', body: 'No mark, star or tag change left to undo.', tone: 'info' })
  }, [pushToast])
  const redo = useCallback(async () => {
    const step = await undoHistory.redo().catch(() => null)
    pushToast(step ? { title: 'Redone', body: step.label, tone: 'info' } : { title: 'Nothing to redo', body: 'Nothing was undone.', tone: 'info' })
  }, [pushToast])

  return { setRead, toggleRead, toggleStar, markAllRead, nextUnread, undo, redo }
}
