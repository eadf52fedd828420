/**
 * Margin's window: feed | reader | notes, keyboard first. All data comes through `api` (window.margin,
 * unwrapped). This component composes the hooks that own each concern (settings, feed, search,
 * reader, panes, dialogs, import, toasts, keymap, session) and lays out the panes.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { AppDialogs } from './components/AppDialogs'
import { BackendStatus } from './components/BackendStatus'
import { CitationKey, ExportButton } from './components/Export'
import { FeedPane, buildRows, type FeedPaneHandle } from './components/FeedPane'
import { NotesPane, type NotesHandle } from './components/NotesPane'
import { DropOverlay, EmptyLibrary, ImportProgressBar, Toasts } from './components/Overlays'
import { ReadOnlyBanner } from './components/ReadOnlyBanner'
import { ReaderPane } from './components/ReaderPane'
import { SearchBox } from './components/SearchBox'
import { SimilarPapers } from './components/SimilarPapers'
import { Splitter } from './components/Splitter'
import { useBackgroundMessages, useMenuUndo } from './hooks/useBackgroundMessages'
import { useDialogs } from './hooks/useDialogs'
import { useFeed } from './hooks/useFeed'
import { useImport } from './hooks/useImport'
import { isTyping, useKeymap } from './hooks/useKeymap'
import { useNoteCapture } from './hooks/useNoteCapture'
import { useOpenPaper } from './hooks/useOpenPaper'
import { usePanes } from './hooks/usePanes'
import { useReader } from './hooks/useReader'
import { useReaderActions } from './hooks/useReaderActions'
import { useSearch } from './hooks/useSearch'
import { useSettings } from './hooks/useSettings'
import { useStableHandler } from './hooks/useStableHandler'
import { readSession, useSaveSession } from './hooks/useSession'
import { useToasts } from './hooks/useToasts'
import { looksCutShort } from './lib/cutShort'
import type { FeedFilter, FeedSort } from './api'

const CUT_SHORT = (
  <p className="cut-short" data-testid="cut-short">
    Abstract cut short in the dump: the page ended before it did.
  </p>
)

export function App() {
  const { settings, libraryPath, readOnly, load: loadSettings, updateSettings } = useSettings()
  const dialogs = useDialogs()
  /** Where the feed was when a search replaced it: Esc returns there. */
  const feedPlace = useRef<{ selectedId: number | null; scroll: number } | null>(null)
  const pendingScroll = useRef<number | null>(null)
  /** After a reload in a search: the paper that was open, selected when the results are back. */
  const restoreSelection = useRef<number | null>(null)

  const feedRef = useRef<FeedPaneHandle>(null)
  const notesRef = useRef<NotesHandle>(null)
  const searchRef = useRef<HTMLInputElement>(null)

  const { toasts, pushToast, dismiss, showResults } = useToasts(dialogs.setImportDetails)
  const { dragCount, progress, importWithDialog } = useImport(showResults, pushToast)
  const startNoteCapture = useNoteCapture()
  useBackgroundMessages(showResults, pushToast)

  // the reader marks what it opens read through the actions below (they need the reader's paper)
  const markRead = useRef<(id: number) => void>(() => {})
  const reader = useReader({
    feedRef,
    searchRef,
    canMarkOnOpen: () => settings?.markReadOnOpen !== false && !readOnly,
    markRead: (id) => markRead.current(id),
  })
  const { selectedId, select, paper, setPaper, readerRef } = reader
  const feed = useFeed(reader.onLibraryChanged)
  const { filter, sort, summaries, patchSummary, reloadFeed } = feed

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
  const panes = usePanes(paper !== null, updateSettings)

  // ---- start and session ----------------------------------------------------------------------

  useEffect(() => {
    void (async () => {
      const s = await loadSettings()
      panes.restore(s)
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

  useSaveSession(() => ({ selectedId, query: search.text.get(), feedScroll: feedRef.current?.scrollTop() ?? 0 }))

  // ---- feed views ------------------------------------------------------------------------------

  const changeFilter = useStableHandler((f: FeedFilter) => {
    feed.setFilter(f)
    feed.forYou.set(false)
    search.reset()
    feedPlace.current = null
    void reloadFeed(f, sort, false)
    updateSettings({ feedFilter: f })
  })
  const changeSort = useStableHandler((s: FeedSort) => {
    feed.setSort(s)
    void reloadFeed(filter, s)
    updateSettings({ feedSort: s })
  })
  /** For you: a smart feed of the unread papers, ranked each time it is opened. */
  const openForYou = useStableHandler(() => {
    feed.forYou.set(true)
    search.reset()
    feedPlace.current = null
    pendingScroll.current = 0
    void reloadFeed(filter, sort, true)
  })
  const exitSearch = search.exit
  const leaveView = useStableHandler(() => (view.kind === 'feed' && feed.forYou.on ? changeFilter(filter) : exitSearch()))

  const viewIds = view.kind === 'results' ? view.ids : feed.feed.ids
  // the feed's rows are kept while results show: Esc back to 100,000 papers need not rebuild them
  const feedRows = useMemo(
    () => buildRows(feed.feed.ids, sort === 'date' && !feed.forYou.on ? feed.feed.groups : null),
    [feed.feed.ids, feed.feed.groups, sort, feed.forYou.on],
  )
  const resultRows = useMemo(() => (view.kind === 'results' ? buildRows(view.ids, null) : null), [view])
  const rows = resultRows ?? feedRows

  // A new view's rows are on screen: scroll where it was asked (top of new results, or back).
  useEffect(() => {
    const top = pendingScroll.current
    if (top === null || rows.length === 0) return
    pendingScroll.current = null
    feedRef.current?.setScrollTop(top)
  }, [rows])

  // ---- reader ----------------------------------------------------------------------------------

  const actions = useReaderActions({ paper, setPaper, viewIds, summaries, patchSummary, pushToast })
  const { setRead } = actions
  useEffect(() => {
    markRead.current = (id) => void setRead(id, true)
  }, [setRead])
  const { openPage, openPdf } = useOpenPaper(paper, pushToast)
  const [similarIds, setSimilarIds] = useState<number[]>([])

  const { noteSaved } = reader
  const onNoteSaved = useCallback(
    (id: number, note: string, savedAt: string) => {
      noteSaved(id, note, savedAt)
      patchSummary(id, { hasNote: note !== '' })
    },
    [noteSaved, patchSummary],
  )
  const { setHelp, setSettings, setExport } = dialogs
  const openHelp = useCallback(() => setHelp(true), [setHelp])
  const openSettings = useCallback(() => setSettings(true), [setSettings])
  const openExport = useCallback(() => setExport(true), [setExport])
  const openTag = useStableHandler((tag: string) => search.change(`tag:${tag} `))
  const openDay = useStableHandler((day: string) => search.change(`dump:${day} `))
  const openSimilar = useStableHandler((id: number) => select(id))
  const openNotes = () => {
    if (!paper) return false
    startNoteCapture()
    panes.showNotes()
    // the editor may not exist yet (pane closed): NotesPane focuses it once mounted via the ref
    if (notesRef.current) notesRef.current.focus()
    else requestAnimationFrame(() => notesRef.current?.focus())
  }

  // ---- keyboard --------------------------------------------------------------------------------

  useKeymap(
    {
      next: () => reader.move(viewIds, 1),
      previous: () => reader.move(viewIds, -1),
      first: () => viewIds.length && select(viewIds[0]!),
      last: () => viewIds.length && select(viewIds.at(-1)!),
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
      toggleNotesPane: () => (paper ? panes.toggleNotes() : false),
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
        if (panes.closeDrawer()) return
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
      export: () => dialogs.setExport(true),
      help: () => dialogs.setHelp(true),
    },
    !dialogs.anyOpen,
  )
  useMenuUndo(actions.undo, actions.redo)

  // ---- render ----------------------------------------------------------------------------------

  const { layout, fit, notesShown } = panes
  const empty = feed.loaded && feed.counts.total === 0
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
  const searchBox = useMemo(() => <SearchBox text={search.text} inputRef={searchRef} onChange={search.change} />, [search.text, search.change])
  const exportButton = useMemo(() => <ExportButton onClick={openExport} />, [openExport])
  // The reader highlights a query's words after its results are on screen, never before them.
  const readerTerms = useDeferredValue(view.kind === 'results' ? view.terms : undefined)
  const { resize } = panes
  const resizeFeed = useCallback((w: number) => resize('feed', w, false), [resize])
  const commitFeed = useCallback((w: number) => resize('feed', w, true), [resize])
  const notesSplitter = (min: number) => (
    <Splitter
      label="Resize the notes"
      side="right"
      width={fit.notes}
      min={min}
      max={fit.notesMax}
      onResize={(w) => resize('notes', w, false)}
      onCommit={(w) => resize('notes', w, true)}
    />
  )

  return (
    <div className="app" data-testid="app" data-loaded={feed.loaded} data-layout={layout}>
      {readOnly && <ReadOnlyBanner reason={readOnly} />}
      {!feed.loaded ? null : empty ? (
        <EmptyLibrary onChoose={() => void importWithDialog()} onFetch={() => dialogs.setFetch(true)} />
      ) : (
        <main className="panes" style={{ gridTemplateColumns: panes.gridColumns }}>
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
            searchBox={searchBox}
            onOpenSaved={search.openSaved}
            onFilter={changeFilter}
            onSort={changeSort}
            onSelect={select}
            onNeedSummaries={feed.fetchSummaries}
            onExitSearch={leaveView}
            forYou={feed.forYou}
            onForYou={openForYou}
            headerExtra={exportButton}
          />
          <Splitter label="Resize the feed" side="left" width={fit.feed} min={240} max={fit.feedMax} onResize={resizeFeed} onCommit={commitFeed} />
          <ReaderPane
            ref={readerRef}
            paper={paper}
            loading={paper === null && selectedId !== null}
            terms={readerTerms}
            notesOpen={notesShown}
            onToggleRead={actions.toggleRead}
            onToggleStar={actions.toggleStar}
            onToggleNotes={panes.toggleNotes}
            onHelp={openHelp}
            onSettings={openSettings}
            onExport={openExport}
            onOpenPage={openPage}
            onOpenPdf={openPdf}
            onOpenDay={openDay}
            toolbarExtra={citationKey}
            footer={similar}
            abstractNote={paper !== null && looksCutShort(paper) ? CUT_SHORT : undefined}
          />
          {layout === 'wide' && notes && (
            <>
              {notesSplitter(240)}
              {notes}
            </>
          )}
          {layout === 'compact' && notes && (
            <div className="notes-drawer" style={{ width: fit.notes }} data-testid="notes-drawer">
              {notesSplitter(260)}
              {notes}
            </div>
          )}
        </main>
      )}
      {dragCount !== null && <DropOverlay count={dragCount} />}
      {progress && <ImportProgressBar progress={progress} />}
      <Toasts toasts={toasts} onDismiss={dismiss} />
      <BackendStatus />
      <AppDialogs
        dialogs={dialogs}
        exportView={() =>
          view.kind === 'results'
            ? { kind: 'results', query: view.query, ids: view.ids }
            : feed.forYou.on
              ? { kind: 'results', query: 'For you', ids: feed.feed.ids }
              : { kind: 'feed', filter, sort, count: feed.feed.ids.length }
        }
        selectedPaperId={paper?.id ?? null}
        counts={feed.counts}
        settings={settings}
        libraryPath={libraryPath}
        onSettingsChange={updateSettings}
        onOpenPaper={(id) => select(id)}
        onToast={pushToast}
      />
    </div>
  )
}
