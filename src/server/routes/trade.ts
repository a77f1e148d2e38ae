/** Trade routes: series, breakdown, throttling, sources, products, latest release; and the events timeline. */
import { z } from 'zod'
import { partnerSchema, monthSchema } from '../../contracts/common'
import { seriesPointSchema, throttlingRowSchema } from '../../contracts/trade'
import { loadDataset } from '../../db/datasets'
import { loadRevisions } from '../../db/trade'
import {
  tradeBreakdown,
  tradeLatest,
  tradeProducts,
  tradeSeries,
  tradeSources,
  tradeThrottling,
} from '../../services/trade'
import type { RouteModule } from '../context'

const flow = z.enum(['export', 'import']).default('export')
const product = z.string().min(1).max(64).default('magnets')

export const tradeRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/trade/series',
    {
      schema: {
        summary:
          'Monthly series with MoM, YoY, rolling 12-month sum, share of world; missing months are null',
        tags: ['trade'],
        querystring: z.object({
          product,
          partner: partnerSchema.default('WLD'),
          flow,
          from: monthSchema.optional(),
          to: monthSchema.optional(),
        }),
        response: { 200: z.array(seriesPointSchema) },
      },
    },
    (req) => ctx.gate.use((db) => tradeSeries(db, req.query))
  )
  app.get(
    '/api/trade/breakdown',
    {
      schema: {
        summary: 'Partners of one product in one month with shares of the world total',
        tags: ['trade'],
        querystring: z.object({ product, month: monthSchema, flow }),
      },
    },
    (req) => ctx.gate.use((db) => tradeBreakdown(db, req.query))
  )
  app.get(
    '/api/trade/throttling',
    {
      schema: {
        summary: 'Targeted-throttling assessment per partner for a month (or one partner history)',
        tags: ['trade'],
        querystring: z.object({
          product,
          month: monthSchema.optional(),
          partner: partnerSchema.optional(),
          flow,
          z: z.coerce.number().positive().max(20).optional(),
          min_drop: z.coerce.number().min(0).max(1).optional(),
          recovery: z.coerce.number().min(0).max(2).optional(),
        }),
        response: { 200: z.array(throttlingRowSchema) },
      },
    },
    async (req) => {
      const q = req.query
      const result = await ctx.gate.use((db) =>
        tradeThrottling(db, {
          product: q.product,
          month: q.month,
          partner: q.partner,
          flow: q.flow,
          config: {
            ...(q.z !== undefined ? { zThreshold: q.z } : {}),
            ...(q.min_drop !== undefined ? { minDrop: q.min_drop } : {}),
            ...(q.recovery !== undefined ? { recoveryRatio: q.recovery } : {}),
          },
        })
      )
      return result.rows
    }
  )
  app.get(
    '/api/trade/sources',
    {
      schema: {
        summary:
          'Every source row per period with the canonical choice marked, revisions and disagreements',
        tags: ['trade'],
        querystring: z.object({
          product,
          partner: partnerSchema.optional(),
          period: z
            .string()
            .regex(/^\d{4}(-\d{2})?$/)
            .optional(),
          flow,
          disagreements: z.enum(['true', 'false']).optional(),
        }),
      },
    },
    (req) =>
      ctx.gate.use((db) =>
        tradeSources(db, { ...req.query, disagreementsOnly: req.query.disagreements === 'true' })
      )
  )
  app.get(
    '/api/trade/revisions',
    {
      schema: {
        summary: 'Values revised by later imports: old and new figure, vintages, file',
        tags: ['trade'],
        querystring: z.object({ product: z.string().min(1).max(64).optional() }),
      },
    },
    (req) => ctx.gate.use((db) => loadRevisions(db, req.query.product))
  )
  app.get(
    '/api/trade/products',
    { schema: { summary: 'Products with partner counts and world coverage', tags: ['trade'] } },
    () => ctx.gate.use(tradeProducts)
  )
  app.get(
    '/api/trade/latest',
    {
      schema: {
        summary: 'The latest release: headline products and current throttling flags',
        tags: ['trade'],
      },
    },
    () => ctx.gate.use(tradeLatest)
  )
  app.get(
    '/api/events',
    { schema: { summary: 'Dated political and market events, with sources', tags: ['data'] } },
    async () => {
      const rows = await ctx.gate.use((db) => loadDataset(db, 'events'))
      return rows.map((r) => ({ ...r.data, vintage_id: r.vintage_id, line: r.line }))
    }
  )
}
