/**
 * Saved searches (smart feeds): listed beside the day groups with their unread counts;
 * clicking one lists every paper it counts, newest first, with its query in the search box. While results are shown, the current query can be
 * saved under a name.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react'
import { api } from '../api'
import './saved-searches.css'
import type { SavedSearch } from '../../../shared/contract/channels/search'

export function useSavedSearches(): [SavedSearch[], () => void] {
  const [saved, setSaved] = useState<SavedSearch[]>([])
  const refresh = useCallback(() => {
    void api.savedSearches().then(setSaved).catch(() => {})
  }, [])
  useEffect(() => {
    refresh()
    // every count is a query over the library: recount once after a burst of changes (j, m, j, m…)
    let timer: number | undefined
    const off = api.on('library:changed', () => {
      window.clearTimeout(timer)
      timer = window.setTimeout(refresh, 300)
    })
    return () => {
      off()
      window.clearTimeout(timer)
    }
  }, [refresh])
  return [saved, refresh]
}

/** The smart feeds, shown above the day groups of the feed. */
export function SavedSearchList({ onOpen, leading }: { onOpen(query: string): void; leading?: ReactNode }): ReactNode {
  const [saved, refresh] = useSavedSearches()
  if (saved.length === 0 && !leading) return null
  return (
    <nav className="saved-searches" aria-label="Smart feeds" data-testid="saved-searches">
      {leading}
      {saved.map((s) => (
        <span key={s.id} className="saved-search">
          <button type="button" className="saved-search-open" onClick={() => onOpen(s.query)} title={s.query} data-testid="saved-search">
            <span className="name">{s.name}</span>
            <span className="count" data-testid="saved-search-unread">
              {s.unread > 0 ? s.unread.toLocaleString() : '✓'}
            </span>
          </button>
          <button
            type="button"
            className="saved-search-delete"
            aria-label={`Delete saved search ${s.name}`}
            title="Delete"
            onClick={() => void api.deleteSavedSearch({ id: s.id }).then(refresh)}
          >
            ×
          </button>
        </span>
      ))}
    </nav>
  )
}

/** "Save search" in the results bar: a name field, Enter saves, Esc cancels. */
export function SaveSearchButton({ query }: { query: string }): ReactNode {
  const [naming, setNaming] = useState(false)
  const [name, setName] = useState('')
  // what was saved, for which query: typing a new query brings the button back
  const [saved, setSaved] = useState<{ name: string; query: string } | null>(null)
  if (saved && saved.query === query) return <span className="saved-note">Saved as “{saved.name}”</span>
  if (!naming) {
    return (
      <button type="button" className="link-button" onClick={() => (setName(query.trim()), setNaming(true))} data-testid="save-search">
        Save search
      </button>
    )
  }
  return (
    <input
      className="save-search-name"
      autoFocus
      aria-label="Name of the saved search"
      value={name}
      onChange={(e) => setName(e.target.value)}
      onKeyDown={(e) => {
        e.stopPropagation()
        if (e.key === 'Escape') setNaming(false)
        if (e.key === 'Enter' && name.trim()) {
          void api.saveSearch({ name: name.trim(), query }).then((s) => {
            setNaming(false)
            setSaved({ name: s.name, query })
          })
        }
      }}
      onBlur={() => setNaming(false)}
    />
  )
}

/** Unknown filters and corrected words, under the search box. */
export function QueryNotes({
  errors,
  corrections,
}: {
  errors?: { start: number; end: number; message: string }[]
  corrections?: { word: string; terms: string[] }[]
}): ReactNode {
  if (!errors?.length && !corrections?.length) return null
  return (
    <div className="query-notes" data-testid="query-notes">
      {errors?.map((e, i) => (
        <div key={`e${i}`} className="query-error" role="alert" data-testid="query-error">
          {e.message}
        </div>
      ))}
      {corrections?.map((c, i) => (
        <div key={`c${i}`} className="query-correction">
          {c.terms.length ? `Searched “${c.word}” as ${c.terms.map((t) => `“${t}”`).join(' or ')}` : `No paper has “${c.word}”`}
        </div>
      ))}
    </div>
  )
}
