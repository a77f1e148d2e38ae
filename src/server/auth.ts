/** Bearer-token check for routes that change stored data, compared in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
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

/** Routes that change stored data, by method and URL prefix: checked before their body is even read. */
export const WRITE_ROUTES: readonly { methods: readonly string[]; prefix: string }[] = [
  { methods: ['POST', 'PUT', 'PATCH', 'DELETE'], prefix: '/api/imports' },
  { methods: ['POST', 'PUT', 'PATCH', 'DELETE'], prefix: '/api/alerts' },
]

/**
 * Adds the token check to every write route as it is registered (route handlers call `requireToken` too), so an
 * unauthenticated client cannot make the server read and parse a large body first.
 */
export function installWriteGuard(app: FastifyInstance, ctx: ServerContext): void {
  app.addHook('onRoute', (options) => {
    const methods = (Array.isArray(options.method) ? options.method : [options.method]).map((m) =>
      m.toUpperCase()
    )
    const guarded = WRITE_ROUTES.some(
      (w) => options.url.startsWith(w.prefix) && methods.some((m) => w.methods.includes(m))
    )
    if (!guarded) return
    const check = async (request: FastifyRequest): Promise<void> => requireToken(ctx, request)
    const existing = options.onRequest
    options.onRequest = existing
      ? [...(Array.isArray(existing) ? existing : [existing]), check]
      : [check]
  })
}
