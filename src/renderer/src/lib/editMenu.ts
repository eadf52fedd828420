/**
 * Edit ▸ Undo / Redo from the application menu. On Windows and Linux a menu accelerator takes
 * Ctrl+Z before the page sees the key, so the menu item is the only way the key arrives: in a text
 * field it is the field's own undo (the editing command Electron's role 'undo' runs), anywhere else
 * the app's undo of the last mark, star, mark-all-read or tag change.
 */
import { isTyping } from '../hooks/useKeymap'

export function editFromMenu(action: 'undo' | 'redo', appAction: () => void, doc: Document = document): 'text' | 'app' {
  if (isTyping(doc.activeElement)) {
    // deprecated for rich editing, but still the way to run a text field's native undo stack
    doc.execCommand(action)
    return 'text'
  }
  appAction()
  return 'app'
}
