import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { ImportProgress, Settings } from '../api'
import { KEYMAP, keyLabel } from '../keymap'
import { plural } from '../lib/format'
import type { Toast } from '../lib/toasts'
import type { SettingsPatch } from '../../../shared/contract/channels/settings'
import { InboxSettings } from './InboxSettings'
import './fetch.css'

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

/** How long an info or success message stays once nobody is reading it (errors stay until dismissed). */
const TOAST_MS = 9000

function ToastView({ toast, onDismiss }: { toast: Toast; onDismiss(id: number): void }) {
  // A message stays while the pointer is on it or focus is in it, and gets its full time afterwards.
  const [held, setHeld] = useState({ hover: false, focus: false })
  const holding = held.hover || held.focus
  useEffect(() => {
    if (toast.tone === 'error' || holding) return
    const t = window.setTimeout(() => onDismiss(toast.id), TOAST_MS)
    return () => window.clearTimeout(t)
  }, [toast, onDismiss, holding])
  return (
    <div
      className={`toast ${toast.tone}`}
      role={toast.tone === 'error' ? 'alert' : 'status'}
      data-testid="toast"
      data-tone={toast.tone}
      data-held={holding}
      onMouseEnter={() => setHeld((h) => ({ ...h, hover: true }))}
      onMouseLeave={() => setHeld((h) => ({ ...h, hover: false }))}
      onFocus={() => setHeld((h) => ({ ...h, focus: true }))}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setHeld((h) => ({ ...h, focus: false }))
      }}
    >
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
      <button type="button" className="toast-close" aria-label="Dismiss (Esc)" title="Dismiss (Esc)" onClick={() => onDismiss(toast.id)}>
        ×
      </button>
    </div>
  )
}

export function EmptyLibrary({ onChoose, onFetch }: { onChoose(): void; onFetch(): void }) {
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
        <p className="muted small">
          <button type="button" className="link-button" onClick={onFetch}>
            Fetch Daily Papers from the API…
          </button>
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

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])'

/**
 * A dialog that owns the keyboard while open: focus moves into it and Tab cycles inside it, Esc
 * closes it, no key reaches the window's shortcuts, and focus goes back where it was on close.
 */
export function Modal({
  title,
  onClose,
  children,
  testId,
  className,
}: {
  title: string
  onClose(): void
  children: ReactNode
  testId?: string
  /** Extra class on the dialog box (e.g. `modal-wide` for a table). */
  className?: string
}) {
  const box = useRef<HTMLDivElement>(null)
  const close = useRef(onClose)
  useEffect(() => {
    close.current = onClose
  })
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null
    const el = box.current!
    const first = el.querySelector<HTMLElement>(`.modal-body ${FOCUSABLE}`) ?? el.querySelector<HTMLElement>(FOCUSABLE) ?? el
    first.focus()
    const onKey = (e: KeyboardEvent) => {
      // the topmost dialog only (the export dialog can sit over nothing else, but be safe)
      const dialogs = document.querySelectorAll('.modal')
      if (dialogs[dialogs.length - 1] !== el) return
      e.stopImmediatePropagation()
      if (e.key === 'Escape') {
        e.preventDefault()
        close.current()
      } else if (e.key === 'Tab') {
        const items = [...el.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((n) => n.offsetParent !== null || n === document.activeElement)
        if (!items.length) return e.preventDefault()
        const i = items.indexOf(document.activeElement as HTMLElement)
        if (!el.contains(document.activeElement) || (e.shiftKey && i <= 0) || (!e.shiftKey && i === items.length - 1)) {
          e.preventDefault()
          items[e.shiftKey ? items.length - 1 : 0]!.focus()
        }
      }
    }
    window.addEventListener('keydown', onKey, true)
    return () => {
      window.removeEventListener('keydown', onKey, true)
      if (before && before.isConnected && before !== document.body) before.focus()
      else (document.activeElement as HTMLElement | null)?.blur?.()
    }
  }, [])
  return (
    <div className="modal-backdrop" onMouseDown={onClose}>
      <div className={className ? `modal ${className}` : 'modal'} role="dialog" aria-modal="true" aria-label={title} data-testid={testId} ref={box} tabIndex={-1} onMouseDown={(e) => e.stopPropagation()}>
        <div className="modal-header">
          <h2>{title}</h2>
          <button type="button" className="toast-close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        <div className="modal-body">{children}</div>
      </div>
    </div>
  )
}

/** A table description as a line of the sheet: capitalised, no Markdown backticks. */
const sentence = (d: string) => d.charAt(0).toUpperCase() + d.slice(1).replace(/`/g, '')

export function ShortcutHelp({ onClose }: { onClose(): void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} testId="shortcut-help">
      <table className="shortcuts">
        <tbody>
          {KEYMAP.map((b) => (
            <tr key={b.action} data-action={b.action}>
              <td>
                {b.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' / '}
                    <kbd>{keyLabel(k)}</kbd>
                  </span>
                ))}
              </td>
              <td>{sentence(b.description)}</td>
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
  onFetch,
  onClose,
}: {
  settings: Settings
  libraryPath: string
  onChange(patch: SettingsPatch): void
  /** Opens File ▸ Fetch Daily Papers… */
  onFetch(): void
  onClose(): void
}) {
  return (
    <Modal title="Settings" onClose={onClose} testId="settings">
      <label className="check">
        <input type="checkbox" checked={settings.markReadOnOpen} onChange={(e) => onChange({ markReadOnOpen: e.target.checked })} />
        Mark a paper as read when I open it
      </label>
      <section className="settings-section" aria-labelledby="fetch-heading">
        <h3 id="fetch-heading">Daily Papers API</h3>
        <label className="check">
          <input type="checkbox" checked={settings.fetchOnStart} onChange={(e) => onChange({ fetchOnStart: e.target.checked })} />
          Fetch new days when Margin starts
        </label>
        <p className="muted small">
          Off: Margin never uses the network. Either way, File ▸ Fetch Daily Papers… asks <code>{settings.apiUrl}</code> for the days you choose.
        </p>
        <div className="settings-buttons">
          <button type="button" onClick={onFetch}>
            Fetch Daily Papers…
          </button>
        </div>
      </section>
      <InboxSettings />
      <div className="settings-row">
        <div className="muted small">Library file</div>
        <code className="path">{libraryPath}</code>
      </div>
    </Modal>
  )
}
