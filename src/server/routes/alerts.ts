/** Alert rules: list and check are open; adding and removing rules change stored settings and need the token. */
import { z } from 'zod'
import { isoDateSchema } from '../../contracts/common'
import {
  checkAlerts,
  createAlertRule,
  deleteAlertRule,
  listAlertRules,
} from '../../services/alerts'
import { requireToken } from '../auth'
import type { RouteModule } from '../context'

export const alertRoutes: RouteModule = (app, ctx) => {
  app.get('/api/alerts', { schema: { summary: 'Stored alert rules', tags: ['alerts'] } }, () =>
    ctx.gate.use(listAlertRules)
  )
  app.post(
    '/api/alerts',
    {
      schema: {
        summary:
          'Add an alert rule (kinds: throttling, drop, release_overdue, rule_status); requires the bearer token',
        tags: ['alerts'],
        body: z.record(z.string(), z.unknown()),
      },
    },
    async (req, reply) => {
      requireToken(ctx, req)
      const rule = await ctx.gate.use((db) => createAlertRule(db, req.body, ctx.now()))
      return reply.status(201).send(rule)
    }
  )
  app.delete(
    '/api/alerts/:id',
    {
      schema: {
        summary: 'Remove an alert rule; requires the bearer token',
        tags: ['alerts'],
        params: z.object({ id: z.coerce.number().int() }),
      },
    },
    async (req, reply) => {
      requireToken(ctx, req)
      await ctx.gate.use((db) => deleteAlertRule(db, req.params.id))
      return reply.status(204).send()
    }
  )
  app.get(
    '/api/alerts/check',
    {
      schema: {
        summary: 'Evaluate every stored rule as of a date (default today)',
        tags: ['alerts'],
        querystring: z.object({ as_of: isoDateSchema.optional() }),
      },
    },
    (req) => ctx.gate.use((db) => checkAlerts(db, req.query.as_of ?? ctx.now().slice(0, 10)))
  )
}
