/**
 * One import = one transaction = one vintage. Rows are identified by `row_key` and compared by `row_hash`:
 * a repeated row is left alone, a changed one supersedes the current row (which is kept, so revisions can be
 * shown), a new one is inserted. Importing a file whose hash was already imported for that kind changes nothing.
 */
import type { ColumnType, Database } from './Database'

export interface ImportFileInfo {
  kind: string
  format: string
  fileName: string
  sha256: string
  /** ISO timestamp supplied by the caller's clock. */
  importedAt: string
}

export interface ImportSummary {
  kind: string
  file_name: string
  vintage_id: number
  status: 'imported' | 'unchanged'
  rows_read: number
  rows_inserted: number
  rows_revised: number
  rows_unchanged: number
  /** Rows of an earlier vintage absent from this file, marked removed (snapshot imports only). */
  rows_removed?: number
}

export interface ImportBatchOptions {
  /**
   * The file is the complete set (e.g. a rulebook): current rows whose key is not in it are marked superseded by
   * this vintage. Without it a file adds and revises rows (e.g. a customs release) and removes none.
   */
  snapshot?: boolean
}

export interface TargetTable {
  table: string
  /** Column names and types in the order rows are given, ending with row_key, row_hash, line. */
  columns: readonly { name: string; type: ColumnType }[]
  /** Extra predicate that scopes row_key matching (e.g. `kind = 'prices'` for dataset_rows). */
  scope?: { column: string; value: string }
}

type Cell = string | number | boolean | null | undefined

/** The summary of an earlier import of the same file (same kind and SHA-256), or undefined if there is none. */
export async function unchangedVintage(
  db: Database,
  file: ImportFileInfo
): Promise<(ImportSummary & { status: 'unchanged' }) | undefined> {
  const existing = await db.one<{ id: number; rows_read: number }>(
    'SELECT id, rows_read FROM vintages WHERE kind = $1 AND file_sha256 = $2 ORDER BY id LIMIT 1',
    [file.kind, file.sha256]
  )
  if (!existing) return undefined
  return {
    kind: file.kind,
    file_name: file.fileName,
    vintage_id: existing.id,
    status: 'unchanged',
    rows_read: existing.rows_read,
    rows_inserted: 0,
    rows_revised: 0,
    rows_unchanged: existing.rows_read,
    rows_removed: 0,
  }
}

export async function importBatch(
  db: Database,
  target: TargetTable,
  file: ImportFileInfo,
  rows: readonly (readonly Cell[])[] | (() => Iterable<readonly Cell[]>),
  rowCount?: number,
  options: ImportBatchOptions = {}
): Promise<ImportSummary> {
  return db.transaction(async (tx) => {
    const existing = await unchangedVintage(tx, file)
    if (existing) return existing
    const next = await tx.one<{ id: number }>('SELECT coalesce(max(id), 0) + 1 AS id FROM vintages')
    const vintageId = next?.id ?? 1
    const cols = target.columns
    await tx.run('DROP TABLE IF EXISTS temp.import_stage')
    await tx.run(
      `CREATE TEMP TABLE import_stage (${cols.map((c) => `"${c.name}" ${c.type.toUpperCase()}`).join(', ')})`
    )
    const iterable = typeof rows === 'function' ? rows() : rows
    const read = await tx.append(
      'import_stage',
      cols.map((c) => c.type),
      iterable
    )
    const scope = target.scope
      ? `AND t."${target.scope.column}" = '${target.scope.value.replace(/'/g, "''")}'`
      : ''
    const current = `t.superseded_by IS NULL ${scope}`
    const unchanged = await tx.one<{ n: number }>(
      `SELECT count(*) AS n FROM import_stage s WHERE EXISTS (
         SELECT 1 FROM ${target.table} t WHERE ${current} AND t.row_key = s.row_key AND t.row_hash = s.row_hash)`
    )
    const revised = await tx.one<{ n: number }>(
      `SELECT count(*) AS n FROM ${target.table} t WHERE ${current} AND EXISTS (
         SELECT 1 FROM import_stage s WHERE s.row_key = t.row_key AND s.row_hash <> t.row_hash)`
    )
    await tx.run(
      `UPDATE ${target.table} AS t SET superseded_by = $1 WHERE ${current} AND EXISTS (
         SELECT 1 FROM import_stage s WHERE s.row_key = t.row_key AND s.row_hash <> t.row_hash)`,
      [vintageId]
    )
    let removed = 0
    if (options.snapshot) {
      const gone = await tx.one<{ n: number }>(
        `SELECT count(*) AS n FROM ${target.table} t WHERE ${current}
           AND NOT EXISTS (SELECT 1 FROM import_stage s WHERE s.row_key = t.row_key)`
      )
      removed = gone?.n ?? 0
      await tx.run(
        `UPDATE ${target.table} AS t SET superseded_by = $1 WHERE ${current}
           AND NOT EXISTS (SELECT 1 FROM import_stage s WHERE s.row_key = t.row_key)`,
        [vintageId]
      )
    }
    const names = cols.map((c) => `"${c.name}"`).join(', ')
    const scopeInsert = target.scope ? `, "${target.scope.column}"` : ''
    const scopeValue = target.scope ? `, '${target.scope.value.replace(/'/g, "''")}'` : ''
    await tx.run(
      `INSERT INTO ${target.table} (${names}, vintage_id${scopeInsert})
       SELECT ${cols.map((c) => `s."${c.name}"`).join(', ')}, ${vintageId}${scopeValue} FROM import_stage s
       WHERE NOT EXISTS (SELECT 1 FROM ${target.table} t WHERE ${current} AND t.row_key = s.row_key AND t.row_hash = s.row_hash)`
    )
    await tx.run('DROP TABLE temp.import_stage')
    const nUnchanged = unchanged?.n ?? 0
    const summary: ImportSummary = {
      kind: file.kind,
      file_name: file.fileName,
      vintage_id: vintageId,
      status: 'imported',
      rows_read: rowCount ?? read,
      rows_inserted: read - nUnchanged,
      rows_revised: revised?.n ?? 0,
      rows_unchanged: nUnchanged,
      rows_removed: removed,
    }
    await tx.run(
      `INSERT INTO vintages (id, kind, format, file_name, file_sha256, imported_at, rows_read, rows_inserted,
         rows_revised, rows_unchanged, rows_removed)
       VALUES ($1, $2, $3, $4, $5, CAST($6 AS TIMESTAMP), $7, $8, $9, $10, $11)`,
      [
        vintageId,
        file.kind,
        file.format,
        file.fileName,
        file.sha256,
        file.importedAt,
        summary.rows_read,
        summary.rows_inserted,
        summary.rows_revised,
        summary.rows_unchanged,
        removed,
      ]
    )
    return summary
  })
}
