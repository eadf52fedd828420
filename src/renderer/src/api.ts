/** The typed bridge to the main process, exposed by the preload (or the test harness). */
import type { MarginApi } from '../../shared/contract'
import { unwrapBridge } from '../../shared/bridge'

/** Every call resolves with its value or rejects with an ApiError (`code`, `message`, `issues`). */
export const api: MarginApi = unwrapBridge<MarginApi>(window.margin)
export { ApiError } from '../../shared/bridge'

export type { FeedFilter, FeedSort, DayGroup, ImportResult, LibraryCounts, Paper, PaperSummary } from '../../shared/contract/shapes/library'
export type { Settings } from '../../shared/contract/channels/settings'
export type { ImportProgress } from '../../shared/contract/channels/imports'
export type { PaperReason, SimilarPaper } from '../../shared/contract/channels/recommend'
export type { FetchDayResult, FetchInfo, FetchProgress } from '../../shared/contract/channels/fetch'
export type { InboxStatus } from '../../shared/contract/channels/inbox'
