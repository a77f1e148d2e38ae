/**
 * The write half of a Comtrade bulk import: one transaction, one vintage. Row keys follow the Comtrade key scheme
 * (`period|flow|product|partner|comtrade`, see docs/comtrade.md). Rows with the same key are compared by their
 * stored values (quantity, value, basis, source_date, note) exactly, not through a digest. When no current row
 * can share a key (no current Comtrade rows for these periods) the rows are inserted straight from the stage;
 * otherwise the current rows are compared first, as importBatch.ts does: equal = unchanged, different =
 * superseded and kept.
 */
import { COMTRADE_KEY_SOURCE, COMTRADE_ROW_HASH, ESTIMATED_WEIGHT_NOTE } from '../ingest/comtrade'
import type { Database } from './Database'
import { unchangedVintage, type ImportFileInfo } from './importBatch'
import { withInsertionOrder } from './insertionOrder'
import type { ComtradeImportSummary, LineSource, StagedCheck } from './tradeBulk'

const COLUMNS =
  'period, period_kind, flow, product, partner, quantity_t, value_usd, basis, source_url, source_date, note, flag, row_key, row_hash, line'

const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`

/** A new row `n` repeats the current row `c` (same key) when every stored value is the same. */
const SAME = ['quantity_t', 'value_usd', 'basis', 'source_date', 'note']
  .map((col) => `n.${col} IS NOT DISTINCT FROM c.${col}`)
  .join(' AND ')

/** The observation rows of the in-scope staged records (the stage was checked: no invalid record is left). */
function observationsSql(lines: LineSource): string {
  const line =
    lines === 'offset'
      ? '(x.rec + 2)::INTEGER'
      : lines === 'table'
        ? '(SELECT l.line FROM ct_lines l WHERE l.rec = x.rec)'
        : 'NULL::INTEGER'
  return `SELECT period, period_kind, flow, product, partner, quantity_t, value_usd, basis, source_url,
      source_date, note, flag,
      concat_ws('|', period, flow, product, partner, ${lit(COMTRADE_KEY_SOURCE)}) AS row_key,
      ${lit(COMTRADE_ROW_HASH)} AS row_hash,
      ${line} AS line
    FROM (
      SELECT r.rec, p.pout AS period, p.kind AS period_kind, c.flow, c.product, t.partner, r.quantity_t,
        r.value_usd, 'stated' AS basis, p.url AS source_url, NULL::VARCHAR AS source_date,
        CASE WHEN e.estimated THEN ${lit(ESTIMATED_WEIGHT_NOTE)} END AS note, NULL::VARCHAR AS flag
      FROM ct_rows r
      JOIN ct_dim_period p ON p.id = r.pid
      JOIN ct_dim_partner t ON t.id = r.tid
      JOIN ct_dim_class c ON c.id = r.cid
      JOIN ct_dim_est e ON e.id = r.eid
      WHERE r.dup_key IS NOT NULL AND NOT r.bad
    ) x`
}

export async function mergeComtrade(
  db: Database,
  file: ImportFileInfo,
  check: StagedCheck,
  lines: LineSource
): Promise<ComtradeImportSummary> {
  const skippedTotal = Object.values(check.skipped).reduce((a, b) => a + (b ?? 0), 0)
  // Row order does not matter here (each row carries its line): let DuckDB insert in parallel.
  return withInsertionOrder(db, false, () => merge(db, file, check, lines, skippedTotal))
}

function merge(
  db: Database,
  file: ImportFileInfo,
  check: StagedCheck,
  lines: LineSource,
  skippedTotal: number
): Promise<ComtradeImportSummary> {
  return db.transaction(async (tx) => {
    const existing = await unchangedVintage(tx, file)
    if (existing) return { ...existing, rows_skipped: 0, skipped: {} }
    const vintage =
      (await tx.one<{ id: number }>('SELECT coalesce(max(id), 0) + 1 AS id FROM vintages'))?.id ?? 1
    const periods = check.dimensions.outputPeriods
    const current = `superseded_by IS NULL AND ends_with(row_key, ${lit(`|${COMTRADE_KEY_SOURCE}`)})
      AND period IN (${periods.length > 0 ? periods.map(lit).join(', ') : 'NULL'})`
    const overlap =
      (await tx.one<{ n: number }>(`SELECT count(*) AS n FROM trade_observations WHERE ${current}`))
        ?.n ?? 0
    let inserted = 0
    let revised = 0
    let unchanged = 0
    if (overlap === 0) {
      inserted = await count(
        tx,
        `INSERT INTO trade_observations (${COLUMNS}, vintage_id) SELECT *, ${vintage} FROM (${observationsSql(lines)})`
      )
    } else {
      await tx.run(`CREATE TEMP TABLE ct_new AS ${observationsSql(lines)}`)
      await tx.run(
        `CREATE TEMP TABLE ct_cur AS SELECT rowid AS rid, row_key, quantity_t, value_usd, basis, source_date, note
         FROM trade_observations WHERE ${current}`
      )
      unchanged =
        (
          await tx.one<{ n: number }>(
            `SELECT count(*) AS n FROM ct_new n JOIN ct_cur c ON c.row_key = n.row_key AND ${SAME}`
          )
        )?.n ?? 0
      revised = await count(
        tx,
        `UPDATE trade_observations SET superseded_by = ${vintage} WHERE rowid IN (
           SELECT c.rid FROM ct_cur c JOIN ct_new n ON n.row_key = c.row_key AND NOT (${SAME}))`
      )
      inserted = await count(
        tx,
        `INSERT INTO trade_observations (${COLUMNS}, vintage_id) SELECT *, ${vintage} FROM ct_new n
         WHERE NOT EXISTS (SELECT 1 FROM ct_cur c WHERE c.row_key = n.row_key AND ${SAME})`
      )
      await tx.run('DROP TABLE temp.ct_new')
      await tx.run('DROP TABLE temp.ct_cur')
    }
    const summary: ComtradeImportSummary = {
      kind: file.kind,
      file_name: file.fileName,
      vintage_id: vintage,
      status: 'imported',
      rows_read: check.records,
      rows_inserted: inserted,
      rows_revised: revised,
      rows_unchanged: unchanged,
      rows_skipped: skippedTotal,
      skipped: check.skipped,
    }
    await tx.run(
      `INSERT INTO vintages (id, kind, format, file_name, file_sha256, imported_at, rows_read, rows_inserted, rows_revised, rows_unchanged)
       VALUES ($1, $2, $3, $4, $5, CAST($6 AS TIMESTAMP), $7, $8, $9, $10)`,
      [
        vintage,
        file.kind,
        file.format,
        file.fileName,
        file.sha256,
        file.importedAt,
        summary.rows_read,
        summary.rows_inserted,
        summary.rows_revised,
        summary.rows_unchanged,
      ]
    )
    return summary
  })
}

/** Runs an INSERT/UPDATE and returns the number of rows it changed. */
async function count(db: Database, sql: string): Promise<number> {
  const rows = await db.all<{ Count?: number; count?: number }>(sql)
  const r = rows[0]
  return Number(r?.Count ?? r?.count ?? 0)
}
