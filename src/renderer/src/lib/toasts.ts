/** The toasts an import leaves in the window (pure: unit-tested under Node). */
import type { ImportResult } from '../../../shared/contract/shapes/library'
import { importMessage, importSummary, plural } from './format'

export interface Toast {
  id: number
  title: string
  body: string
  tone: 'ok' | 'info' | 'error'
  detail?: string
  action?: { label: string; run(): void }
}

export function toastForResult(r: ImportResult, id: number): Toast {
  const tone = r.status === 'failed' ? 'error' : r.status === 'imported' || r.status === 'updated' ? 'ok' : 'info'
  return {
    id,
    title: r.path,
    body: importMessage(r),
    tone,
    detail: r.warnings.length ? `${plural(r.warnings.length, 'line')} skipped:\n${r.warnings.slice(0, 10).join('\n')}` : undefined,
  }
}

/** More files than this in one import: one toast sums up the files that went in (failures keep theirs). */
const TOAST_PER_FILE = 3

/** Whether an import's message offers Details (a table per file): a big import, or one with warnings or failures. */
export function wantsDetails(results: readonly ImportResult[]): boolean {
  return results.length > TOAST_PER_FILE || results.some((r) => r.status === 'failed' || r.warnings.length > 0)
}

/**
 * The toasts for one import: a toast per file, or for a big import one summary and one per failure.
 * With `onDetails`, the first toast (the summary when there is one) offers Details when wantsDetails.
 */
export function toastsForResults(results: readonly ImportResult[], nextId: () => number, onDetails?: (results: readonly ImportResult[]) => void): Toast[] {
  const toasts = toastsWithoutDetails(results, nextId)
  if (onDetails && toasts[0] && !toasts[0].action && wantsDetails(results)) {
    toasts[0] = { ...toasts[0], action: { label: 'Details', run: () => onDetails(results) } }
  }
  return toasts
}

function toastsWithoutDetails(results: readonly ImportResult[], nextId: () => number): Toast[] {
  if (results.length <= TOAST_PER_FILE) return results.map((r) => toastForResult(r, nextId()))
  const ok = results.filter((r) => r.status !== 'failed')
  const failed = results.filter((r) => r.status === 'failed')
  const skipped = ok.filter((r) => r.warnings.length > 0)
  const summary: Toast[] = ok.length
    ? [
        {
          id: nextId(),
          title: `${plural(ok.length, 'file')} imported`,
          body: importSummary(ok),
          tone: ok.some((r) => r.status === 'imported' || r.status === 'updated') ? 'ok' : 'info',
          detail: skipped.length ? `Lines skipped in ${plural(skipped.length, 'file')}:\n${skipped.slice(0, 10).map((r) => `${r.path}: ${plural(r.warnings.length, 'line')}`).join('\n')}` : undefined,
        },
      ]
    : []
  return [...summary, ...failed.map((r) => toastForResult(r, nextId()))]
}

