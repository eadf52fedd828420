import { useRef } from 'react'

/** A vertical drag handle between panes; reports the new width while dragging and once at the end. */
export function Splitter({
  width,
  side,
  min,
  max,
  onResize,
  onCommit,
  label,
}: {
  width: number
  /** Which side of the handle the resized pane is on. */
  side: 'left' | 'right'
  min: number
  max: number
  onResize(width: number): void
  onCommit(width: number): void
  label: string
}) {
  const start = useRef<{ x: number; width: number } | null>(null)
  const clamp = (w: number) => Math.round(Math.min(max, Math.max(min, w)))
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={-1}
      onPointerDown={(e) => {
        e.preventDefault()
        e.currentTarget.setPointerCapture(e.pointerId)
        start.current = { x: e.clientX, width }
        document.body.classList.add('resizing')
      }}
      onPointerMove={(e) => {
        if (!start.current) return
        const dx = e.clientX - start.current.x
        onResize(clamp(start.current.width + (side === 'left' ? dx : -dx)))
      }}
      onPointerUp={() => {
        if (!start.current) return
        start.current = null
        document.body.classList.remove('resizing')
        onCommit(width)
      }}
      onDoubleClick={() => onCommit(clamp(side === 'left' ? 380 : 360))}
    />
  )
}
