/** All handlers, one spread per area; the type checker refuses a contract channel without one. */
import type { Channels } from '../../../shared/contract'
import type { Handlers } from '../dispatcher'
import { exportHandlers } from './export'
import { fetchHandlers } from './fetch'
import { importsHandlers } from './imports'
import { inboxHandlers } from './inbox'
import { libraryHandlers } from './library'
import { notesHandlers } from './notes'
import { papersHandlers } from './papers'
import { recommendHandlers } from './recommend'
import { searchHandlers } from './search'
import { settingsHandlers } from './settings'
import { tagsHandlers } from './tags'
// Other areas plug in here (see ../channels/README.md).

export const handlers: Handlers<Channels> = {
  ...papersHandlers,
  ...importsHandlers,
  ...notesHandlers,
  ...settingsHandlers,
  ...searchHandlers,
  ...exportHandlers,
  ...tagsHandlers,
  ...libraryHandlers,
  ...recommendHandlers,
  ...fetchHandlers,
  ...inboxHandlers,
}
