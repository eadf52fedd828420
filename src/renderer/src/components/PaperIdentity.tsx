/**
 * Who wrote the paper and where it lives: the author list (the first few, "+ N more" to see them
 * all), its arXiv id and the links to its Hugging Face page and arXiv PDF (`o`, `Shift+O`).
 */
import { useState } from 'react'
import type { Paper } from '../api'

/** Names shown before "+ N more"; a list at most two longer is shown whole (no "+ 1 more"). */
export const AUTHORS_SHOWN = 6

export function AuthorList({ authors }: { authors: readonly string[] }) {
  const [open, setOpen] = useState(false)
  const folded = !open && authors.length > AUTHORS_SHOWN + 2
  const shown = folded ? authors.slice(0, AUTHORS_SHOWN) : authors
  return (
    <p className="authors" data-testid="authors" data-count={authors.length}>
      <span className="visually-hidden">Authors: </span>
      {shown.join(', ')}
      {authors.length > AUTHORS_SHOWN + 2 && (
        <>
          {' '}
          <button
            type="button"
            className="link-button authors-more"
            aria-expanded={open}
            data-testid="authors-more"
            title={open ? 'Show the first authors only' : 'Show every author'}
            onClick={() => setOpen(!open)}
          >
            {open ? 'show fewer' : `+ ${(authors.length - AUTHORS_SHOWN).toLocaleString()} more`}
          </button>
        </>
      )}
    </p>
  )
}

export function PaperLinks({ paper, onOpenPage, onOpenPdf }: { paper: Paper; onOpenPage(): void; onOpenPdf(): void }) {
  return (
    <div className="paper-links" data-testid="paper-links">
      {paper.arxivId ? (
        <span className="arxiv-id" data-testid="arxiv-id">
          arXiv:{paper.arxivId}
        </span>
      ) : (
        <span className="muted" data-testid="arxiv-id-unknown" title="Text dumps do not carry arXiv ids; an API file of a day it appeared in adds it">
          No arXiv id yet
        </span>
      )}
      <button type="button" className="link-button" data-testid="open-page" onClick={onOpenPage} title="Open in your browser (o)">
        {paper.arxivId ? 'Hugging Face page' : 'Find on Hugging Face'} <span aria-hidden="true">↗</span>
      </button>
      {paper.arxivId && (
        <button type="button" className="link-button" data-testid="open-pdf" onClick={onOpenPdf} title="Open the PDF in your browser (Shift+O)">
          arXiv PDF <span aria-hidden="true">↗</span>
        </button>
      )}
    </div>
  )
}
