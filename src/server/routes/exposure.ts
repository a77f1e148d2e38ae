/**
 * `POST /api/exposure`: the same analysis as `chokepoint exposure`, through the same service. The body is the BOM
 * as CSV text (`text/csv`, options in the query string), a JSON array of part rows, or a JSON object
 * `{ "bom": <CSV text or rows>, "as_of", "destination", ... }`.
 */
import { z } from 'zod'
import {
  exposureOptionsSchema,
  exposureReportSchema,
  exposureRequestSchema,
  type ExposureOptions,
} from '../../contracts/exposure'
import { runExposure, type ExposureInput } from '../../services/exposure'
import type { RouteModule } from '../context'

const querySchema = exposureOptionsSchema.extend({
  file_name: z.string().max(200).optional(),
})

export const exposureRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/api/exposure',
    {
      schema: {
        summary:
          'Element mass by origin and processing stage, China shares, HHI, China-origin value shares and the measures that hit each part of a BOM',
        tags: ['exposure'],
        querystring: querySchema,
        body: z.union([
          exposureRequestSchema,
          z.array(z.record(z.string(), z.unknown())).min(1),
          z.string().min(1, 'expected the BOM as CSV or JSON text'),
        ]),
        response: { 200: exposureReportSchema },
      },
    },
    async (request) => {
      const { file_name: queryFile, ...queryOptions } = request.query
      const body = request.body
      let input: ExposureInput
      let options: ExposureOptions = queryOptions
      const fileName = (name?: string): string => name ?? queryFile ?? 'request body'
      if (typeof body === 'string') input = { text: body, fileName: fileName() }
      else if (Array.isArray(body)) input = { rows: body, fileName: fileName() }
      else {
        const { bom, file_name, ...bodyOptions } = body
        options = { ...queryOptions, ...bodyOptions }
        input =
          typeof bom === 'string'
            ? { text: bom, fileName: fileName(file_name) }
            : { rows: bom, fileName: fileName(file_name) }
      }
      const today = ctx.now().slice(0, 10)
      return ctx.gate.use((db) => runExposure(db, input, options, today))
    }
  )
}
