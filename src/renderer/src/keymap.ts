/**
 * Every keyboard shortcut, in one table: the key handler (hooks/useKeymap.ts), the `?` sheet
 * (Overlays.tsx) and the README's shortcut table (checked by tests/unit/keymap.test.ts) all read it.
 *
 * A key spec is `e.key` as the browser reports it (`j`, `ArrowDown`, `Home`, `A` for Shift+a),
 * optionally prefixed by `Mod+` (Ctrl, or Cmd on macOS) and `Shift+` when the modifier matters for a
 * key whose `e.key` does not show it (`Mod+Shift+z`); `g g` is a two-key sequence.
 */
export type ActionId =
  | 'next'
  | 'previous'
  | 'first'
  | 'last'
  | 'space'
  | 'toggleRead'
  | 'toggleStar'
  | 'openPage'
  | 'openPdf'
  | 'note'
  | 'notePreview'
  | 'toggleNotesPane'
  | 'search'
  | 'escape'
  | 'undo'
  | 'redo'
  | 'markAllRead'
  | 'filterAll'
  | 'filterUnread'
  | 'filterStarred'
  | 'filterNotes'
  | 'filterForYou'
  | 'openSimilar'
  | 'export'
  | 'import'
  | 'help'

/**
 * Where a binding works: `feed` outside text fields, `global` also while typing (a note, the search
 * box), `menu` is the application menu's accelerator (listed here, handled by the menu in Electron).
 */
export type Scope = 'feed' | 'global' | 'menu'

export interface KeyBinding {
  keys: readonly string[]
  description: string
  action: ActionId
  scope: Scope
}

export const KEYMAP: readonly KeyBinding[] = [
  { keys: ['j', 'ArrowDown'], description: 'next paper', action: 'next', scope: 'feed' },
  { keys: ['k', 'ArrowUp'], description: 'previous paper', action: 'previous', scope: 'feed' },
  { keys: ['Home', 'g g'], description: 'first paper', action: 'first', scope: 'feed' },
  { keys: ['End', 'G'], description: 'last paper', action: 'last', scope: 'feed' },
  { keys: [' '], description: 'scroll the abstract, then the next unread paper', action: 'space', scope: 'feed' },
  { keys: ['m'], description: 'toggle read', action: 'toggleRead', scope: 'feed' },
  { keys: ['s'], description: 'toggle star', action: 'toggleStar', scope: 'feed' },
  { keys: ['o'], description: "open the paper's Hugging Face page (without an arXiv id: a search there for its title)", action: 'openPage', scope: 'feed' },
  { keys: ['O'], description: 'open the arXiv PDF (when the arXiv id is known)', action: 'openPdf', scope: 'feed' },
  { keys: ['u', 'Mod+z'], description: 'undo the last mark, star, mark-all-read or tag change', action: 'undo', scope: 'feed' },
  { keys: ['U', 'Mod+Shift+z'], description: 'redo', action: 'redo', scope: 'feed' },
  { keys: ['n'], description: 'write a note (what you type next goes into it)', action: 'note', scope: 'feed' },
  { keys: ['Mod+Enter'], description: 'note: switch between Write and Preview', action: 'notePreview', scope: 'global' },
  { keys: ['N'], description: 'show / hide the notes pane', action: 'toggleNotesPane', scope: 'feed' },
  { keys: ['/'], description: 'search; `Enter` goes from the box to the results', action: 'search', scope: 'feed' },
  { keys: ['Escape'], description: 'close the topmost dialog or message; leave the search (back where you were)', action: 'escape', scope: 'global' },
  { keys: ['A'], description: 'mark all papers in the view as read (with Undo)', action: 'markAllRead', scope: 'feed' },
  // before the digits: `r` (related) then a digit opens a similar paper, a digit alone picks a filter
  { keys: ['r 1', 'r 2', 'r 3', 'r 4', 'r 5'], description: 'open the 1st … 5th of the Similar papers under the abstract', action: 'openSimilar', scope: 'feed' },
  { keys: ['1'], description: 'All papers', action: 'filterAll', scope: 'feed' },
  { keys: ['2'], description: 'Unread papers', action: 'filterUnread', scope: 'feed' },
  { keys: ['3'], description: 'Starred papers', action: 'filterStarred', scope: 'feed' },
  { keys: ['4'], description: 'papers with notes', action: 'filterNotes', scope: 'feed' },
  { keys: ['5'], description: 'For you: unread papers ranked by your stars and notes', action: 'filterForYou', scope: 'feed' },
  { keys: ['Mod+e'], description: 'export (File ▸ Export…)', action: 'export', scope: 'global' },
  { keys: ['Mod+o'], description: 'import dumps (File ▸ Import Dumps…)', action: 'import', scope: 'menu' },
  { keys: ['?'], description: 'this list, in the app (also Help ▸ Keyboard Shortcuts)', action: 'help', scope: 'feed' },
]

const NAMES: Record<string, string> = {
  ' ': 'space',
  ArrowDown: '↓',
  ArrowUp: '↑',
  Escape: 'Esc',
  Enter: 'Enter',
  Home: 'Home',
  End: 'End',
}

/** How a key spec is written for people: `Mod+z` → `Ctrl/Cmd+Z`, `A` → `Shift+A`, `g g` → `g g`. */
export function keyLabel(spec: string): string {
  if (spec.includes(' ') && spec.length > 1) return spec
  const parts = spec.split('+')
  const key = parts.pop()!
  const mods = parts.map((m) => (m === 'Mod' ? 'Ctrl/Cmd' : m))
  let name = NAMES[key] ?? key
  if (key.length === 1 && /[A-Z]/.test(key)) mods.push('Shift')
  if (mods.length && key.length === 1) name = key.toUpperCase()
  return [...mods, name].join('+')
}

/** The README/help form of a binding's keys: `` `j` / `↓` ``. */
export function keysMarkdown(b: KeyBinding): string {
  return b.keys.map((k) => `\`${keyLabel(k)}\``).join(' / ')
}

export interface KeyEventLike {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey: boolean
}

/** Does a single (non-sequence) spec match this key event? */
export function matches(spec: string, e: KeyEventLike): boolean {
  const parts = spec.split('+')
  const key = parts.length > 1 ? parts.pop()! : spec
  const mod = parts.includes('Mod')
  const shift = parts.includes('Shift')
  if (e.altKey) return false
  if (mod !== (e.ctrlKey || e.metaKey)) return false
  if (mod) return e.key.toLowerCase() === key.toLowerCase() && shift === e.shiftKey
  return e.key === key
}

/**
 * Finds the binding for a key event. `prefix` is the previous key of a sequence (`g`), or null; the
 * answer says whether this key starts a sequence so the caller can remember it.
 */
export function lookup(
  e: KeyEventLike,
  prefix: string | null,
  inTextField: boolean,
): { binding: KeyBinding | null; startsSequence: boolean } {
  for (const b of KEYMAP) {
    if (b.scope === 'menu') continue
    if (inTextField && b.scope !== 'global') continue
    for (const spec of b.keys) {
      if (spec.length > 1 && spec.includes(' ') && !spec.includes('+')) {
        const [first, second] = spec.split(' ')
        if (prefix === first && !e.ctrlKey && !e.metaKey && !e.altKey && e.key === second) return { binding: b, startsSequence: false }
        continue
      }
      if (matches(spec, e)) return { binding: b, startsSequence: false }
    }
  }
  const startsSequence =
    !inTextField && !e.ctrlKey && !e.metaKey && !e.altKey && KEYMAP.some((b) => b.keys.some((k) => k.includes(' ') && k.length > 1 && k.split(' ')[0] === e.key))
  return { binding: null, startsSequence }
}
