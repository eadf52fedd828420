/**
 * The library runs in a process of its own; when it stops unexpectedly the app restarts it and this
 * banner says so until it answers again (or says it could not be restarted).
 */
import { useEffect, useState } from 'react'
import { api } from '../api'
import './backend-status.css'

type State = 'restarting' | 'running' | 'stopped'

export function BackendStatus() {
  const [state, setState] = useState<State>('running')
  useEffect(() => api.on('backend:status', ({ state }) => setState(state)), [])
  if (state === 'running') return null
  return (
    <div className={`backend-status ${state}`} role="status" aria-live="assertive" data-testid="backend-status">
      {state === 'restarting' ? "Margin's library stopped; restarting…" : "Margin's library stopped and could not be restarted. Quit and open Margin again."}
    </div>
  )
}
