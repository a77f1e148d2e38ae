/** `GET /api/datasets` (what is loaded) and `POST /api/imports/:kind` (token-protected import). */
import { z } from 'zod'
import { databaseInfo } from '../../services/database'
import { IMPORTERS, importerFor } from '../../services/imports'
import { requireToken } from '../auth'
import type { RouteModule } from '../context'

export const datasetRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/datasets',
    {
      schema: { summary: 'Datasets loaded: rows, periods, sources, last vintage', tags: ['data'] },
    },
    () => ctx.gate.use(databaseInfo)
  )
  app.post(
    '/api/imports/:kind',
    {
      schema: {
        summary: 'Import a file (CSV or JSON body) as one vintage; requires the bearer token',
        tags: ['data'],
        params: z.object({ kind: z.enum(IMPORTERS.map((i) => i.kind) as [string, ...string[]]) }),
        querystring: z.object({
          format: z.string().optional(),
          file_name: z.string().max(200).optional(),
          period_from: z.string().optional(),
          period_to: z.string().optional(),
        }),
      },
    },
    async (request) => {
      requireToken(ctx, request)
      const importer = importerFor(request.params.kind)
      const body = request.body
      const text = typeof body === 'string' ? body : JSON.stringify(body)
      const q = request.query
      return ctx.gate.use((db) =>
        importer.importText(
          db,
          text,
          q.file_name ?? `upload-${request.params.kind}`,
          {
            ...(q.format ? { format: q.format } : {}),
            ...(q.period_from ? { periodFrom: q.period_from } : {}),
            ...(q.period_to ? { periodTo: q.period_to } : {}),
          },
          ctx.now()
        )
      )
    }
  )
}
