/** The typed bridge to the main process, exposed by the preload (or the test harness). */
import type { MarginApi } from '../../main/ipc/contract'

export const api: MarginApi = window.api

export type { FeedFilter, FeedSort, DayGroup, ImportResult, LibraryCounts, Paper, PaperSummary } from '../../main/library/schemas'
export type { Settings } from '../../main/ipc/channels/settings'
export type { ImportProgress } from '../../main/ipc/channels/imports'
