/**
 * Where a paper lives on the web, from what the library knows of it: its Hugging Face Papers page
 * and arXiv PDF when the arXiv id is known, else a Hugging Face Papers search for its title. Used by
 * the reader (`o`, `Shift+O`), the CLI's `--json` and the exports' checks. Pure: no Node or Electron.
 */

/** New-style arXiv ids (`2405.17247`, `2405.17247v2`) and old-style ones (`hep-th/9901001`, `cs.CL/0101001`). */
const ARXIV_ID = /^(?:\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/i

/**
 * An arXiv id as the library stores it (no `arXiv:` prefix, no version, old-style archive in lower
 * case), or null when `input` is not one.
 */
export function normalizeArxivId(input: string): string | null {
  const s = input.trim().replace(/^arxiv:/i, '')
  if (!ARXIV_ID.test(s)) return null
  const bare = s.replace(/v\d+$/i, '')
  const slash = bare.indexOf('/')
  if (slash < 0) return bare
  const [archive, sub] = bare.slice(0, slash).split('.')
  return `${archive!.toLowerCase()}${sub ? `.${sub.toUpperCase()}` : ''}${bare.slice(slash)}`
}

export interface PaperIdentity {
  title: string
  arxivId: string | null
}

/** The paper's Hugging Face Papers page; without an arXiv id, a Papers search for its title. */
export function paperPageUrl(p: PaperIdentity): string {
  if (p.arxivId) return `https://huggingface.co/papers/${encodeURI(p.arxivId)}`
  return `https://huggingface.co/papers?q=${encodeURIComponent(p.title.replace(/\s+/g, ' ').trim())}`
}

/** The arXiv PDF, or null when the arXiv id is not known. */
export function arxivPdfUrl(p: Pick<PaperIdentity, 'arxivId'>): string | null {
  return p.arxivId ? `https://arxiv.org/pdf/${encodeURI(p.arxivId)}` : null
}

/** Why there is no PDF link (for the reader's message). */
export const NO_PDF_REASON = 'This paper has no arXiv id yet (it came from a text dump): its PDF link is unknown. A Daily Papers API file for its day adds it.'
