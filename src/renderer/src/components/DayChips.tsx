/**
 * "Seen in N dumps": one chip per day the paper was on the page, with its full date and that day's
 * upvotes. A chip is a button: it lists the papers of that day (the `dump:` search filter).
 */
import { memo, type ReactNode } from 'react'
import type { Paper } from '../api'
import { plural } from '../lib/format'
import { chipDay, provenanceDays } from '../lib/provenance'

/** Memoised: the reader re-renders when a search's terms change, the chips need not. */
export const DayChips = memo(function DayChips({
  appearances,
  onOpenDay,
}: {
  appearances: Paper['appearances']
  onOpenDay?(day: string): void
}): ReactNode {
  const days = provenanceDays(appearances)
  return (
    <div className="seen-in" data-testid="seen-in">
      <span className="seen-in-count">Seen in {plural(days.length, 'dump')}:</span>
      <ul className="day-chips" aria-label="Days this paper was on the page">
        {days.map((d) => (
          <li key={d.day}>
            <button
              type="button"
              className="day-chip"
              data-testid="day-chip"
              data-day={d.day}
              disabled={!onOpenDay}
              onClick={() => onOpenDay?.(d.day)}
              title={`List the papers of ${chipDay(d.day)} (dump:${d.day})\n${d.files.join('\n')}`}
            >
              {chipDay(d.day)}
              {d.upvotes !== null && <span className="votes"> ▲ {d.upvotes.toLocaleString()}</span>}
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
})
