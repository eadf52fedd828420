/**
 * The search box. Its text lives in a small store (hooks/useSearch.ts) that only this component
 * reads while rendering, so a key typed re-renders the box alone; the window re-renders when the
 * query's results arrive.
 */
import { memo, useSyncExternalStore, type RefObject } from 'react'
import type { QueryText } from '../hooks/useSearch'

interface Props {
  text: QueryText
  inputRef: RefObject<HTMLInputElement | null>
  onChange(query: string): void
}

export const SearchBox = memo(function SearchBox({ text, inputRef, onChange }: Props) {
  const query = useSyncExternalStore(text.subscribe, text.get)
  return (
    <div className="search">
      <svg viewBox="0 0 16 16" aria-hidden="true" className="search-icon">
        <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
      <input
        ref={inputRef}
        type="search"
        placeholder="Search papers"
        aria-label="Search papers"
        value={query}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          // Enter goes from the box to the results: j/k, m, s work on them from there
          if (e.key === 'Enter' && query.trim() !== '') {
            e.preventDefault()
            e.currentTarget.blur()
          }
        }}
        spellCheck={false}
      />
      {query === '' && <kbd className="search-key">/</kbd>}
    </div>
  )
})
