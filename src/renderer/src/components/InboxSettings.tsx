/**
 * Settings ▸ Inbox folder: the folder Margin watches (chosen with the system's folder dialog in the
 * main process), a way to stop, and the files it handled last. Files there are only read.
 */
import { useEffect, useState } from 'react'
import { api, type InboxStatus } from '../api'
import { errorSentence } from '../lib/errors'

export function InboxSettings() {
  const [status, setStatus] = useState<InboxStatus | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const load = () => api.inboxStatus().then(setStatus, (e: unknown) => setError(errorSentence(e)))
    void load()
    return api.on('inbox:file', () => void load())
  }, [])

  const run = (call: () => Promise<InboxStatus>) => {
    setError(null)
    call().then(setStatus, (e: unknown) => setError(errorSentence(e)))
  }

  return (
    <section className="settings-section" data-testid="inbox-settings" aria-labelledby="inbox-heading">
      <h3 id="inbox-heading">Inbox folder</h3>
      <p className="muted small">
        Every dump (<code>.txt</code>, <code>.md</code>, <code>.html</code>) or API <code>.json</code> saved there is imported once it has
        stopped changing for 2 seconds. Each file is imported once, even renamed or copied; files are never moved or deleted.
      </p>
      {status?.folder ? (
        <div className="inbox-folder" data-testid="inbox-folder">
          <code>{status.folder}</code>
          <div className="muted small">{status.problem ?? (status.watching ? 'Watching.' : 'Not watched.')}</div>
        </div>
      ) : (
        <div className="muted small">No inbox folder.</div>
      )}
      <div className="settings-buttons">
        <button type="button" className="tool" onClick={() => run(() => api.chooseInboxFolder())}>
          {status?.folder ? 'Change Folder…' : 'Choose Folder…'}
        </button>
        {status?.folder && (
          <button type="button" className="tool" onClick={() => run(() => api.clearInboxFolder())}>
            Stop Watching
          </button>
        )}
      </div>
      {status && status.recent.length > 0 && (
        <ul className="inbox-recent" data-testid="inbox-recent">
          {status.recent.slice(0, 5).map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
      {error && (
        <p className="export-error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
