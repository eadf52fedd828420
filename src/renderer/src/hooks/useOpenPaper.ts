/**
 * `o` and `Shift+O`: the open paper's Hugging Face page and arXiv PDF, handed to the system browser
 * through the host's http(s)-only `openExternal`. Without an arXiv id the page is a Hugging Face
 * Papers search for the title, and the PDF is refused with a sentence saying why.
 */
import { useCallback } from 'react'
import { api, type Paper } from '../api'
import { errorSentence } from '../lib/errors'
import type { Toast } from '../lib/toasts'
import { arxivPdfUrl, NO_PDF_REASON, paperPageUrl } from '../../../shared/paperLinks'

export function useOpenPaper(paper: Paper | null, pushToast: (t: Omit<Toast, 'id'>) => void) {
  const open = useCallback(
    (url: string) => {
      api.openExternal({ url }).catch((e: unknown) => pushToast({ title: 'Could not open the link', body: errorSentence(e), tone: 'error' }))
    },
    [pushToast],
  )
  const openPage = useCallback(() => {
    if (!paper) return false
    open(paperPageUrl(paper))
  }, [paper, open])
  const openPdf = useCallback(() => {
    if (!paper) return false
    const url = arxivPdfUrl(paper)
    if (url) open(url)
    else pushToast({ title: 'No PDF link', body: NO_PDF_REASON, tone: 'info' })
  }, [paper, open, pushToast])
  return { openPage, openPdf }
}
