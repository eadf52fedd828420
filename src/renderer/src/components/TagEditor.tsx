/**
 * A paper's tags, shown under the notes header: one chip per tag with a remove button, and a box
 * where Enter or a comma adds what was typed ("a, b" adds two). Names are checked in main against
 * the one `TagName` rule; a refusal is shown under the box with the rule's message. Tags are plain
 * text here, never HTML.
 */
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { api } from '../api'
import { errorSentence, itemIssue } from '../lib/errors'
import { undoHistory } from '../lib/undo'
import './tags.css'

/** A refused tag as "“Foo bar”: a tag is …" (the name the user typed, then the rule); else one sentence. */
export function tagError(e: unknown, names: readonly string[]): string {
  const issue = itemIssue(e, 'tags')
  if (issue && names[issue.index] !== undefined) return `“${names[issue.index]!.trim()}”: ${issue.message.replace(/\.$/, '')}`
  return errorSentence(e)
}

export function TagEditor({ paperId, onOpenTag }: { paperId: number; /** Lists every paper with this tag. */ onOpenTag?(tag: string): void }): ReactNode {
  const [tags, setTags] = useState<string[]>([])
  const [known, setKnown] = useState<string[]>([])
  const [draft, setDraft] = useState('')
  const [error, setError] = useState<string | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const listId = useId()

  const refreshKnown = useCallback(() => {
    void api
      .allTags()
      .then((all) => setKnown(all.map((t) => t.tag)))
      .catch(() => {})
  }, [])

  useEffect(() => {
    let live = true
    api.tagsOf({ id: paperId }).then(
      (t) => {
        if (live) setTags(t)
      },
      (e: unknown) => {
        if (live) setError(tagError(e, []))
      },
    )
    refreshKnown()
    return () => {
      live = false
    }
  }, [paperId, refreshKnown])

  // Tags changed elsewhere (undo, the CLI): show the library's list.
  useEffect(
    () =>
      api.on('library:changed', (change) => {
        if ((change.reason !== 'tags' && change.reason !== 'external') || (change.ids && !change.ids.includes(paperId))) return
        void api.tagsOf({ id: paperId }).then(setTags, () => {})
      }),
    [paperId],
  )

  // Calls may overlap (typing "a, b, c" quickly): only the newest answer's list is shown.
  const sent = useRef(0)
  const shown = useRef(0)
  const call = async (request: () => Promise<string[]>, names: readonly string[]): Promise<boolean> => {
    const seq = ++sent.current
    const before = tags
    try {
      const next = await request()
      recordTagChange(paperId, before, next)
      if (seq > shown.current) {
        shown.current = seq
        setTags(next)
      }
      refreshKnown()
      return true
    } catch (e) {
      setError(tagError(e, names))
      return false
    }
  }

  /**
   * Adds the comma-separated names in `text`, which leaves the box at once (typing goes on after
   * it); if one is refused, `text` comes back in front of whatever was typed since, to be fixed.
   */
  const add = (text: string, rest: string) => {
    setDraft(rest)
    setError(null)
    const names = text.split(',').filter((t) => t.trim() !== '')
    if (names.length === 0) return
    void call(() => api.addTags({ id: paperId, tags: names }), names).then((ok) => {
      if (!ok) setDraft((d) => `${text.replace(/,\s*$/, '')}${d}`)
    })
  }

  const remove = (tag: string) => {
    setError(null)
    void call(() => api.removeTags({ id: paperId, tags: [tag] }), [tag])
    input.current?.focus()
  }

  const change = (value: string) => {
    // a comma ends a tag: add what comes before the last one and keep what follows in the box
    const cut = value.lastIndexOf(',')
    if (cut < 0) {
      setDraft(value)
      setError(null)
    } else add(value.slice(0, cut + 1), value.slice(cut + 1).trimStart())
  }

  const suggestions = known.filter((t) => !tags.includes(t))

  return (
    <div className="tag-editor" data-testid="tag-editor">
      <ul className="tag-list" aria-label="Tags">
        {tags.map((tag) => (
          <li key={tag} className="tag-chip" data-testid="tag-chip">
            {onOpenTag ? (
              <button type="button" className="tag-name tag-open" title={`Papers tagged “${tag}”`} onClick={() => onOpenTag(tag)}>
                {tag}
              </button>
            ) : (
              <span className="tag-name">{tag}</span>
            )}
            <button type="button" className="tag-remove" aria-label={`Remove tag ${tag}`} title={`Remove “${tag}”`} onClick={() => remove(tag)}>
              ×
            </button>
          </li>
        ))}
        <li className="tag-input-item">
          <input
            ref={input}
            className="tag-input"
            data-testid="tag-input"
            aria-label="Add tag"
            aria-invalid={error !== null}
            aria-describedby={error ? `${listId}-error` : undefined}
            placeholder="Add tag…"
            list={`${listId}-known`}
            value={draft}
            spellCheck={false}
            autoComplete="off"
            maxLength={500}
            onChange={(e) => change(e.target.value)}
            onKeyDown={(e) => {
              // the app's single-key shortcuts (j, k, m, s, n, /…) must not fire while typing a tag
              e.stopPropagation()
              if (e.key === 'Enter') {
                e.preventDefault()
                add(draft, '')
              } else if (e.key === 'Escape') {
                e.preventDefault()
                setDraft('')
                setError(null)
                input.current?.blur()
                window.dispatchEvent(new CustomEvent('margin:focus-feed'))
              }
            }}
          />
        </li>
      </ul>
      <datalist id={`${listId}-known`}>
        {suggestions.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      {error && (
        <div className="tag-error" id={`${listId}-error`} role="alert" data-testid="tag-error">
          {error}
        </div>
      )}
    </div>
  )
}

/** Records the tags a call really added or removed as one undoable step. */
function recordTagChange(id: number, before: readonly string[], after: readonly string[]) {
  const added = after.filter((t) => !before.includes(t))
  const removed = before.filter((t) => !after.includes(t))
  if (added.length === 0 && removed.length === 0) return
  const apply = async (add: string[], remove: string[]) => {
    if (add.length) await api.addTags({ id, tags: add })
    if (remove.length) await api.removeTags({ id, tags: remove })
  }
  const what = [...added.map((t) => `“${t}” added`), ...removed.map((t) => `“${t}” removed`)].join(', ')
  undoHistory.record({ label: `Tag ${what}`, undo: () => apply(removed, added), redo: () => apply(added, removed) })
}
