/**
 * The "…" button of a narrow toolbar: a popup menu of the actions that did not fit. Keyboard: Enter,
 * Space or ↓ opens it on the first item, ↑/↓/Home/End move, Enter runs, Esc or Tab closes it and
 * focus returns to the button.
 */
import { useEffect, useId, useRef, useState } from 'react'

export interface MenuItem {
  id: string
  label: string
  hint?: string
  run(): void
}

export function OverflowMenu({ items, label = 'More actions' }: { items: readonly MenuItem[]; label?: string }) {
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLDivElement>(null)
  const id = useId()

  const focusItem = (i: number) => {
    const els = menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')
    if (!els?.length) return
    els[(i + els.length) % els.length]!.focus()
  }
  const close = (refocus: boolean) => {
    setOpen(false)
    if (refocus) button.current?.focus()
  }

  useEffect(() => {
    if (!open) return
    focusItem(0)
    const outside = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false)
    }
    window.addEventListener('mousedown', outside)
    return () => window.removeEventListener('mousedown', outside)
  }, [open])

  return (
    <div className="overflow">
      <button
        ref={button}
        type="button"
        className="tool icon"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        data-testid="overflow-button"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault()
            e.stopPropagation()
            setOpen(true)
          }
        }}
      >
        …
      </button>
      {open && (
        <div
          ref={menu}
          id={id}
          className="overflow-menu"
          role="menu"
          aria-label={label}
          data-testid="overflow-menu"
          onKeyDown={(e) => {
            const els = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
            const i = els.indexOf(document.activeElement as HTMLElement)
            const keys: Record<string, () => void> = {
              ArrowDown: () => focusItem(i + 1),
              ArrowUp: () => focusItem(i - 1),
              Home: () => focusItem(0),
              End: () => focusItem(els.length - 1),
              Escape: () => close(true),
              Tab: () => close(false),
            }
            const fn = keys[e.key]
            // every key stays in the menu: j, k, m … are not feed shortcuts here
            e.stopPropagation()
            if (e.key !== 'Tab' && e.key !== 'Enter' && e.key !== ' ') e.preventDefault()
            fn?.()
          }}
        >
          {items.map((item) => (
            <button
              key={item.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="overflow-item"
              data-testid={`menu-${item.id}`}
              onClick={() => {
                close(true)
                item.run()
              }}
            >
              <span>{item.label}</span>
              {item.hint && <kbd>{item.hint}</kbd>}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
