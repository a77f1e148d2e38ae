/** Storage of the cited reference datasets (events, prices, projects ...) as JSON rows with provenance. */
import { rowHash } from '../ingest/hash'
import type { DatasetRow } from '../ingest/datasets'
import type { Database } from './Database'
import {
  importBatch,
  type ImportBatchOptions,
  type ImportFileInfo,
  type ImportSummary,
  type TargetTable,
} from './importBatch'

function targetFor(kind: string): TargetTable {
  return {
    table: 'dataset_rows',
    scope: { column: 'kind', value: kind },
    columns: [
      { name: 'data', type: 'varchar' },
      { name: 'source_url', type: 'varchar' },
      { name: 'row_key', type: 'varchar' },
      { name: 'row_hash', type: 'varchar' },
      { name: 'line', type: 'integer' },
    ],
  }
}

export function importDatasetRows(
  db: Database,
  kind: string,
  rows: readonly DatasetRow[],
  file: ImportFileInfo,
  options: ImportBatchOptions = {}
): Promise<ImportSummary> {
  return importBatch(
    db,
    targetFor(kind),
    file,
    () =>
      rows.map((r) => {
        const json = JSON.stringify(r.data)
        return [json, r.source_url, r.key, rowHash([json]), r.line]
      }),
    rows.length,
    options
  )
}

export interface StoredDatasetRow<T = Record<string, string | null>> {
  data: T
  source_url: string | null
  vintage_id: number
  line: number | null
  row_key: string
}

/** Current rows of one dataset kind, in file order of their vintage. */
export async function loadDataset<T = Record<string, string | null>>(
  db: Database,
  kind: string
): Promise<StoredDatasetRow<T>[]> {
  const rows = await db.all<{
    data: string
    source_url: string | null
    vintage_id: number
    line: number | null
    row_key: string
  }>(
    `SELECT CAST(data AS VARCHAR) AS data, source_url, vintage_id, line, row_key FROM dataset_rows
     WHERE kind = $1 AND superseded_by IS NULL ORDER BY vintage_id, line`,
    [kind]
  )
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as T }))
}

export interface VintageRow {
  id: number
  kind: string
  format: string
  file_name: string
  file_sha256: string
  imported_at: string
  rows_read: number
  rows_inserted: number
  rows_revised: number
  rows_unchanged: number
  rows_removed: number
}

export async function listVintages(db: Database, kind?: string): Promise<VintageRow[]> {
  const rows = await db.all<VintageRow>(
    `SELECT id, kind, format, file_name, file_sha256, strftime(imported_at, '%Y-%m-%dT%H:%M:%SZ') AS imported_at,
       rows_read, rows_inserted, rows_revised, rows_unchanged, rows_removed
     FROM vintages ${kind ? 'WHERE kind = $1' : ''} ORDER BY id`,
    kind ? [kind] : []
  )
  return rows
}
