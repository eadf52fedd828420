/**
 * File ▸ Fetch Daily Papers…: one day or a range (by default the days since the last fetch), a
 * progress bar while a range is fetched, and a line per day. The renderer never talks to the
 * network itself (its CSP keeps connect-src closed): the main process fetches and imports.
 */
import { useEffect, useState } from 'react'
import { api, type FetchDayResult, type FetchInfo, type FetchProgress } from '../api'
import { errorSentence } from '../lib/errors'
import { plural } from '../lib/format'
import { Modal } from './Overlays'
import './fetch.css'

/** The line a day's result gets, as `margin fetch` prints it. */
export function describeFetchedDay(r: FetchDayResult): string {
  switch (r.status) {
    case 'imported':
      return `${plural(r.papers, 'paper')}: ${r.added} new, ${r.merged} already in the library`
    case 'updated':
      return `${plural(r.papers, 'paper')}: updated the day: ${r.added} new, ${r.merged} already in the library`
    case 'already-imported':
      return `${plural(r.papers, 'paper')}, already imported`
    case 'unchanged':
      return 'unchanged since the last fetch'
    case 'empty':
      return 'no papers that day'
    case 'failed':
      return (r.error ?? 'failed').replace(`${r.day}: `, '')
  }
}

export function FetchDialog({ onClose }: { onClose(): void }) {
  const [info, setInfo] = useState<FetchInfo | null>(null)
  const [mode, setMode] = useState<'day' | 'range'>('range')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [progress, setProgress] = useState<FetchProgress | null>(null)
  const [results, setResults] = useState<FetchDayResult[]>([])
  const [running, setRunning] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    api.fetchInfo().then(
      (i) => {
        setInfo(i)
        setFrom(i.from)
        setTo(i.to)
        setMode(i.from === i.to ? 'day' : 'range')
      },
      (e: unknown) => setError(errorSentence(e)),
    )
    return api.on('fetch:progress', (p) => {
      setProgress(p)
      if (p.result) setResults((rs) => [...rs, p.result!])
    })
  }, [])

  const start = async () => {
    setError(null)
    setResults([])
    setProgress(null)
    setRunning(true)
    try {
      const all = await api.fetchDays({ from, to: mode === 'day' ? from : to })
      setResults(all)
      setInfo(await api.fetchInfo())
    } catch (e) {
      setError(errorSentence(e))
    } finally {
      setRunning(false)
      setProgress(null)
    }
  }

  const today = info?.to ?? ''
  const valid = Boolean(from) && (mode === 'day' || (Boolean(to) && from <= to)) && from <= today && (mode === 'day' || to <= today)
  const failed = results.filter((r) => r.status === 'failed').length
  return (
    <Modal title="Fetch Daily Papers" onClose={onClose} testId="fetch-dialog">
      <p className="muted small fetch-intro">
        Margin asks the Daily Papers API <code>{info?.apiUrl ?? '…'}</code> for each day and imports the answer like a
        saved <code>.json</code>. Nothing else leaves your machine.{' '}
        {info && (info.lastFetchedDay ? `Last fetched day: ${info.lastFetchedDay}.` : 'Nothing fetched yet.')}
      </p>
      <fieldset className="fetch-field" disabled={running}>
        <legend>Days</legend>
        <div className="fetch-modes" role="radiogroup">
          <label className="check">
            <input type="radio" name="fetch-mode" checked={mode === 'day'} onChange={() => setMode('day')} /> One day
          </label>
          <label className="check">
            <input type="radio" name="fetch-mode" checked={mode === 'range'} onChange={() => setMode('range')} /> A range
          </label>
        </div>
        <div className="fetch-dates">
          <label>
            <span className="muted small">{mode === 'day' ? 'Day' : 'From'}</span>
            <input type="date" value={from} max={today} onChange={(e) => setFrom(e.target.value)} data-testid="fetch-from" />
          </label>
          {mode === 'range' && (
            <label>
              <span className="muted small">To</span>
              <input type="date" value={to} max={today} min={from} onChange={(e) => setTo(e.target.value)} data-testid="fetch-to" />
            </label>
          )}
        </div>
      </fieldset>
      {running && progress && (
        <div className="fetch-progress" role="progressbar" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done} data-testid="fetch-progress">
          <div className="import-progress-label">
            {progress.day ? `Fetching ${progress.day}` : 'Finishing…'}
            <span className="muted"> · {progress.done} of {plural(progress.total, 'day')}</span>
          </div>
          <div className="bar">
            <div className="bar-fill" style={{ width: `${Math.max(4, Math.round((progress.done / progress.total) * 100))}%` }} />
          </div>
          {progress.retry && <div className="muted small fetch-retry">{progress.retry}</div>}
        </div>
      )}
      {results.length > 0 && (
        <ul className="fetch-results" data-testid="fetch-results" aria-live="polite">
          {results.map((r) => (
            <li key={r.day} data-status={r.status}>
              <span className="fetch-day">{r.day}</span> {describeFetchedDay(r)}
            </li>
          ))}
        </ul>
      )}
      {!running && results.length > 0 && failed > 0 && (
        <p className="export-error" role="alert">
          {plural(failed, 'day')} failed and changed nothing; fetching again asks for {failed === 1 ? 'it' : 'them'} again.
        </p>
      )}
      {error && (
        <p className="export-error" role="alert">
          {error}
        </p>
      )}
      <div className="export-actions">
        {running ? (
          <button type="button" className="tool" onClick={() => void api.cancelFetch()}>
            Stop after this day
          </button>
        ) : (
          <button type="button" className="tool" onClick={onClose}>
            {results.length ? 'Close' : 'Cancel'}
          </button>
        )}
        <button type="button" className="primary fetch-go" disabled={!valid || running || !info} onClick={() => void start()}>
          {running ? 'Fetching…' : 'Fetch'}
        </button>
      </div>
    </Modal>
  )
}
