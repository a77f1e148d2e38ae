/**
 * Bulk import of UN Comtrade records into trade_observations, done by DuckDB: the CSV is read by `read_csv`
 * (every column VARCHAR, strict mode) into a staging table, or JSON records are appended to the same table; the
 * rules of src/ingest/comtrade.ts are applied to the distinct periods, partners and record classes and loaded as
 * small mapping tables; numbers are checked in SQL; and the rows are merged with the vintage semantics of
 * importBatch.ts (same file = no-op, repeated rows unchanged, a changed value supersedes and keeps the old row).
 */
import {
  COMTRADE_FIELDS,
  NUMBER_PATTERN,
  type ComtradeHeader,
  type ComtradeRecord,
  type FieldProblem,
  type PeriodOptions,
  type SkipReason,
} from '../ingest/comtrade'
import type { Database } from './Database'
import { withInsertionOrder } from './insertionOrder'
import {
  buildDimensions,
  dimensionProblems,
  stageJoinSql,
  type Dimensions,
} from './tradeBulkDimensions'
import type { ImportFileInfo, ImportSummary } from './importBatch'
import { mergeComtrade } from './tradeBulkMerge'

export const STAGE = 'ct_stage'

/** DuckDB rejected the CSV itself (ragged rows, bad quoting); `line` when its message names one. */
export class CsvReadError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined
  ) {
    super(message)
  }
}

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`
const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`

/** Reads the CSV at `path` into the staging table (one row per record, in file order); returns the count. */
export async function stageComtradeCsv(
  db: Database,
  path: string,
  header: ComtradeHeader
): Promise<number> {
  await dropComtradeStage(db)
  const columns = header.names.map((n) => `${sqlString(n)}: 'VARCHAR'`).join(', ')
  const select = COMTRADE_FIELDS.map((f) => {
    const k = header.index[f]
    return k === undefined ? `NULL::VARCHAR AS ${f}` : `${ident(header.names[k] as string)} AS ${f}`
  }).join(', ')
  try {
    // Outside any transaction and in insertion order, so that rowid is the record's position in the file.
    await withInsertionOrder(db, true, () =>
      db.run(
        `CREATE TEMP TABLE ${STAGE} AS SELECT ${select} FROM read_csv(${sqlString(path)}, header = true,
           auto_detect = false, strict_mode = true, delim = ',', quote = '"', escape = '"',
           null_padding = false, columns = {${columns}})`
      )
    )
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    if (!/CSV Error|Invalid Input Error|Invalid unicode/i.test(message)) throw e
    const line = /CSV Error on Line: (\d+)/.exec(message)?.[1]
    throw new CsvReadError(
      message.split('\n').slice(0, 3).join(' '),
      line ? Number(line) : undefined
    )
  }
  return (await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${STAGE}`))?.n ?? 0
}

/** Appends already-parsed records (the JSON path) to a fresh staging table; rowid = index in `data`. */
export async function stageComtradeRecords(
  db: Database,
  records: readonly ComtradeRecord[]
): Promise<number> {
  await dropComtradeStage(db)
  await db.run(
    `CREATE TEMP TABLE ${STAGE} (${COMTRADE_FIELDS.map((f) => `${f} VARCHAR`).join(', ')})`
  )
  return db.append(
    STAGE,
    COMTRADE_FIELDS.map(() => 'varchar' as const),
    records.map((r) => COMTRADE_FIELDS.map((f) => r[f]))
  )
}

/** Start lines of the staged records, for files where a record is not always one line. */
export async function stageRecordLines(db: Database, lines: Int32Array): Promise<void> {
  await db.run('DROP TABLE IF EXISTS temp.ct_lines')
  await db.run('CREATE TEMP TABLE ct_lines (rec BIGINT, line INTEGER)')
  await db.append('ct_lines', ['integer', 'integer'], iterLines(lines))
}

function* iterLines(lines: Int32Array): Iterable<[number, number]> {
  for (let k = 0; k < lines.length; k++) yield [k, lines[k] as number]
}

/** The vintage that already imported a file with this hash, if any. */
export async function existingVintage(
  db: Database,
  kind: string,
  sha256: string
): Promise<{ id: number; rows_read: number } | undefined> {
  return db.one<{ id: number; rows_read: number }>(
    'SELECT id, rows_read FROM vintages WHERE kind = $1 AND file_sha256 = $2 ORDER BY id LIMIT 1',
    [kind, sha256]
  )
}

export async function dropComtradeStage(db: Database): Promise<void> {
  const tables = [STAGE, 'ct_rows', 'ct_lines', 'ct_new', 'ct_cur']
  for (const t of [...tables, 'ct_dim_period', 'ct_dim_partner', 'ct_dim_class', 'ct_dim_est'])
    await db.run(`DROP TABLE IF EXISTS temp.${t}`)
}

export interface StagedProblem {
  /** 0-based record index (CSV: data record after the header; JSON: index in `data`). */
  rec: number
  problem: FieldProblem
  /** For a duplicate: the record it repeats. */
  duplicateOf?: number
}

export interface StagedCheck {
  records: number
  /** Records that would become observations. */
  inScope: number
  skipped: Partial<Record<SkipReason, number>>
  invalidRecords: number
  /** In-scope records that repeat an earlier record's period, flow, commodity and partner. */
  duplicateRecords: number
  /** The first problems, by record order (at most the limit given). */
  problems: StagedProblem[]
  dimensions: Dimensions
}

/**
 * Validates every staged record; nothing is written to the database's tables. The stage is joined with the
 * mapping tables once, into `ct_rows` (integer ids, parsed numbers, verdicts), which the merge then reads.
 */
export async function checkStagedComtrade(
  db: Database,
  options: PeriodOptions,
  limit = 50
): Promise<StagedCheck> {
  const dims = await buildDimensions(db, options)
  await db.run('DROP TABLE IF EXISTS temp.ct_rows')
  await withInsertionOrder(db, false, () =>
    db.run(`CREATE TEMP TABLE ct_rows AS ${classifiedSql()}`)
  )
  const groups = await db.all<{ bad: boolean; skip: SkipReason | null; n: number; d: number }>(
    'SELECT bad, skip, count(*) AS n, count(DISTINCT dup_key) AS d FROM ct_rows GROUP BY ALL'
  )
  const check: StagedCheck = {
    records: 0,
    inScope: 0,
    skipped: {},
    invalidRecords: 0,
    duplicateRecords: 0,
    problems: [],
    dimensions: dims,
  }
  let distinctKeys = 0
  for (const g of groups) {
    check.records += g.n
    if (g.bad) check.invalidRecords += g.n
    else if (g.skip) check.skipped[g.skip] = (check.skipped[g.skip] ?? 0) + g.n
    else {
      check.inScope += g.n
      distinctKeys += g.d
    }
  }
  check.duplicateRecords = check.inScope - distinctKeys
  if (check.invalidRecords > 0) check.problems.push(...(await invalidDetails(db, dims, limit)))
  if (distinctKeys < check.inScope && check.problems.length < limit) {
    check.problems.push(...(await duplicateDetails(db, limit - check.problems.length)))
    check.problems.sort((a, b) => a.rec - b.rec)
  }
  return check
}

/**
 * Stage joined with the mapping tables: per record, its dimension ids, its numbers, whether it is invalid, why
 * it is skipped, and its key among the observations (period, flow, product, partner as small integers).
 */
export function classifiedSql(): string {
  // Each number is cast once (inner query) and checked against its text (outer query).
  return `SELECT rec, pid, tid, cid, eid, q / 1000 AS quantity_t, v AS value_usd,
      (NOT pok OR cstatus = 'bad' OR NOT eok OR NOT ${numberOk('nw', 'q')} OR NOT ${numberOk('pv', 'v')}
        OR (cstatus = 'ok' AND (tstatus = 'bad' OR (coalesce(nw, '') = '' AND coalesce(pv, '') = ''))))
        AS bad,
      CASE WHEN cstatus = 'skip' THEN cskip WHEN tstatus = 'skip' THEN tskip END AS skip,
      CASE WHEN cstatus = 'ok' AND tstatus = 'ok' THEN (pkey::BIGINT * 1000 + fkey) * 100000 + tkey END AS dup_key
    FROM (
      SELECT s.rowid AS rec, p.id AS pid, t.id AS tid, c.id AS cid, e.id AS eid, s.netWgt AS nw,
        s.primaryValue AS pv, TRY_CAST(nullif(s.netWgt, '') AS DOUBLE) AS q,
        TRY_CAST(nullif(s.primaryValue, '') AS DOUBLE) AS v, p.ok AS pok, e.ok AS eok, c.status AS cstatus,
        c.skip AS cskip, t.status AS tstatus, t.skip AS tskip, p.pkey, c.fkey, t.tkey
      ${stageJoinSql()})`
}

/** SQL: `text` is empty, or a plain non-negative finite number (NUMBER_PATTERN); `value` is its DOUBLE cast. */
function numberOk(text: string, value: string): string {
  return `(${text} IS NULL OR ${text} = '' OR (regexp_full_match(${text}, '${NUMBER_PATTERN}')
    AND coalesce(${value} >= 0 AND isfinite(${value}), false)))`
}

async function invalidDetails(
  db: Database,
  dims: Dimensions,
  limit: number
): Promise<StagedProblem[]> {
  const rows = await db.all<{
    rec: number
    pid: number
    cid: number
    tid: number
    eid: number
    cstatus: string
    nw: string | null
    pv: string | null
    nw_ok: boolean
    pv_ok: boolean
  }>(
    `SELECT r.rec, r.pid, r.cid, r.tid, r.eid, c.status AS cstatus, s.netWgt AS nw, s.primaryValue AS pv,
       ${numberOk('s.netWgt', 'TRY_CAST(s.netWgt AS DOUBLE)')} AS nw_ok,
       ${numberOk('s.primaryValue', 'TRY_CAST(s.primaryValue AS DOUBLE)')} AS pv_ok
     FROM (SELECT * FROM ct_rows WHERE bad ORDER BY rec LIMIT ${Math.max(1, limit)}) r
     JOIN ${STAGE} s ON s.rowid = r.rec JOIN ct_dim_class c ON c.id = r.cid
     ORDER BY r.rec`
  )
  const out: StagedProblem[] = []
  for (const r of rows) {
    const problems = dimensionProblems(dims, r)
    for (const [ok, field, value] of [
      [r.nw_ok, 'netWgt', r.nw],
      [r.pv_ok, 'primaryValue', r.pv],
    ] as const) {
      if (!ok) {
        problems.push({
          code: field === 'netWgt' ? 'invalid_quantity' : 'invalid_value',
          field,
          expected:
            field === 'netWgt'
              ? 'a non-negative number of kilograms or empty'
              : 'a non-negative number of US dollars or empty',
          found: value ?? '',
        })
      }
    }
    if (r.cstatus === 'ok' && (r.nw ?? '') === '' && (r.pv ?? '') === '') {
      problems.push({
        code: 'missing_quantity',
        field: 'netWgt',
        expected: 'a net weight (or at least a primaryValue)',
        found: '',
      })
    }
    for (const problem of problems) out.push({ rec: r.rec, problem })
  }
  return out
}

async function duplicateDetails(db: Database, limit: number): Promise<StagedProblem[]> {
  const rows = await db.all<{ first: number; recs: number[] }>(
    `SELECT min(rec) AS first, list(rec ORDER BY rec) AS recs FROM ct_rows
     WHERE NOT bad AND dup_key IS NOT NULL GROUP BY dup_key HAVING count(*) > 1 ORDER BY first LIMIT ${Math.max(1, limit)}`
  )
  return rows.flatMap((r) =>
    r.recs.slice(1).map((rec) => ({
      rec: Number(rec),
      duplicateOf: Number(r.first),
      problem: {
        code: 'duplicate_row',
        field: 'cmdCode' as const,
        expected: 'one record per period, flow, commodity and partner (totals only)',
        found: 'a repeated record',
      },
    }))
  )
}

export interface ComtradeImportSummary extends ImportSummary {
  rows_skipped: number
  skipped: Partial<Record<SkipReason, number>>
}

/** How the stored `line` of each row is found: record index + 2, the ct_lines table, or none (JSON). */
export type LineSource = 'offset' | 'table' | 'none'

/** Merges the checked stage into trade_observations as one transaction and one vintage. */
export function mergeStagedComtrade(
  db: Database,
  file: ImportFileInfo,
  check: StagedCheck,
  lines: LineSource
): Promise<ComtradeImportSummary> {
  return mergeComtrade(db, file, check, lines)
}
