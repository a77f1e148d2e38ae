/** Designed states for every data view: loading, empty, error, and a capability this server does not have. */
import type { ReactNode } from 'react'
import type { ApiError } from '../api/client'

export function Loading({ what }: { what: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>Loading {what}…</span>
    </div>
  )
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty" role="note">
      <strong>{title}</strong>
      {children ? <div>{children}</div> : null}
    </div>
  )
}

export function ErrorState({ error, what }: { error: ApiError; what: string }) {
  if (error.notAvailable) return <NotAvailable what={what} route={error.message.slice(9)} />
  const issues = (error.details as { issues?: { message?: string; path?: unknown }[] } | undefined)
    ?.issues
  return (
    <div className="state state-error" role="alert">
      <strong>Could not load {what}.</strong>
      <div>
        {error.message}
        {error.status > 0 ? (
          <span className="muted">
            {' '}
            (HTTP {error.status}, {error.code})
          </span>
        ) : null}
      </div>
      {issues && issues.length > 0 ? (
        <ul>
          {issues.slice(0, 20).map((i, k) => (
            <li key={k}>{i.message ?? JSON.stringify(i)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

/** The server has no route for this capability: say so, and what would provide it. */
export function NotAvailable({ what, route }: { what: string; route?: string }) {
  return (
    <div className="state state-unavailable" role="note" data-testid="not-available">
      <strong>{capitalise(what)} is not available on this server.</strong>
      <div>
        This server does not provide {route ? <code>{route}</code> : 'the API route'} yet. Update
        Chokepoint to a version that includes it; the rest of the dashboard works without it. The
        routes this server has are listed at <a href="/api/docs">/api/docs</a>.
      </div>
    </div>
  )
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
