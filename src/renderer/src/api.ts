/** The typed bridge to the main process, exposed by the preload (or the test harness). */
import type { MarginApi } from '../../main/ipc/contract'
import { unwrapBridge } from '../../shared/bridge'

/** Every call resolves with its value or rejects with an ApiError (`code`, `message`, `issues`). */
export const api: MarginApi = unwrapBridge<MarginApi>(window.margin)
export { ApiError } from '../../shared/bridge'

export type { FeedFilter, FeedSort, DayGroup, ImportResult, LibraryCounts, Paper, PaperSummary } from '../../main/library/schemas'
export type { Settings } from '../../main/ipc/channels/settings'
export type { ImportProgress } from '../../main/ipc/channels/imports'
export type { FetchDayResult, FetchInfo, FetchProgress } from '../../main/ipc/channels/fetch'
export type { InboxStatus } from '../../main/ipc/channels/inbox'
