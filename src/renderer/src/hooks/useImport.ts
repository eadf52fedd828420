/** Importing dumps: dropped anywhere on the window or chosen in the system dialog, with progress. */
import { useCallback, useEffect, useState } from 'react'
import { api, type ImportProgress, type ImportResult } from '../api'
import { errorSentence } from '../lib/errors'
import type { Toast } from '../lib/toasts'

const MAX_FILE_BYTES = 32 * 1024 * 1024

export function failedResult(path: string, error: string): ImportResult {
  return { path, status: 'failed', dumpDate: null, papers: 0, added: 0, merged: 0, updated: 0, warnings: [], error }
}

export function useImport(showResults: (r: ImportResult[]) => void, pushToast: (t: Omit<Toast, 'id'>) => void) {
  const [dragCount, setDragCount] = useState<number | null>(null)
  const [progress, setProgress] = useState<ImportProgress | null>(null)

  useEffect(() => {
    const offProgress = api.on('import:progress', (p) => setProgress(p.current === null ? null : p))
    const offResults = api.on('import:results', (results) => showResults(results))
    return () => {
      offProgress()
      offResults()
    }
  }, [showResults])

  const importFiles = useCallback(
    async (files: File[]) => {
      if (!files.length) return
      setProgress({ done: 0, total: files.length, current: files[0]!.name, result: null })
      const payload: { name: string; bytes: Uint8Array; lastModified: number }[] = []
      const order: (number | ImportResult)[] = []
      for (const file of files) {
        if (file.size > MAX_FILE_BYTES) {
          order.push(failedResult(file.name, `This file is ${(file.size / 1024 / 1024).toFixed(0)} MB; a daily dump is about 100 KB, so it was not imported.`))
          continue
        }
        try {
          payload.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), lastModified: file.lastModified })
          order.push(payload.length - 1)
        } catch (e) {
          order.push(failedResult(file.name, `The file could not be read: ${(e as Error).message}`))
        }
      }
      let results: ImportResult[] = []
      if (payload.length) {
        try {
          results = await api.importFiles({ files: payload })
        } catch {
          // The batch was refused as a whole: import one by one so each file gets its own answer.
          results = []
          for (const f of payload) {
            try {
              results.push(...(await api.importFiles({ files: [f] })))
            } catch (e) {
              results.push(failedResult(f.name, errorSentence(e)))
            }
          }
        }
      }
      setProgress(null)
      showResults(order.map((o) => (typeof o === 'number' ? results[o]! : o)))
    },
    [showResults],
  )

  const importWithDialog = useCallback(async () => {
    try {
      const results = await api.importWithDialog()
      setProgress(null)
      if (results.length) showResults(results)
    } catch (e) {
      pushToast({ title: 'Import', body: (e as Error).message, tone: 'error' })
    }
  }, [pushToast, showResults])

  // Drag and drop anywhere in the window.
  useEffect(() => {
    let depth = 0
    const hasFiles = (e: DragEvent) => Boolean(e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files'))
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return
      e.preventDefault()
      depth++
      setDragCount(e.dataTransfer?.items.length || 1)
    }
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return
      e.preventDefault()
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'
    }
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setDragCount(null)
    }
    const drop = (e: DragEvent) => {
      e.preventDefault()
      depth = 0
      setDragCount(null)
      void importFiles(Array.from(e.dataTransfer?.files ?? []))
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragover', over)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragover', over)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('drop', drop)
    }
  }, [importFiles])

  return { dragCount, progress, importFiles, importWithDialog }
}
