import { useEffect, type ReactNode } from 'react'
import type { ImportProgress, Settings } from '../api'
import { plural } from '../lib/format'
import type { Toast } from '../lib/toasts'

export { toastForResult, toastsForResults, type Toast } from '../lib/toasts'

export function DropOverlay({ count }: { count: number }) {
  return (
    <div className="drop-overlay" data-testid="drop-overlay">
      <div className="drop-target">
        <DocIcon />
        <div className="drop-title">Drop to import {count > 1 ? plural(count, 'file') : 'the dump'}</div>
        <div className="muted">Daily Papers pages saved as text</div>
      </div>
    </div>
  )
}

export function ImportProgressBar({ progress }: { progress: ImportProgress }) {
  const pct = Math.round((progress.done / progress.total) * 100)
  return (
    <div className="import-progress" role="progressbar" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done} data-testid="import-progress">
      <div className="import-progress-label">
        {progress.current ? `Importing ${progress.current}` : 'Finishing…'}
        <span className="muted"> · {progress.done} of {progress.total}</span>
      </div>
      <div className="bar">
        <div className="bar-fill" style={{ width: `${Math.max(4, pct)}%` }} />
      </div>
    </div>
  )
}

export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss(id: number): void }) {
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <ToastView key={t.id} toast={t} onDismiss={onDismiss} />
      ))}
    </div>
  )
}

function ToastView({ toast, onDismiss }: { toast: Toast; onDismiss(id: number): void }) {
  useEffect(() => {
    if (toast.tone === 'error') return
    const t = window.setTimeout(() => onDismiss(toast.id), 9000)
    return () => window.clearTimeout(t)
  }, [toast, onDismiss])
  return (
    <div className={`toast ${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'} data-testid="toast" data-tone={toast.tone}>
      <span className="toast-icon" aria-hidden="true">
        {toast.tone === 'error' ? '!' : toast.tone === 'ok' ? '✓' : 'i'}
      </span>
      <div className="toast-body">
        <div className="toast-title">{toast.title}</div>
        <div className="toast-text" data-testid="toast-text">
          {toast.body}
        </div>
        {toast.detail && (
          <details className="toast-detail">
            <summary>Details</summary>
            <pre>{toast.detail}</pre>
          </details>
        )}
      </div>
      {toast.action && (
        <button type="button" className="link-button" onClick={() => { toast.action!.run(); onDismiss(toast.id) }}>
          {toast.action.label}
        </button>
      )}
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => onDismiss(toast.id)}>
        ×
      </button>
    </div>
  )
}

export function EmptyLibrary({ onChoose }: { onChoose(): void }) {
  return (
    <div className="empty-library" data-testid="empty-library">
      <div className="empty-card">
        <DocIcon large />
        <h1>Drop a daily dump here</h1>
        <p>
          Save the Hugging Face <strong>Daily Papers</strong> page as text and drop the file anywhere in this window. Drop
          several at once — papers seen on more than one day are merged.
        </p>
        <button type="button" className="primary" onClick={onChoose}>
          Choose files…
        </button>
        <p className="muted small">
          or File ▸ Import Dumps… · press <kbd>?</kbd> for keyboard shortcuts
        </p>
      </div>
    </div>
  )
}

function DocIcon({ large }: { large?: boolean }) {
  const s = large ? 56 : 40
  return (
    <svg width={s} height={s} viewBox="0 0 48 48" aria-hidden="true" className="doc-icon">
      <path d="M12 5h17l9 9v27a2 2 0 0 1-2 2H12a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2Z" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M29 5v9h9" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      <path d="M24 20v13m0 0-5-5m5 5 5-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  )
}

export const SHORTCUTS: [string, string][] = [
  ['j / k', 'Next / previous paper'],
  ['Space', 'Scroll the reader, then the next unread paper'],
  ['m', 'Toggle read / unread'],
  ['s', 'Star / unstar'],
  ['n', 'Write a note'],
  ['/', 'Search; Enter moves to the results'],
  ['Esc', 'Back to the feed (clears the search)'],
  ['Shift+A', 'Mark all papers in the view as read'],
  ['1 – 4', 'All / Unread / Starred / Notes'],
  ['?', 'Show this help'],
]

export function Modal({ title, onClose, children, testId }: { title: string; onClose(): void; children: ReactNode; testId?: string }) {
  return (
    <div className="modal-backdrop" onMouseDown={onClose}>
      <div className="modal" role="dialog" aria-label={title} data-testid={testId} onMouseDown={(e) => e.stopPropagation()}>
        <div className="modal-header">
          <h2>{title}</h2>
          <button type="button" className="toast-close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        {children}
      </div>
    </div>
  )
}

export function ShortcutHelp({ onClose }: { onClose(): void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} testId="shortcut-help">
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                {keys.split(' / ').map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' / '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  )
}

export function SettingsDialog({
  settings,
  libraryPath,
  onChange,
  onClose,
}: {
  settings: Settings
  libraryPath: string
  onChange(patch: Partial<Settings>): void
  onClose(): void
}) {
  return (
    <Modal title="Settings" onClose={onClose} testId="settings">
      <label className="check">
        <input type="checkbox" checked={settings.markReadOnOpen} onChange={(e) => onChange({ markReadOnOpen: e.target.checked })} />
        Mark a paper as read when I open it
      </label>
      <div className="settings-row">
        <div className="muted small">Library file</div>
        <code className="path">{libraryPath}</code>
      </div>
    </Modal>
  )
}
