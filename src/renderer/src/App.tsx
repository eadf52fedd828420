/**
 * Margin's window: feed | reader | notes, keyboard first. All data comes through `api` (window.margin, unwrapped)
 * (the IPC contract); this component owns the view state and the keyboard.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { api, type DayGroup, type FeedFilter, type FeedSort, type ImportProgress, type ImportResult, type LibraryCounts, type Paper, type PaperSummary, type Settings } from './api'
import { FeedPane, buildRows, type FeedPaneHandle } from './components/FeedPane'
import { NotesPane, type NotesHandle } from './components/NotesPane'
import { CitationKey, ExportButton, ExportDialog } from './components/Export'
import { DropOverlay, EmptyLibrary, ImportProgressBar, SettingsDialog, ShortcutHelp, Toasts, toastsForResults, type Toast } from './components/Overlays'
import { ReaderPane } from './components/ReaderPane'
import { Splitter } from './components/Splitter'
import { errorSentence } from './lib/errors'
import { plural } from './lib/format'
import { toPlainText } from './lib/latex'
import type { SettingsPatch } from '../../main/ipc/channels/settings'
import { openSmartFeed, refusedSearch, runSearch, type FeedViewState } from './search'

const EMPTY_COUNTS: LibraryCounts = { total: 0, unread: 0, starred: 0, notes: 0, dumps: 0 }
const PAGE = 100
const MAX_FILE_BYTES = 32 * 1024 * 1024

interface Feed {
  ids: number[]
  /** Partition of `ids` by day, fixed until the next full reload (date sort only). */
  groups: DayGroup[]
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el) return false
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable
}

export function App() {
  const [settings, setSettings] = useState<Settings | null>(null)
  const [libraryPath, setLibraryPath] = useState('')
  const [filter, setFilter] = useState<FeedFilter>('all')
  const [sort, setSort] = useState<FeedSort>('date')
  const [feed, setFeed] = useState<Feed>({ ids: [], groups: [] })
  const [unreadByDay, setUnreadByDay] = useState<Map<string, number>>(new Map())
  const [counts, setCounts] = useState<LibraryCounts>(EMPTY_COUNTS)
  const [loaded, setLoaded] = useState(false)
  const [view, setView] = useState<FeedViewState>({ kind: 'feed' })
  const [searchQuery, setSearchQuery] = useState('')
  /** Bumped by every search and by leaving search, so a late answer cannot replace a newer view. */
  const searchSeq = useRef(0)
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const [paper, setPaper] = useState<Paper | null>(null)
  const [version, setVersion] = useState(0)
  const [dragCount, setDragCount] = useState<number | null>(null)
  const [progress, setProgress] = useState<ImportProgress | null>(null)
  const [toasts, setToasts] = useState<Toast[]>([])
  const [help, setHelp] = useState(false)
  const [showSettings, setShowSettings] = useState(false)
  const [exportOpen, setExportOpen] = useState(false) // issue 5
  const [widths, setWidths] = useState({ feed: 380, notes: 360 })
  const [notesOpen, setNotesOpen] = useState(true)

  // Mutable caches that live as long as the window (mutated in place; `version` announces changes).
  const [summaries] = useState(() => new Map<number, PaperSummary>())
  const [pending] = useState(() => new Set<number>())
  const feedRef = useRef<FeedPaneHandle>(null)
  const readerRef = useRef<HTMLDivElement>(null)
  const notesRef = useRef<NotesHandle>(null)
  const searchRef = useRef<HTMLInputElement>(null)
  const toastId = useRef(0)

  // ---- loading -------------------------------------------------------------------------------

  const refreshStats = useCallback(async (f: FeedFilter) => {
    const stats = await api.feedStats({ filter: f })
    setUnreadByDay(new Map(stats.groups.map((g) => [g.day, g.unread])))
    setCounts(stats.counts)
  }, [])

  const reloadFeed = useCallback(async (f: FeedFilter, s: FeedSort) => {
    const v = await api.feedView({ filter: f, sort: s })
    setFeed({ ids: v.ids, groups: v.groups })
    setUnreadByDay(new Map(v.groups.map((g) => [g.day, g.unread])))
    setCounts(v.counts)
    setLoaded(true)
  }, [])

  const fetchSummaries = useCallback(
    async (ids: number[]) => {
      const wanted = ids.filter((id) => !pending.has(id))
      if (!wanted.length) return
      wanted.forEach((id) => pending.add(id))
      try {
        for (let i = 0; i < wanted.length; i += PAGE) {
          const page = await api.summaries({ ids: wanted.slice(i, i + PAGE) })
          for (const s of page) summaries.set(s.id, s)
        }
      } finally {
        wanted.forEach((id) => pending.delete(id))
        setVersion((v) => v + 1)
      }
    },
    [pending, summaries],
  )

  useEffect(() => {
    void (async () => {
      const [s, info] = await Promise.all([api.getSettings(), api.appInfo()])
      setSettings(s)
      setLibraryPath(info.libraryPath)
      setWidths(s.paneWidths)
      setNotesOpen(s.notesOpen)
      setFilter(s.feedFilter)
      setSort(s.feedSort)
      await reloadFeed(s.feedFilter, s.feedSort)
    })()
  }, [reloadFeed])

  const updateSettings = useCallback((patch: SettingsPatch) => {
    // Optimistic: controls reflect the change at once; the main process's answer then confirms it.
    setSettings((prev) => (prev ? { ...prev, ...patch, paneWidths: { ...prev.paneWidths, ...patch.paneWidths } } : prev))
    api.updateSettings(patch).then(setSettings, (e: Error) => console.warn('settings not saved:', e.message))
  }, [])

  const changeFilter = (f: FeedFilter) => {
    setFilter(f)
    searchSeq.current++
    setSearchQuery('')
    setView({ kind: 'feed' })
    void reloadFeed(f, sort)
    updateSettings({ feedFilter: f })
  }
  const changeSort = (s: FeedSort) => {
    setSort(s)
    void reloadFeed(filter, s)
    updateSettings({ feedSort: s })
  }

  // ---- toasts ----------------------------------------------------------------------------------

  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), [])
  const pushToast = useCallback((t: Omit<Toast, 'id'>) => {
    const toast = { ...t, id: ++toastId.current }
    setToasts((ts) => [...ts.slice(-5), toast])
  }, [])
  const showResults = useCallback((results: ImportResult[]) => {
    const added = toastsForResults(results, () => ++toastId.current)
    setToasts((ts) => [...ts, ...added].slice(-8))
  }, [])

  // ---- pushes from main ----------------------------------------------------------------------

  const state = useRef({ filter, sort, selectedId })
  useEffect(() => {
    state.current = { filter, sort, selectedId }
  }, [filter, sort, selectedId])

  useEffect(() => {
    // Read/star changes come in bursts (j j j …): one stats refresh per burst.
    let statsTimer: number | undefined
    const offChanged = api.on('library:changed', (change) => {
      const { filter: f, sort: s } = state.current
      // an import, or a change another process made (the CLI): reload the feed, its groups and counts
      if (change.reason === 'import' || change.reason === 'other' || change.reason === 'external') {
        summaries.clear()
        void reloadFeed(f, s)
      } else {
        window.clearTimeout(statsTimer)
        statsTimer = window.setTimeout(() => void refreshStats(state.current.filter), 120)
        // Refresh the cached rows in place (no flash of placeholders).
        void fetchSummaries(change.ids ?? [...summaries.keys()])
      }
    })
    const offProgress = api.on('import:progress', (p) => setProgress(p.current === null ? null : p))
    const offResults = api.on('import:results', (results) => showResults(results))
    return () => {
      window.clearTimeout(statsTimer)
      offChanged()
      offProgress()
      offResults()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  useEffect(() => api.on('menu:export', () => setExportOpen(true)), []) // File ▸ Export… (issue 5)

  // ---- toasts & import -------------------------------------------------------------------------


  const importFiles = useCallback(
    async (files: File[]) => {
      if (!files.length) return
      setProgress({ done: 0, total: files.length, current: files[0]!.name, result: null })
      const local: ImportResult[] = []
      const payload: { name: string; bytes: Uint8Array; lastModified: number }[] = []
      const order: (number | ImportResult)[] = []
      for (const file of files) {
        if (file.size > MAX_FILE_BYTES) {
          const r = failedResult(file.name, `This file is ${(file.size / 1024 / 1024).toFixed(0)} MB; a daily dump is about 100 KB, so it was not imported.`)
          local.push(r)
          order.push(r)
          continue
        }
        try {
          payload.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), lastModified: file.lastModified })
          order.push(payload.length - 1)
        } catch (e) {
          const r = failedResult(file.name, `The file could not be read: ${(e as Error).message}`)
          order.push(r)
        }
      }
      let results: ImportResult[] = []
      if (payload.length) {
        try {
          results = await api.importFiles({ files: payload })
        } catch {
          // The batch was refused as a whole: import one by one so each file gets its own answer.
          results = []
          for (const f of payload) {
            try {
              results.push(...(await api.importFiles({ files: [f] })))
            } catch (e) {
              results.push(failedResult(f.name, errorSentence(e)))
            }
          }
        }
      }
      setProgress(null)
      showResults(order.map((o) => (typeof o === 'number' ? results[o]! : o)))
    },
    [showResults],
  )

  const importWithDialog = useCallback(async () => {
    try {
      const results = await api.importWithDialog()
      setProgress(null)
      if (results.length) showResults(results)
    } catch (e) {
      pushToast({ title: 'Import', body: (e as Error).message, tone: 'error' })
    }
  }, [pushToast, showResults])

  // Drag and drop anywhere in the window.
  useEffect(() => {
    let depth = 0
    const hasFiles = (e: DragEvent) => Boolean(e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files'))
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return
      e.preventDefault()
      depth++
      setDragCount(e.dataTransfer?.items.length || 1)
    }
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return
      e.preventDefault()
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'
    }
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setDragCount(null)
    }
    const drop = (e: DragEvent) => {
      e.preventDefault()
      depth = 0
      setDragCount(null)
      const files = Array.from(e.dataTransfer?.files ?? [])
      void importFiles(files)
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragover', over)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragover', over)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('drop', drop)
    }
  }, [importFiles])

  // ---- selection & reader ----------------------------------------------------------------------

  const viewIds = view.kind === 'results' ? view.ids : feed.ids
  const rows = useMemo(
    () => buildRows(viewIds, view.kind === 'feed' && sort === 'date' ? feed.groups : null),
    [viewIds, view.kind, sort, feed.groups],
  )

  const patchSummary = useCallback((id: number, patch: Partial<PaperSummary>) => {
    const s = summaries.get(id)
    if (s) summaries.set(id, { ...s, ...patch })
    setVersion((v) => v + 1)
  }, [summaries])

  const setRead = useCallback(
    async (id: number, read: boolean) => {
      patchSummary(id, { read })
      setPaper((p) => (p && p.id === id ? { ...p, read } : p))
      await api.setRead({ ids: [id], read })
    },
    [patchSummary],
  )

  const select = useCallback(
    (id: number) => {
      setSelectedId(id)
      feedRef.current?.scrollToId(id)
    },
    [],
  )

  useEffect(() => {
    if (selectedId === null) return
    let cancelled = false
    void api.getPaper({ id: selectedId }).then((p) => {
      if (cancelled) return
      readerRef.current?.scrollTo({ top: 0 })
      if (p && !p.read && settings?.markReadOnOpen !== false) {
        setPaper({ ...p, read: true })
        void setRead(p.id, true)
      } else {
        setPaper(p)
      }
    })
    return () => {
      cancelled = true
    }
    // Only a new selection re-opens the paper (not a settings change).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId])

  useEffect(() => {
    document.title = paper ? `${toPlainText(paper.title)} — Margin` : 'Margin'
  }, [paper])

  const move = useCallback(
    (delta: number) => {
      if (!viewIds.length) return
      const i = selectedId === null ? -1 : viewIds.indexOf(selectedId)
      const next = i === -1 ? (delta > 0 ? 0 : viewIds.length - 1) : Math.min(viewIds.length - 1, Math.max(0, i + delta))
      select(viewIds[next]!)
    },
    [viewIds, selectedId, select],
  )

  const nextUnread = useCallback(async () => {
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
  }, [selectedId, viewIds, summaries, select, pushToast])

  const toggleRead = useCallback(() => {
    if (paper) void setRead(paper.id, !paper.read)
  }, [paper, setRead])

  const toggleStar = useCallback(() => {
    if (!paper) return
    const starred = !paper.starred
    setPaper({ ...paper, starred })
    patchSummary(paper.id, { starred })
    void api.setStarred({ ids: [paper.id], starred })
  }, [paper, patchSummary])

  const markAllRead = useCallback(async () => {
    if (!viewIds.length) return
    const inView = new Set(viewIds)
    const unread = (await api.feedView({ filter: 'unread', sort: 'date' })).ids.filter((id) => inView.has(id))
    if (!unread.length) return pushToast({ title: 'Nothing to mark', body: 'Every paper in this view is already read.', tone: 'info' })
    await api.setRead({ ids: unread, read: true })
    setPaper((p) => (p && inView.has(p.id) ? { ...p, read: true } : p))
    pushToast({
      title: 'Marked as read',
      body: `${plural(unread.length, 'paper')} in this view marked as read.`,
      tone: 'ok',
      action: {
        label: 'Undo',
        run: () => {
          void api.setRead({ ids: unread, read: false })
          setPaper((p) => (p && unread.includes(p.id) ? { ...p, read: false } : p))
        },
      },
    })
  }, [viewIds, pushToast])

  const onNoteSaved = useCallback(
    (id: number, note: string, savedAt: string) => {
      setPaper((p) => (p && p.id === id ? { ...p, note, noteUpdatedAt: savedAt, hasNote: note !== '' } : p))
      patchSummary(id, { hasNote: note !== '' })
    },
    [patchSummary],
  )

  const openNotes = useCallback(() => {
    if (!paper) return
    if (!notesOpen) {
      setNotesOpen(true)
      updateSettings({ notesOpen: true })
    }
    requestAnimationFrame(() => notesRef.current?.focus())
  }, [paper, notesOpen, updateSettings])

  const toggleNotes = () => {
    setNotesOpen(!notesOpen)
    updateSettings({ notesOpen: !notesOpen })
  }

  // ---- search ----------------------------------------------------------------------------------

  const onSearchChange = (q: string) => {
    setSearchQuery(q)
    const seq = ++searchSeq.current
    window.setTimeout(async () => {
      if (seq !== searchSeq.current) return
      const results = await runSearch(q).catch((e: unknown) => refusedSearch(q, e))
      if (seq !== searchSeq.current) return
      setView(results ?? { kind: 'feed' })
    }, 150)
  }
  const openSaved = (q: string) => {
    setSearchQuery(q)
    const seq = ++searchSeq.current
    void openSmartFeed(q)
      .catch((e: unknown) => refusedSearch(q, e))
      .then((results) => {
        if (seq === searchSeq.current) setView(results)
      })
  }
  const closeExport = useCallback(() => setExportOpen(false), [])
  const exitSearch = useCallback(() => {
    searchSeq.current++
    setSearchQuery('')
    setView({ kind: 'feed' })
  }, [])

  // ---- keyboard --------------------------------------------------------------------------------

  useEffect(() => {
    const focusFeed = () => {
      ;(document.activeElement as HTMLElement | null)?.blur?.()
    }
    window.addEventListener('margin:focus-feed', focusFeed)
    return () => window.removeEventListener('margin:focus-feed', focusFeed)
  }, [])

  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return
    if (e.key === 'Escape') {
      if (help || showSettings) {
        setHelp(false)
        setShowSettings(false)
      } else if (isTyping(e.target)) {
        ;(e.target as HTMLElement).blur()
        // Esc in the search box clears the search (one press, as everywhere else)
        if (e.target === searchRef.current) exitSearch()
      } else if (view.kind === 'results') {
        exitSearch()
      }
      e.preventDefault()
      return
    }
    // Enter in the search box goes to the results: j/k, m, s work on them from there
    if (e.target === searchRef.current && e.key === 'Enter' && searchQuery.trim() !== '') {
      e.preventDefault()
      searchRef.current?.blur()
      return
    }
    if (isTyping(e.target) || help || showSettings) {
      if (e.key === '?' && !isTyping(e.target)) setHelp(false)
      return
    }
    const run = (fn: () => unknown) => {
      e.preventDefault()
      void fn()
    }
    switch (e.key) {
      case 'j':
      case 'ArrowDown':
        return run(() => move(1))
      case 'k':
      case 'ArrowUp':
        return run(() => move(-1))
      case ' ': {
        const el = readerRef.current
        // While the next paper is still loading, a space must not skip past it.
        if (selectedId !== null && paper?.id !== selectedId) return run(() => {})
        if (el && paper && el.scrollTop + el.clientHeight < el.scrollHeight - 4) return run(() => el.scrollBy({ top: el.clientHeight * 0.85 }))
        return run(nextUnread)
      }
      case 'm':
        return run(toggleRead)
      case 's':
        return run(toggleStar)
      case 'n':
        return run(openNotes)
      case '/':
        return run(() => searchRef.current?.focus())
      case 'A':
        return run(markAllRead)
      case '?':
        return run(() => setHelp(true))
      case '1':
      case '2':
      case '3':
      case '4':
        return run(() => changeFilter((['all', 'unread', 'starred', 'notes'] as const)[Number(e.key) - 1]!))
    }
  }
  // The window listener is added once and always calls the latest handler.
  const keys = useRef(onKey)
  useEffect(() => {
    keys.current = onKey
  })
  useEffect(() => {
    const handler = (e: KeyboardEvent) => keys.current(e)
    window.addEventListener('keydown', handler)
    return () => window.removeEventListener('keydown', handler)
  }, [])

  // ---- layout ----------------------------------------------------------------------------------

  const empty = loaded && counts.total === 0
  const gridColumns = `${widths.feed}px 1px minmax(320px, 1fr)${notesOpen && paper ? ` 1px ${widths.notes}px` : ''}`

  return (
    <div className="app" data-testid="app" data-loaded={loaded}>
      {!loaded ? null : empty ? (
        <EmptyLibrary onChoose={() => void importWithDialog()} />
      ) : (
        <main className="panes" style={{ gridTemplateColumns: gridColumns }}>
          <FeedPane
            ref={feedRef}
            view={view}
            rows={rows}
            unreadByDay={unreadByDay}
            counts={counts}
            filter={filter}
            sort={sort}
            selectedId={selectedId}
            summaries={summaries}
            version={version}
            searchQuery={searchQuery}
            searchRef={searchRef}
            onSearchChange={onSearchChange}
            onOpenSaved={openSaved}
            onFilter={changeFilter}
            onSort={changeSort}
            onSelect={select}
            onNeedSummaries={fetchSummaries}
            onExitSearch={exitSearch}
            headerExtra={<ExportButton onClick={() => setExportOpen(true)} />}
          />
          <Splitter
            label="Resize the feed"
            side="left"
            width={widths.feed}
            min={260}
            max={720}
            onResize={(w) => setWidths((ws) => ({ ...ws, feed: w }))}
            onCommit={(w) => {
              setWidths((ws) => ({ ...ws, feed: w }))
              updateSettings({ paneWidths: { feed: w } })
            }}
          />
          <ReaderPane
            ref={readerRef}
            paper={paper}
            loading={selectedId !== null && paper?.id !== selectedId}
            terms={view.kind === 'results' ? view.terms : undefined}
            notesOpen={notesOpen}
            onToggleRead={toggleRead}
            onToggleStar={toggleStar}
            onToggleNotes={toggleNotes}
            onHelp={() => setHelp(true)}
            onSettings={() => setShowSettings(true)}
            toolbarExtra={paper ? <CitationKey key={paper.id} paperId={paper.id} initial={paper.citationKey} /> : undefined}
          />
          {notesOpen && paper && (
            <>
              <Splitter
                label="Resize the notes"
                side="right"
                width={widths.notes}
                min={240}
                max={720}
                onResize={(w) => setWidths((ws) => ({ ...ws, notes: w }))}
                onCommit={(w) => {
                  setWidths((ws) => ({ ...ws, notes: w }))
                  updateSettings({ paneWidths: { notes: w } })
                }}
              />
              <NotesPane key={paper.id} ref={notesRef} paper={paper} onSaved={onNoteSaved} onOpenTag={(tag) => onSearchChange(`tag:${tag} `)} />
            </>
          )}
        </main>
      )}
      {dragCount !== null && <DropOverlay count={dragCount} />}
      {progress && <ImportProgressBar progress={progress} />}
      <Toasts toasts={toasts} onDismiss={dismiss} />
      {exportOpen && (
        <ExportDialog
          view={view.kind === 'results' ? { kind: 'results', query: view.query, ids: view.ids } : { kind: 'feed', filter, sort, count: feed.ids.length }}
          selectedId={paper?.id ?? null}
          starred={counts.starred}
          total={counts.total}
          onClose={closeExport}
          onToast={pushToast}
        />
      )}
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      {showSettings && settings && (
        <SettingsDialog settings={settings} libraryPath={libraryPath} onChange={(p) => updateSettings(p)} onClose={() => setShowSettings(false)} />
      )}
    </div>
  )
}

function failedResult(path: string, error: string): ImportResult {
  return { path, status: 'failed', dumpDate: null, papers: 0, added: 0, merged: 0, warnings: [], error }
}
