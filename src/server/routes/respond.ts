/**
 * `POST /api/optimize`, `GET|POST /api/floor`, `GET /api/projects/viability`, `GET /api/prices/model`: the same
 * services as the CLI. An infeasible model is an answer (200, `status: "infeasible"` with its explanation).
 */
import {
  floorRequestSchema,
  priceModelRequestSchema,
  viabilityRequestSchema,
} from '../../contracts/markets'
import {
  floorFromData,
  loadMarketData,
  loadProjects,
  optimizeText,
  priceModel,
  viabilityFromData,
} from '../../services/respond'
import type { RouteModule } from '../context'

export const respondRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/api/optimize',
    {
      schema: {
        summary:
          'Least-cost supply mix (JSON or YAML body): allocation, cost, expected shortfall, shadow prices, frontier',
        tags: ['respond'],
      },
    },
    async (request) => {
      const body = request.body
      const text = typeof body === 'string' ? body : JSON.stringify(body ?? null, null, 2)
      return optimizeText(text, 'request body')
    }
  )
  app.get(
    '/api/floor',
    {
      schema: {
        summary:
          'Value a price floor as a strip of puts (query: product, floor, years, volume_t, paths, seed ...)',
        tags: ['respond'],
        querystring: floorRequestSchema,
      },
    },
    async (request) => floorFromData(await ctx.gate.use(loadMarketData), request.query)
  )
  app.post(
    '/api/floor',
    {
      schema: {
        summary:
          'Value a price floor (JSON body with the same fields as the query of GET /api/floor)',
        tags: ['respond'],
        body: floorRequestSchema,
      },
    },
    async (request) => floorFromData(await ctx.gate.use(loadMarketData), request.body)
  )
  app.get(
    '/api/projects/viability',
    {
      schema: {
        summary:
          'NPV/IRR of ex-China projects with and without a floor; break-even floor; projects lacking data',
        tags: ['respond'],
        querystring: viabilityRequestSchema,
      },
    },
    async (request) => {
      const [data, rows] = await ctx.gate.use(
        async (db) => [await loadMarketData(db), await loadProjects(db)] as const
      )
      return viabilityFromData(data, rows, request.query)
    }
  )
  app.get(
    '/api/prices/model',
    {
      schema: {
        summary:
          'Fitted price model per product and market, with diagnostics, exclusions and FX rates',
        tags: ['respond'],
        querystring: priceModelRequestSchema,
      },
    },
    async (request) => ctx.gate.use((db) => priceModel(db, request.query))
  )
}
