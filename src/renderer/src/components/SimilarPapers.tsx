/**
 * "Similar papers" under the abstract: the five papers nearest to the open one by their words, any
 * state, each opened by a click or by `o` and its number.
 */
import { type ReactNode, useEffect, useState } from 'react'
import { api, type SimilarPaper } from '../api'
import { toPlainText } from '../lib/latex'

export function SimilarPapers({ paperId, onOpen, onLoaded }: { paperId: number; onOpen(id: number): void; onLoaded(ids: number[]): void }): ReactNode {
  const [similar, setSimilar] = useState<{ for: number; papers: SimilarPaper[] } | null>(null)
  useEffect(() => {
    let live = true
    api.similarPapers({ id: paperId }).then(
      (papers) => {
        if (!live) return
        setSimilar({ for: paperId, papers })
        onLoaded(papers.map((p) => p.id))
      },
      () => live && setSimilar({ for: paperId, papers: [] }),
    )
    return () => {
      live = false
    }
  }, [paperId, onLoaded])
  if (!similar || similar.for !== paperId || similar.papers.length === 0) return null
  return (
    <section className="similar-papers" aria-label="Similar papers" data-testid="similar-papers">
      <h2>Similar papers</h2>
      <ol>
        {similar.papers.map((p, i) => (
          <li key={p.id}>
            <button type="button" className="similar-open" onClick={() => onOpen(p.id)} data-testid="similar-paper" data-id={p.id} title={`${Math.round(p.score * 100)}% alike`}>
              <kbd>r {i + 1}</kbd>
              <span className="similar-title">{toPlainText(p.title)}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  )
}
