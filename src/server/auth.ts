/** Bearer-token check for routes that change stored data, compared in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { RefusedError } from '../contracts/errors'
import type { ServerContext } from './context'

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest()
}

/** Throws a RefusedError (401/403) unless the request carries the operator's token. */
export function requireToken(ctx: ServerContext, request: FastifyRequest): void {
  if (!ctx.token) {
    throw new RefusedError(
      'writes_disabled',
      403,
      'this server accepts no changes to stored data: set CHOKEPOINT_TOKEN to enable imports and settings'
    )
  }
  const header = request.headers.authorization ?? ''
  const m = /^Bearer\s+(.+)$/i.exec(header)
  if (!m || !timingSafeEqual(digest(m[1] ?? ''), digest(ctx.token))) {
    throw new RefusedError('unauthorized', 401, 'missing or wrong bearer token')
  }
}
