/**
 * Controls over HTTP, through the same services as the CLI: `POST /api/licence/determinations` (batch: a JSON body
 * `{ shipments, as_of? }`, or CSV text), `GET /api/rules`, `/api/rules/timeline`, `/api/rules/stale`,
 * `/api/rules/:id`.
 */
import { z } from 'zod'
import { isoDateSchema } from '../../contracts/common'
import { licenceBatchRequestSchema, licenceBatchResultSchema } from '../../contracts/licence'
import {
  checkLicences,
  listRules,
  showRule,
  staleRules,
  timeline,
  type LicenceInput,
} from '../../services/controls'
import type { RouteModule } from '../context'

const asOfQuery = z.object({ as_of: isoDateSchema.optional() })

export const controlsRoutes: RouteModule = (app, ctx) => {
  const today = () => ctx.now().slice(0, 10)
  app.post(
    '/api/licence/determinations',
    {
      schema: {
        summary:
          'Licence determinations for a batch of shipments: verdict, review, cited measures, rationale, warnings; invalid rows are listed in `errors` and the valid ones still determined',
        tags: ['controls'],
        querystring: z.object({
          as_of: isoDateSchema.optional(),
          file_name: z.string().max(200).optional(),
        }),
        body: z.union([
          licenceBatchRequestSchema,
          z.string().min(1, 'expected the shipments as CSV or JSON text'),
        ]),
        response: { 200: licenceBatchResultSchema },
      },
    },
    async (request) => {
      const body = request.body
      const name = request.query.file_name ?? 'request body'
      const input: LicenceInput =
        typeof body === 'string'
          ? { text: body, fileName: name }
          : { records: body.shipments, source: name }
      const asOf =
        typeof body === 'string' ? request.query.as_of : (body.as_of ?? request.query.as_of)
      return ctx.gate.use((db) => checkLicences(db, input, asOf))
    }
  )
  app.get(
    '/api/rules',
    {
      schema: {
        summary: 'Every measure of the rulebook with its state on the as-of date (default today)',
        tags: ['controls'],
        querystring: asOfQuery,
      },
    },
    (request) => ctx.gate.use((db) => listRules(db, request.query.as_of ?? today()))
  )
  app.get(
    '/api/rules/timeline',
    {
      schema: {
        summary:
          'Dated events of the measures: announced, effective, phased starts, suspensions, lapses',
        tags: ['controls'],
        querystring: asOfQuery.extend({
          element: z.string().max(3).optional(),
          jurisdiction: z.string().max(20).optional(),
        }),
      },
    },
    (request) =>
      ctx.gate.use((db) =>
        timeline(db, {
          element: request.query.element,
          jurisdiction: request.query.jurisdiction,
          asOf: request.query.as_of ?? today(),
        })
      )
  )
  app.get(
    '/api/rules/stale',
    {
      schema: {
        summary:
          'What needs checking: lapsed suspensions, low-confidence measures, sources older than a year, partial entity lists',
        tags: ['controls'],
        querystring: asOfQuery,
      },
    },
    (request) => ctx.gate.use((db) => staleRules(db, request.query.as_of ?? today()))
  )
  app.get(
    '/api/rules/:id',
    {
      schema: {
        summary:
          'One measure: its record, operative conditions, suspensions and state on the as-of date',
        tags: ['controls'],
        params: z.object({ id: z.string().min(1).max(100) }),
        querystring: asOfQuery,
      },
    },
    (request) =>
      ctx.gate.use((db) => showRule(db, request.params.id, request.query.as_of ?? today()))
  )
}
