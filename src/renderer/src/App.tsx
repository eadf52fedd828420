/**
 * Margin's window: feed | reader | notes, keyboard first. All data comes through `api` (window.margin,
 * unwrapped). This component composes the hooks that own each concern (feed, search, import, toasts,
 * keymap, layout, session) and lays out the panes.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { api, type ImportResult, type Paper, type Settings } from './api'
import { FeedPane, buildRows, type FeedPaneHandle } from './components/FeedPane'
import { NotesPane, type NotesHandle } from './components/NotesPane'
import { ReadOnlyBanner } from './components/ReadOnlyBanner'
import { BackendStatus } from './components/BackendStatus'
import { CitationKey, ExportButton, ExportDialog } from './components/Export'
import { FetchDialog } from './components/FetchDialog'
import { plural } from './lib/format'
import { DropOverlay, EmptyLibrary, ImportProgressBar, SettingsDialog, ShortcutHelp, Toasts } from './components/Overlays'
import { ImportDetailsDialog, ImportHistoryDialog } from './components/ImportHistory'
import { editFromMenu } from './lib/editMenu'
import { ReaderPane } from './components/ReaderPane'
import { SimilarPapers } from './components/SimilarPapers'
import { Splitter } from './components/Splitter'
import { useFeed, type LibraryChange } from './hooks/useFeed'
import { useImport } from './hooks/useImport'
import { isTyping, useKeymap } from './hooks/useKeymap'
import { fitWidths, layoutFor, useWindowWidth } from './hooks/useLayout'
import { useNoteCapture } from './hooks/useNoteCapture'
import { useOpenPaper } from './hooks/useOpenPaper'
import { useReaderActions } from './hooks/useReaderActions'
import { useSearch } from './hooks/useSearch'
import { useStableHandler } from './hooks/useStableHandler'
import { readSession, useSaveSession } from './hooks/useSession'
import { useToasts } from './hooks/useToasts'
import { looksCutShort } from './lib/cutShort'
import { toPlainText } from './lib/latex'
import type { SettingsPatch } from '../../shared/contract/channels/settings'
import type { FeedFilter, FeedSort } from './api'

type Widths = { feed: number; notes: number }

/**
 * A search selects its best match on every key typed; the reader opens it once typing pauses this
 * long, so the keys and their results are not kept waiting behind a paper being read and drawn.
 */
const OPEN_AFTER_TYPING_MS = 150

const CUT_SHORT = (
  <p className="cut-short" data-testid="cut-short">
    Abstract cut short in the dump: the page ended before it did.
  </p>
)

export function App() {
  const [settings, setSettings] = useState<Settings | null>(null)
  const [libraryPath, setLibraryPath] = useState('')
  // why the library cannot be written (null: it can): a banner says so, and nothing is written on its own
  const [readOnly, setReadOnly] = useState<'readOnly' | 'diskFull' | null>(null)
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const [paper, setPaper] = useState<Paper | null>(null)
  const [help, setHelp] = useState(false)
  const [showSettings, setShowSettings] = useState(false)
  const [fetchOpen, setFetchOpen] = useState(false)
  const [exportOpen, setExportOpen] = useState(false)
  /** The Details of an import's message: its results, while the dialog is open. */
  const [importDetails, setImportDetails] = useState<readonly ImportResult[] | null>(null)
  const [historyOpen, setHistoryOpen] = useState(false)
  const [widths, setWidths] = useState<{ wide: Widths; compact: Widths }>({ wide: { feed: 380, notes: 360 }, compact: { feed: 320, notes: 340 } })
  const [notesOpen, setNotesOpen] = useState(true)
  /** In the compact layout the notes are a drawer, closed until asked for. */
  const [drawerOpen, setDrawerOpen] = useState(false)
  /** Whether opening the selected paper may mark it read (not when a search merely shows its best match). */
  const markOnOpen = useRef(true)
  /** Whether the reader waits for typing to pause before opening the selection (a search's best match). */
  const openLater = useRef(false)
  /** Where the feed was when a search replaced it: Esc returns there. */
  const feedPlace = useRef<{ selectedId: number | null; scroll: number } | null>(null)
  const pendingScroll = useRef<number | null>(null)
  /** After a reload in a search: the paper that was open, selected when the results are back. */
  const restoreSelection = useRef<number | null>(null)

  const feedRef = useRef<FeedPaneHandle>(null)
  const readerRef = useRef<HTMLDivElement>(null)
  const notesRef = useRef<NotesHandle>(null)
  const searchRef = useRef<HTMLInputElement>(null)

  const { toasts, pushToast, dismiss, showResults } = useToasts(setImportDetails)
  const { dragCount, progress, importWithDialog } = useImport(showResults, pushToast)
  const startNoteCapture = useNoteCapture()

  // A change to the open paper's flags (undo, another window, the CLI) shows in the reader; a change
  // another process made (the CLI) reloads the whole paper, its note included (NotesPane decides what
  // to do with a note that changed while it holds unsaved typing).
  const onLibraryChanged = useCallback((change: LibraryChange) => {
    if (change.reason !== 'flags' && change.reason !== 'external') return
    setPaper((p) => {
      if (p && (!change.ids || change.ids.includes(p.id))) {
        void api.getPaper({ id: p.id }).then((fresh) => {
          if (!fresh) return
          setPaper((cur) =>
            cur && cur.id === fresh.id ? (change.reason === 'external' ? fresh : { ...cur, read: fresh.read, starred: fresh.starred }) : cur,
          )
        })
      }
      return p
    })
  }, [])
  const feed = useFeed(onLibraryChanged)
  const { filter, sort, summaries, patchSummary, reloadFeed } = feed

  const select = useCallback((id: number | null, options: { mark?: boolean; scroll?: boolean; later?: boolean } = {}) => {
    markOnOpen.current = options.mark ?? true
    openLater.current = options.later ?? false
    setSelectedId(id)
    if (id !== null && options.scroll !== false) feedRef.current?.scrollToId(id)
  }, [])

  const search = useSearch({
    onLeaveFeed: () => {
      feedPlace.current = { selectedId, scroll: feedRef.current?.scrollTop() ?? 0 }
    },
    onResults: (r) => {
      if (r.firstRows) feed.addSummaries(r.firstRows)
      const restore = restoreSelection.current
      restoreSelection.current = null
      if (restore !== null && r.ids.includes(restore)) {
        select(restore, { mark: false, scroll: false })
        requestAnimationFrame(() => feedRef.current?.scrollToId(restore))
        return
      }
      // each query shows its results from the top, the best match selected (not marked read)
      pendingScroll.current = 0
      if (r.ids.length) select(r.ids[0]!, { mark: false, scroll: false, later: true })
    },
    onBackToFeed: () => {
      const place = feedPlace.current
      feedPlace.current = null
      if (!place) return
      pendingScroll.current = place.scroll
      select(place.selectedId, { mark: false, scroll: false })
    },
  })
  const { view } = search

  // ---- loading and settings -------------------------------------------------------------------

  useEffect(() => {
    void (async () => {
      const [s, info] = await Promise.all([api.getSettings(), api.appInfo()])
      setSettings(s)
      setLibraryPath(info.libraryPath)
      setReadOnly(info.readOnly?.reason ?? null)
      setWidths({ wide: s.paneWidths, compact: s.paneWidthsCompact })
      setNotesOpen(s.notesOpen)
      feed.setFilter(s.feedFilter)
      feed.setSort(s.feedSort)
      await reloadFeed(s.feedFilter, s.feedSort)
      // a reload comes back to the same paper, search and place in the feed
      const session = readSession()
      if (session?.query) {
        restoreSelection.current = session.selectedId
        search.change(session.query)
      } else if (session) {
        pendingScroll.current = session.feedScroll
        if (session.selectedId !== null) select(session.selectedId, { mark: false, scroll: false })
      }
    })()
    // once, at start
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useSaveSession(() => ({ selectedId, query: search.query, feedScroll: feedRef.current?.scrollTop() ?? 0 }))

  const updateSettings = useCallback((patch: SettingsPatch) => {
    // Optimistic: controls reflect the change at once; the main process's answer then confirms it.
    setSettings((prev) => (prev ? { ...prev, ...patch, paneWidths: { ...prev.paneWidths, ...patch.paneWidths } } : prev))
    api.updateSettings(patch).then(setSettings, (e: Error) => console.warn('settings not saved:', e.message))
  }, [])

  const changeFilter = (f: FeedFilter) => {
    feed.setFilter(f)
    feed.forYou.set(false)
    search.reset()
    feedPlace.current = null
    void reloadFeed(f, sort, false)
    updateSettings({ feedFilter: f })
  }
  const changeSort = (s: FeedSort) => {
    feed.setSort(s)
    void reloadFeed(filter, s)
    updateSettings({ feedSort: s })
  }
  /** For you: a smart feed of the unread papers, ranked each time it is opened. */
  const openForYou = () => {
    feed.forYou.set(true)
    search.reset()
    feedPlace.current = null
    pendingScroll.current = 0
    void reloadFeed(filter, sort, true)
  }
  const [similarIds, setSimilarIds] = useState<number[]>([])

  useEffect(() => api.on('menu:export', () => setExportOpen(true)), [])
  useEffect(() => api.on('menu:importHistory', () => setHistoryOpen(true)), [])
  useEffect(() => api.on('menu:fetch', () => setFetchOpen(true)), [])
  // the inbox folder and the fetch at start-up work without the user: their results come as messages
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

  // ---- selection & reader ----------------------------------------------------------------------

  const viewIds = view.kind === 'results' ? view.ids : feed.feed.ids
  const rows = useMemo(
    () => buildRows(viewIds, view.kind === 'feed' && sort === 'date' && !feed.forYou.on ? feed.feed.groups : null),
    [viewIds, view.kind, sort, feed.feed.groups, feed.forYou.on],
  )

  // A new view's rows are on screen: scroll where it was asked (top of new results, or back).
  useEffect(() => {
    const top = pendingScroll.current
    if (top === null || rows.length === 0) return
    pendingScroll.current = null
    feedRef.current?.setScrollTop(top)
  }, [rows])

  const actions = useReaderActions({ paper, setPaper, viewIds, summaries, patchSummary, pushToast })
  const { openPage, openPdf } = useOpenPaper(paper, pushToast)
  const { setRead } = actions

  useEffect(() => {
    if (selectedId === null) return
    let cancelled = false
    const open = () =>
      void api.getPaper({ id: selectedId }).then((p) => {
        if (cancelled) return
        readerRef.current?.scrollTo({ top: 0 })
        if (p && !p.read && markOnOpen.current && settings?.markReadOnOpen !== false && !readOnly) {
          setPaper({ ...p, read: true })
          void setRead(p.id, true)
        } else {
          setPaper(p)
        }
      })
    if (!openLater.current || document.activeElement !== searchRef.current) {
      open()
      return () => {
        cancelled = true
      }
    }
    // at once if the box is left meanwhile (Enter: the keys that follow act on the open paper)
    const box = searchRef.current
    const now = () => {
      window.clearTimeout(timer)
      box?.removeEventListener('blur', now)
      open()
    }
    const timer = window.setTimeout(now, OPEN_AFTER_TYPING_MS)
    box?.addEventListener('blur', now)
    return () => {
      cancelled = true
      window.clearTimeout(timer)
      box?.removeEventListener('blur', now)
    }
    // Only a new selection re-opens the paper (not a settings change).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId])

  useEffect(() => {
    document.title = paper ? `${toPlainText(paper.title)} — Margin` : 'Margin'
  }, [paper])

  const move = (delta: number) => {
    if (!viewIds.length) return
    const i = selectedId === null ? -1 : viewIds.indexOf(selectedId)
    const next = i === -1 ? (delta > 0 ? 0 : viewIds.length - 1) : Math.min(viewIds.length - 1, Math.max(0, i + delta))
    select(viewIds[next]!)
  }
  const jump = (where: 'first' | 'last') => {
    if (viewIds.length) select(where === 'first' ? viewIds[0]! : viewIds.at(-1)!)
  }

  const onNoteSaved = useCallback(
    (id: number, note: string, savedAt: string) => {
      setPaper((p) => (p && p.id === id ? { ...p, note, noteUpdatedAt: savedAt, hasNote: note !== '' } : p))
      patchSummary(id, { hasNote: note !== '' })
    },
    [patchSummary],
  )

  // ---- layout ----------------------------------------------------------------------------------

  const windowWidth = useWindowWidth()
  const layout = layoutFor(windowWidth)
  const notesShown = paper !== null && (layout === 'wide' ? notesOpen : drawerOpen)
  const fit = fitWidths(layout, windowWidth, widths[layout], notesShown)

  const toggleNotes = useStableHandler(() => {
    if (layout === 'compact') return setDrawerOpen(!drawerOpen)
    setNotesOpen(!notesOpen)
    updateSettings({ notesOpen: !notesOpen })
  })
  const openHelp = useCallback(() => setHelp(true), [])
  const openSettings = useCallback(() => setShowSettings(true), [])
  const openExport = useCallback(() => setExportOpen(true), [])
  const openTag = useStableHandler((tag: string) => search.change(`tag:${tag} `))
  const openDay = useStableHandler((day: string) => search.change(`dump:${day} `))
  const openSimilar = useStableHandler((id: number) => select(id))
  const openNotes = () => {
    if (!paper) return false
    startNoteCapture()
    if (layout === 'compact') setDrawerOpen(true)
    else if (!notesOpen) {
      setNotesOpen(true)
      updateSettings({ notesOpen: true })
    }
    // the editor may not exist yet (pane closed): NotesPane focuses it once mounted via the ref
    if (notesRef.current) notesRef.current.focus()
    else requestAnimationFrame(() => notesRef.current?.focus())
  }
  const resize = (pane: 'feed' | 'notes', w: number, commit: boolean) => {
    const next = { ...widths[layout], [pane]: w }
    setWidths((ws) => ({ ...ws, [layout]: next }))
    if (!commit) return
    if (layout === 'wide') updateSettings({ paneWidths: { [pane]: w } })
    else updateSettings({ paneWidthsCompact: next })
  }

  // ---- keyboard --------------------------------------------------------------------------------

  useEffect(() => {
    const focusFeed = () => {
      ;(document.activeElement as HTMLElement | null)?.blur?.()
    }
    window.addEventListener('margin:focus-feed', focusFeed)
    return () => window.removeEventListener('margin:focus-feed', focusFeed)
  }, [])

  const exitSearch = search.exit
  useKeymap(
    {
      next: () => move(1),
      previous: () => move(-1),
      first: () => jump('first'),
      last: () => jump('last'),
      space: () => {
        const el = readerRef.current
        // While the next paper is still loading, a space must not skip past it.
        if (selectedId !== null && paper?.id !== selectedId) return
        if (el && paper && el.scrollTop + el.clientHeight < el.scrollHeight - 4) return el.scrollBy({ top: el.clientHeight * 0.85 })
        void actions.nextUnread(selectedId, select)
      },
      toggleRead: actions.toggleRead,
      toggleStar: actions.toggleStar,
      openPage,
      openPdf,
      undo: () => void actions.undo(),
      redo: () => void actions.redo(),
      note: openNotes,
      notePreview: () => (notesRef.current ? notesRef.current.togglePreview() : false),
      toggleNotesPane: () => (paper ? toggleNotes() : false),
      search: () => searchRef.current?.focus(),
      escape: (e) => {
        const target = e.target as HTMLElement
        if (isTyping(target)) {
          target.blur()
          // Esc in the search box leaves the search (one press, as everywhere else)
          if (target === searchRef.current) exitSearch()
          return
        }
        if (toasts.length) return dismiss(toasts.at(-1)!.id)
        if (view.kind === 'results') return exitSearch()
        if (layout === 'compact' && drawerOpen) return setDrawerOpen(false)
        if (feed.forYou.on) return changeFilter(filter)
        return false
      },
      markAllRead: () => void actions.markAllRead(),
      filterAll: () => changeFilter('all'),
      filterUnread: () => changeFilter('unread'),
      filterStarred: () => changeFilter('starred'),
      filterNotes: () => changeFilter('notes'),
      filterForYou: () => openForYou(),
      openSimilar: (e) => {
        const id = similarIds[Number(e.key) - 1]
        if (id === undefined) return false
        select(id)
      },
      export: () => setExportOpen(true),
      help: () => setHelp(true),
    },
    !help && !showSettings && !exportOpen && !historyOpen && !importDetails && !fetchOpen,
  )

  // Edit ▸ Undo / Redo: the menu has Ctrl+Z before the page on Windows and Linux (lib/editMenu.ts)
  const appUndo = useRef({ undo: actions.undo, redo: actions.redo })
  useEffect(() => {
    appUndo.current = { undo: actions.undo, redo: actions.redo }
  })
  useEffect(() => api.on('menu:edit', ({ action }) => editFromMenu(action, () => void appUndo.current[action]())), [])

  // ---- render ----------------------------------------------------------------------------------

  const empty = feed.loaded && feed.counts.total === 0
  const gridColumns = `${fit.feed}px 1px minmax(0, 1fr)${layout === 'wide' && notesShown ? ` 1px ${fit.notes}px` : ''}`
  const onNoteChangedElsewhere = useStableHandler(() =>
    pushToast({ title: 'Note', body: 'This note was also changed elsewhere (the margin CLI or another window); your version is kept.', tone: 'info' }),
  )
  const notes = paper && notesShown && (
    <NotesPane
      key={paper.id}
      ref={notesRef}
      paper={paper}
      onSaved={onNoteSaved}
      onOpenTag={openTag}
      readOnly={readOnly !== null}
      onChangedElsewhere={onNoteChangedElsewhere}
    />
  )
  const similar = useMemo(
    () => (paper ? <SimilarPapers paperId={paper.id} onOpen={openSimilar} onLoaded={setSimilarIds} /> : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [paper?.id],
  )
  const citationKey = useMemo(
    () => (paper ? <CitationKey key={paper.id} paperId={paper.id} initial={paper.citationKey} /> : undefined),
    // a new paper or a new key, not every change of the paper's flags
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [paper?.id, paper?.citationKey],
  )
  const cutShort = paper !== null && looksCutShort(paper)

  return (
    <div className="app" data-testid="app" data-loaded={feed.loaded} data-layout={layout}>
      {readOnly && <ReadOnlyBanner reason={readOnly} />}
      {!feed.loaded ? null : empty ? (
        <EmptyLibrary onChoose={() => void importWithDialog()} onFetch={() => setFetchOpen(true)} />
      ) : (
        <main className="panes" style={{ gridTemplateColumns: gridColumns }}>
          <FeedPane
            ref={feedRef}
            view={view}
            rows={rows}
            unreadByDay={feed.unreadByDay}
            counts={feed.counts}
            filter={filter}
            sort={sort}
            selectedId={selectedId}
            summaries={summaries}
            version={feed.version}
            searchQuery={search.query}
            searchRef={searchRef}
            onSearchChange={search.change}
            onOpenSaved={search.openSaved}
            onFilter={changeFilter}
            onSort={changeSort}
            onSelect={select}
            onNeedSummaries={feed.fetchSummaries}
            onExitSearch={view.kind === 'feed' && feed.forYou.on ? () => changeFilter(filter) : exitSearch}
            forYou={feed.forYou}
            onForYou={openForYou}
            headerExtra={<ExportButton onClick={() => setExportOpen(true)} />}
          />
          <Splitter
            label="Resize the feed"
            side="left"
            width={fit.feed}
            min={240}
            max={fit.feedMax}
            onResize={(w) => resize('feed', w, false)}
            onCommit={(w) => resize('feed', w, true)}
          />
          <ReaderPane
            ref={readerRef}
            paper={paper}
            loading={selectedId !== null && paper?.id !== selectedId}
            terms={view.kind === 'results' ? view.terms : undefined}
            notesOpen={notesShown}
            onToggleRead={actions.toggleRead}
            onToggleStar={actions.toggleStar}
            onToggleNotes={toggleNotes}
            onHelp={openHelp}
            onSettings={openSettings}
            onExport={openExport}
            onOpenPage={openPage}
            onOpenPdf={openPdf}
            onOpenDay={openDay}
            toolbarExtra={citationKey}
            footer={similar}
            abstractNote={cutShort ? CUT_SHORT : undefined}
          />
          {layout === 'wide' && notes && (
            <>
              <Splitter label="Resize the notes" side="right" width={fit.notes} min={240} max={fit.notesMax} onResize={(w) => resize('notes', w, false)} onCommit={(w) => resize('notes', w, true)} />
              {notes}
            </>
          )}
          {layout === 'compact' && notes && (
            <div className="notes-drawer" style={{ width: fit.notes }} data-testid="notes-drawer">
              <Splitter label="Resize the notes" side="right" width={fit.notes} min={260} max={fit.notesMax} onResize={(w) => resize('notes', w, false)} onCommit={(w) => resize('notes', w, true)} />
              {notes}
            </div>
          )}
        </main>
      )}
      {dragCount !== null && <DropOverlay count={dragCount} />}
      {progress && <ImportProgressBar progress={progress} />}
      <Toasts toasts={toasts} onDismiss={dismiss} />
      <BackendStatus />
      {exportOpen && (
        <ExportDialog
          view={
            view.kind === 'results'
              ? { kind: 'results', query: view.query, ids: view.ids }
              : feed.forYou.on
                ? { kind: 'results', query: 'For you', ids: feed.feed.ids }
                : { kind: 'feed', filter, sort, count: feed.feed.ids.length }
          }
          selectedId={paper?.id ?? null}
          starred={feed.counts.starred}
          total={feed.counts.total}
          onClose={() => setExportOpen(false)}
          onToast={pushToast}
        />
      )}
      {importDetails && (
        <ImportDetailsDialog
          results={importDetails}
          onClose={() => setImportDetails(null)}
          onHistory={() => {
            setImportDetails(null)
            setHistoryOpen(true)
          }}
        />
      )}
      {historyOpen && (
        <ImportHistoryDialog
          onClose={() => setHistoryOpen(false)}
          onOpenPaper={(id) => {
            setHistoryOpen(false)
            select(id)
          }}
        />
      )}
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      {showSettings && settings && (
        <SettingsDialog
          settings={settings}
          libraryPath={libraryPath}
          onChange={(p) => updateSettings(p)}
          onFetch={() => {
            setShowSettings(false)
            setFetchOpen(true)
          }}
          onClose={() => setShowSettings(false)}
        />
      )}
      {fetchOpen && <FetchDialog onClose={() => setFetchOpen(false)} />}
    </div>
  )
}
