/**
 * The app's inbox folder (Settings ▸ Inbox folder): a FolderWatcher on the folder in the settings,
 * each settled file imported by importInboxFile and shown to the renderer (`inbox:file`, and
 * `library:changed` when papers came in). One per handler context, started when the app starts
 * and restarted when the folder changes.
 */
import type { HandlerContext } from '../ipc/dispatcher'
import type { InboxStatus } from '../../shared/contract/channels/inbox'
import { scheduleMaintenance } from '../ipc/maintenance'
import { FolderWatcher } from './folderWatcher'
import { describeInbox, importInboxFile } from './importInboxFile'

const RECENT = 20

export class InboxService {
  private watcher: FolderWatcher | null = null
  private problem: string | null = null
  private readonly recent: string[] = []

  constructor(
    private readonly ctx: HandlerContext,
    private readonly options: { settleMs?: number } = {},
  ) {}

  /** Watches the folder in the settings (again), or nothing when there is none. */
  async restart(): Promise<void> {
    await this.stop()
    const folder = this.ctx.settings.get().inboxFolder
    this.problem = null
    if (!folder) return
    const watcher = new FolderWatcher(folder, {
      settleMs: this.options.settleMs,
      onSettled: (file) => {
        const outcome = importInboxFile(this.ctx.library, file.path, file.name)
        if (outcome.status === 'seen' && file.initial) return
        const line = describeInbox(outcome)
        this.recent.unshift(line)
        this.recent.length = Math.min(this.recent.length, RECENT)
        this.ctx.emit('inbox:file', { name: outcome.name, status: outcome.status, line, result: outcome.result })
        if (outcome.status === 'imported') {
          this.ctx.emit('library:changed', { reason: 'import' })
          scheduleMaintenance(this.ctx.library)
        }
      },
      onError: (e) => {
        this.problem = e.message
      },
    })
    try {
      watcher.start()
      this.watcher = watcher
    } catch (e) {
      this.problem = `${folder} cannot be watched: ${(e as Error).message}`
    }
  }

  async stop(): Promise<void> {
    const w = this.watcher
    this.watcher = null
    await w?.close()
  }

  status(): InboxStatus {
    return {
      folder: this.ctx.settings.get().inboxFolder,
      watching: this.watcher !== null,
      problem: this.problem,
      recent: [...this.recent],
    }
  }
}

const services = new WeakMap<HandlerContext, InboxService>()

/** The context's inbox service (made on first use; MARGIN_INBOX_SETTLE_MS shortens the wait in tests). */
export function inboxService(ctx: HandlerContext): InboxService {
  let s = services.get(ctx)
  if (!s) {
    const settle = Number(process.env['MARGIN_INBOX_SETTLE_MS'])
    services.set(ctx, (s = new InboxService(ctx, { settleMs: Number.isFinite(settle) && settle >= 0 ? settle : undefined })))
  }
  return s
}
