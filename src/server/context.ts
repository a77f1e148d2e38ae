/** What every route module gets: the shared database gate, the clock and the operator's settings. */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { DatabaseGate } from '../db/DatabaseGate'

export interface ServerContext {
  gate: DatabaseGate
  /** Wall clock (ISO timestamp), read only here at the edge. */
  now: () => string
  /** Bearer token for routes that change stored data; undefined = those routes are refused. */
  token: string | undefined
}

export type App = FastifyInstance & { withTypeProvider: FastifyInstance['withTypeProvider'] }
export type TypedApp = ReturnType<FastifyInstance['withTypeProvider']> &
  ReturnType<App['withTypeProvider']>
export type ZodApp = ReturnType<typeof typed>

export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>()
}

export type RouteModule = (app: ZodApp, ctx: ServerContext) => void
