/** `GET /api/datasets` (what is loaded) and `POST /api/imports/:kind` (token-protected import). */
import { z } from 'zod'
import { listVintages, loadDataset } from '../../db/datasets'
import { DATASETS } from '../../ingest/datasets'
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
  app.get(
    '/api/datasets/:kind/rows',
    {
      schema: {
        summary:
          'Current rows of one cited dataset, each with its source_url, vintage and line in the imported file',
        tags: ['data'],
        params: z.object({
          kind: z.enum(DATASETS.map((d) => d.kind).concat('controls') as [string, ...string[]]),
        }),
      },
    },
    async (req) => {
      const rows = await ctx.gate.use((db) => loadDataset(db, req.params.kind))
      return rows.map((r) => ({
        ...r.data,
        _source_url: r.source_url,
        _vintage_id: r.vintage_id,
        _line: r.line,
      }))
    }
  )
  app.get(
    '/api/vintages',
    {
      schema: {
        summary: 'Every import: kind, file, SHA-256, time, rows inserted/revised/unchanged',
        tags: ['data'],
      },
    },
    () => ctx.gate.use((db) => listVintages(db))
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
