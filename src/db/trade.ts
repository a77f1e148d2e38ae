/** Storage of trade observations: import (one vintage per file) and loading for the analytics in src/core/trade. */
import type { TradeObservation } from '../contracts/trade'
import { rowHash } from '../ingest/hash'
import { tradeRowKey } from '../ingest/tradeCsv'
import type { Database } from './Database'
import {
  importBatch,
  type ImportFileInfo,
  type ImportSummary,
  type TargetTable,
} from './importBatch'

export const TRADE_TARGET: TargetTable = {
  table: 'trade_observations',
  columns: [
    { name: 'period', type: 'varchar' },
    { name: 'period_kind', type: 'varchar' },
    { name: 'flow', type: 'varchar' },
    { name: 'product', type: 'varchar' },
    { name: 'partner', type: 'varchar' },
    { name: 'quantity_t', type: 'double' },
    { name: 'value_usd', type: 'double' },
    { name: 'basis', type: 'varchar' },
    { name: 'source_url', type: 'varchar' },
    { name: 'source_date', type: 'varchar' },
    { name: 'note', type: 'varchar' },
    { name: 'flag', type: 'varchar' },
    { name: 'row_key', type: 'varchar' },
    { name: 'row_hash', type: 'varchar' },
    { name: 'line', type: 'integer' },
  ],
}

export function tradeRow(o: TradeObservation): (string | number | null)[] {
  const content = [o.quantity_t, o.value_usd, o.basis, o.source_date, o.note]
  return [
    o.period,
    o.period_kind,
    o.flow,
    o.product,
    o.partner,
    o.quantity_t,
    o.value_usd,
    o.basis,
    o.source_url,
    o.source_date,
    o.note,
    o.flag,
    tradeRowKey(o),
    rowHash(content),
    o.line,
  ]
}

export function importTradeObservations(
  db: Database,
  observations: readonly TradeObservation[],
  file: ImportFileInfo
): Promise<ImportSummary> {
  return importBatch(db, TRADE_TARGET, file, () => observations.map(tradeRow), observations.length)
}

export interface ObservationFilter {
  product?: string
  flow?: 'export' | 'import'
  partner?: string
  /** Include superseded (revised) rows too. */
  includeSuperseded?: boolean
}

export interface StoredObservation extends TradeObservation {
  vintage_id: number
  superseded_by: number | null
}

/** Current observations (or all vintages) matching the filter, ordered by period. */
export async function loadObservations(
  db: Database,
  filter: ObservationFilter = {}
): Promise<StoredObservation[]> {
  const where: string[] = []
  const params: (string | number)[] = []
  const add = (sql: string, v: string): void => {
    params.push(v)
    where.push(sql.replace('?', `$${params.length}`))
  }
  if (filter.product) add('product = ?', filter.product)
  if (filter.flow) add('flow = ?', filter.flow)
  if (filter.partner) add('partner = ?', filter.partner)
  if (!filter.includeSuperseded) where.push('superseded_by IS NULL')
  const sql = `SELECT period, period_kind, flow, product, partner, quantity_t, value_usd, basis, source_url,
      source_date, note, flag, line, vintage_id, superseded_by
    FROM trade_observations ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY period, partner, source_url`
  return db.all<StoredObservation>(sql, params)
}

export interface Revision {
  period: string
  period_kind: string
  flow: string
  product: string
  partner: string
  source_url: string
  old_quantity_t: number | null
  new_quantity_t: number | null
  old_vintage: number
  new_vintage: number
  new_file: string
  revised_at: string
}

/** Every superseded observation paired with the row that replaced it (same key, the revising vintage). */
export async function loadRevisions(db: Database, product?: string): Promise<Revision[]> {
  return db.all<Revision>(
    `SELECT o.period, o.period_kind, o.flow, o.product, o.partner, o.source_url,
       o.quantity_t AS old_quantity_t, n.quantity_t AS new_quantity_t,
       o.vintage_id AS old_vintage, n.vintage_id AS new_vintage, v.file_name AS new_file,
       strftime(v.imported_at, '%Y-%m-%dT%H:%M:%SZ') AS revised_at
     FROM trade_observations o
     JOIN trade_observations n ON n.row_key = o.row_key AND n.vintage_id = o.superseded_by
     JOIN vintages v ON v.id = n.vintage_id
     WHERE o.superseded_by IS NOT NULL ${product ? 'AND o.product = $1' : ''}
     ORDER BY n.vintage_id DESC, o.period, o.partner`,
    product ? [product] : []
  )
}
