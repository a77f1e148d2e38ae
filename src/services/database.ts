/** First-start work: create and migrate the database and import the shipped datasets; and what is loaded. */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DatasetInfo, DatasetsResponse } from '../contracts/datasets'
import type { Database } from '../db/Database'
import { listVintages } from '../db/datasets'
import type { ImportSummary } from '../db/importBatch'
import { schemaVersion } from '../db/migrations'
import { IMPORTERS, importShipped } from './imports'

/** The shipped `data/` folder of this checkout. */
export function shippedDataDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../data')
}

export async function initDatabase(
  db: Database,
  importedAt: string,
  dataDir = shippedDataDir()
): Promise<ImportSummary[]> {
  if (!existsSync(join(dataDir, 'china_re_exports_monthly.csv'))) {
    throw new Error(`shipped data not found in ${dataDir}`)
  }
  return importShipped(db, dataDir, importedAt)
}

/** Per dataset: current rows, revised rows kept, period covered, distinct sources, last vintage. */
export async function databaseInfo(db: Database): Promise<DatasetsResponse> {
  const vintages = await listVintages(db)
  const trade = await db.one<{
    rows: number
    revised: number
    pfrom: string | null
    pto: string | null
    sources: number
  }>(
    `SELECT count(*) FILTER (WHERE superseded_by IS NULL) AS rows, count(*) FILTER (WHERE superseded_by IS NOT NULL) AS revised,
       min(period) AS pfrom, max(period) AS pto, count(DISTINCT source_url) AS sources FROM trade_observations`
  )
  const generic = await db.all<{
    kind: string
    rows: number
    revised: number
    sources: number
    pfrom: string | null
    pto: string | null
  }>(
    `SELECT kind, count(*) FILTER (WHERE superseded_by IS NULL) AS rows,
       count(*) FILTER (WHERE superseded_by IS NOT NULL) AS revised, count(DISTINCT source_url) AS sources,
       min(coalesce(data->>'date', data->>'year', data->>'start_date', data->>'start_year', data->>'effective')) AS pfrom,
       max(coalesce(data->>'date', data->>'year', data->>'start_date', data->>'start_year', data->>'effective')) AS pto
     FROM dataset_rows GROUP BY kind`
  )
  const datasets = IMPORTERS.map((imp): DatasetInfo => {
    const last = [...vintages].reverse().find((v) => v.kind === imp.kind)
    const stats =
      imp.kind === 'exports'
        ? {
            rows: trade?.rows ?? 0,
            revised: trade?.revised ?? 0,
            sources: trade?.sources ?? 0,
            pfrom: trade?.pfrom ?? null,
            pto: trade?.pto ?? null,
          }
        : (generic.find((g) => g.kind === imp.kind) ?? {
            rows: 0,
            revised: 0,
            sources: 0,
            pfrom: null,
            pto: null,
          })
    return {
      kind: imp.kind,
      title: imp.title,
      rows: stats.rows,
      revised_rows: stats.revised,
      period_from: stats.pfrom,
      period_to: stats.pto,
      sources: stats.sources,
      last_vintage: last
        ? {
            id: last.id,
            file_name: last.file_name,
            imported_at: last.imported_at,
            file_sha256: last.file_sha256,
          }
        : null,
    }
  })
  return { schema_version: await schemaVersion(db), datasets }
}
