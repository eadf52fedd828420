import { z } from 'zod'
import { defineEvents } from '../define'

export const menuEvents = defineEvents({
  /**
   * Edit ▸ Undo / Redo (and their keys, which the menu takes before the page on Windows and Linux):
   * the renderer undoes the text field's typing when one has focus, else the app's last mark, star,
   * mark-all-read or tag change.
   */
  'menu:edit': z.object({ action: z.enum(['undo', 'redo']) }),
  /** Help ▸ Keyboard Shortcuts: the same sheet `?` opens. */
  'menu:shortcuts': z.object({}),
})
