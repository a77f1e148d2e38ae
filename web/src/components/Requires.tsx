import type { ReactNode } from 'react'
import { useCapability } from '../api/useApi'
import { Loading, NotAvailable } from './States'

/**
 * Renders `children` only when this server has `route` (`GET /api/rules`); otherwise the designed
 * "not available on this server" state. With no OpenAPI document it renders the children, which then handle a 404.
 */
export function Requires(props: { route: string; what: string; children: ReactNode }) {
  const cap = useCapability(props.route)
  if (cap === 'loading') return <Loading what={props.what} />
  if (cap === 'no') return <NotAvailable what={props.what} route={props.route} />
  return <>{props.children}</>
}
