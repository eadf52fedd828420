/**
 * What imports did, in the window: the Details of the import that just finished (from its results)
 * and File ▸ Import History… (every import, newest first; one import's files and the papers it added).
 */
import { useEffect, useState } from 'react'
import { api, type ImportResult } from '../api'
import type { ImportDetails, ImportFileRecord, ImportRecord } from '../../../shared/contract/shapes/library'
import { errorSentence } from '../lib/errors'
import { formatDay, plural } from '../lib/format'
import { Modal } from './Overlays'
import './import-history.css'

/** One file's row, from a fresh result or from the history. */
type FileRow = Pick<ImportFileRecord, 'name' | 'status' | 'dumpDate' | 'papers' | 'added' | 'merged' | 'warnings'> & { error: string | null }

const fromResult = (r: ImportResult): FileRow => ({ ...r, name: r.path })
const fromRecord = (f: ImportFileRecord): FileRow => ({ ...f, error: f.error?.message ?? null })

const SOURCES: Record<string, string> = {
  'app-drop': 'Dropped on the window',
  'app-dialog': 'File ▸ Import Dumps…',
  'app-launch': 'Opened with Margin',
  cli: 'margin import',
}
export const sourceLabel = (source: string) => SOURCES[source] ?? source

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** Per file: its day, papers new and merged, lines skipped, and why a failed file failed. */
export function ImportFilesTable({ files }: { files: readonly FileRow[] }) {
  return (
    <table className="import-files" data-testid="import-files">
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Day</th>
          <th scope="col" className="num">New</th>
          <th scope="col" className="num">Merged</th>
        </tr>
      </thead>
      <tbody>
        {files.map((f, i) => (
          <tr key={i} data-status={f.status} data-testid="import-file">
            <td className="import-file-name">
              <span className="import-file-title" title={f.name}>{f.name}</span>
              {f.status === 'failed' && (
                <div className="import-file-error" data-testid="import-file-error">
                  Failed: {f.error ?? 'the file could not be imported.'}
                </div>
              )}
              {f.status === 'already-imported' && <div className="muted small">Imported before: nothing changed</div>}
              {f.warnings.length > 0 && (
                <details className="import-file-warnings">
                  <summary>{plural(f.warnings.length, 'line')} skipped</summary>
                  <ul>
                    {f.warnings.slice(0, 50).map((w, j) => (
                      <li key={j}>{w}</li>
                    ))}
                    {f.warnings.length > 50 && <li>… and {f.warnings.length - 50} more</li>}
                  </ul>
                </details>
              )}
            </td>
            <td className="nowrap">{f.dumpDate ? formatDay(f.dumpDate, false) : '—'}</td>
            <td className="num">{f.status === 'imported' ? f.added.toLocaleString() : '—'}</td>
            <td className="num">{f.status === 'imported' ? f.merged.toLocaleString() : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Totals({ files }: { files: readonly FileRow[] }) {
  const added = files.reduce((n, f) => n + f.added, 0)
  const merged = files.reduce((n, f) => n + f.merged, 0)
  const failed = files.filter((f) => f.status === 'failed').length
  return (
    <p className="import-totals" data-testid="import-totals">
      {plural(files.length, 'file')}: {plural(added, 'new paper')}, {merged.toLocaleString()} merged
      {failed > 0 && <span className="import-failed-count"> · {plural(failed, 'file')} not imported</span>}
    </p>
  )
}

/** The toast's Details: the import that just finished, from its results. */
export function ImportDetailsDialog({ results, onClose, onHistory }: { results: readonly ImportResult[]; onClose(): void; onHistory(): void }) {
  const files = results.map(fromResult)
  return (
    <Modal title="Import details" onClose={onClose} testId="import-details" className="modal-wide">
      <Totals files={files} />
      <ImportFilesTable files={files} />
      <div className="import-actions">
        <button type="button" className="link-button" onClick={onHistory}>
          All imports…
        </button>
      </div>
    </Modal>
  )
}

const PAGE = 50

/** File ▸ Import History…: every import, newest first; choosing one shows its files and what it added. */
export function ImportHistoryDialog({ onClose, onOpenPaper }: { onClose(): void; onOpenPaper(id: number): void }) {
  const [list, setList] = useState<{ imports: ImportRecord[]; total: number } | null>(null)
  const [chosen, setChosen] = useState<ImportDetails | null>(null)
  /** The import last shown: focus goes back to it in the list (the keyboard keeps its place). */
  const [lastChosen, setLastChosen] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    api.importHistory({ limit: PAGE, offset: 0 }).then(
      (page) => live && setList(page),
      (e: unknown) => live && setError(errorSentence(e)),
    )
    return () => {
      live = false
    }
  }, [])

  const more = async (offset: number) => {
    try {
      const page = await api.importHistory({ limit: PAGE, offset })
      setList((cur) => (cur ? { imports: [...cur.imports, ...page.imports], total: page.total } : page))
    } catch (e) {
      setError(errorSentence(e))
    }
  }

  const choose = async (id: number) => {
    try {
      setChosen(await api.importDetails({ id }))
      setLastChosen(id)
    } catch (e) {
      setError(errorSentence(e))
    }
  }

  return (
    <Modal title={chosen ? `Import of ${when(chosen.import.startedAt)}` : 'Import history'} onClose={onClose} testId="import-history" className="modal-wide">
      {error && <p className="import-file-error" role="alert">{error}</p>}
      {chosen ? (
        <ChosenImport details={chosen} onBack={() => setChosen(null)} onOpenPaper={onOpenPaper} />
      ) : !list ? (
        <p className="muted">Loading…</p>
      ) : list.total === 0 ? (
        <p className="muted" data-testid="import-history-empty">No imports yet. Drop daily dumps on the window to import them.</p>
      ) : (
        <>
          <ul className="import-list" data-testid="import-list">
            {list.imports.map((i) => (
              <li key={i.id}>
                <button
                  type="button"
                  className="import-list-item"
                  data-testid="import-list-item"
                  autoFocus={i.id === lastChosen}
                  onClick={() => void choose(i.id)}
                >
                  <span className="import-when">{when(i.startedAt)}</span>
                  <span className="import-source muted">{sourceLabel(i.source)}</span>
                  <span className="import-counts">
                    {plural(i.files, 'file')} · {plural(i.added, 'new paper')} · {i.merged.toLocaleString()} merged
                    {i.failed > 0 && <span className="import-failed-count"> · {i.failed} failed</span>}
                    {!i.finishedAt && <span className="muted"> · stopped before the end</span>}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {list.imports.length < list.total && (
            <button type="button" className="link-button" onClick={() => void more(list.imports.length)}>
              Show older imports ({list.total - list.imports.length} more)
            </button>
          )}
        </>
      )}
    </Modal>
  )
}

function ChosenImport({ details, onBack, onOpenPaper }: { details: ImportDetails; onBack(): void; onOpenPaper(id: number): void }) {
  const files = details.files.map(fromRecord)
  return (
    <div data-testid="import-chosen">
      {/* the list item chosen is gone: focus moves here, so the keyboard stays in the dialog */}
      <button type="button" className="link-button import-back" onClick={onBack} autoFocus data-testid="import-back">
        ← All imports
      </button>
      <p className="muted small">{sourceLabel(details.import.source)}</p>
      <Totals files={files} />
      <ImportFilesTable files={files} />
      <h3 className="import-subhead">
        {details.papersAddedTotal ? `Papers it added (${details.papersAddedTotal.toLocaleString()})` : 'It added no papers'}
      </h3>
      <ul className="import-papers" data-testid="import-papers">
        {details.papersAdded.map((p) => (
          <li key={p.id}>
            <button type="button" className="import-paper" onClick={() => onOpenPaper(p.id)} title="Open in the reader">
              {p.title}
            </button>
          </li>
        ))}
      </ul>
      {details.papersAddedTotal > details.papersAdded.length && (
        <p className="muted small">… and {(details.papersAddedTotal - details.papersAdded.length).toLocaleString()} more</p>
      )}
    </div>
  )
}
