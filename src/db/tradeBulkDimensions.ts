/**
 * The small mapping tables of a Comtrade bulk import: the distinct periods, partners, record classes and
 * isNetWgtEstimated values of the staged records, each classified by the rules of src/ingest/comtrade.ts
 * (valid or not, skipped or not, and what it maps to), so that SQL only joins and never re-implements a rule.
 */
import {
  classifyEstimated,
  classifyPartner,
  classifyPeriod,
  classifyRecord,
  type FieldProblem,
  type PeriodOptions,
  type RecordClassFields,
} from '../ingest/comtrade'
import type { ColumnType, Database } from './Database'

export interface Dimensions {
  /** Problems of each invalid period, partner, class and isNetWgtEstimated value, by its id. */
  periods: Map<number, FieldProblem[]>
  partners: Map<number, FieldProblem[]>
  classes: Map<number, FieldProblem[]>
  estimates: Map<number, FieldProblem[]>
  /** Output periods (YYYY-MM or YYYY) of the valid periods. */
  outputPeriods: string[]
}

const CLASS_FIELDS = [
  'typeCode',
  'classificationCode',
  'reporterCode',
  'reporterISO',
  'flowCode',
  'cmdCode',
  'partner2Code',
  'customsCode',
  'motCode',
] as const satisfies readonly (keyof RecordClassFields)[]

/** Index of `key` in `keys`, adding it when new (small dense ids for the duplicate key). */
function denseId(keys: Map<string, number>, key: string): number {
  let id = keys.get(key)
  if (id === undefined) {
    id = keys.size
    keys.set(key, id)
  }
  return id
}

async function table(
  db: Database,
  name: string,
  columns: readonly [string, ColumnType][],
  rows: readonly (string | number | boolean | null)[][]
): Promise<void> {
  await db.run(`DROP TABLE IF EXISTS temp.${name}`)
  await db.run(
    `CREATE TEMP TABLE ${name} (${columns.map(([c, t]) => `"${c}" ${t.toUpperCase()}`).join(', ')})`
  )
  await db.append(
    name,
    columns.map(([, t]) => t),
    rows
  )
}

export async function buildDimensions(db: Database, options: PeriodOptions): Promise<Dimensions> {
  const dims: Dimensions = {
    periods: new Map(),
    partners: new Map(),
    classes: new Map(),
    estimates: new Map(),
    outputPeriods: [],
  }

  const periods = await db.all<{ period: string | null; freqCode: string | null }>(
    'SELECT DISTINCT period, freqCode FROM ct_stage'
  )
  const pkeys = new Map<string, number>()
  await table(
    db,
    'ct_dim_period',
    [
      ['period', 'varchar'],
      ['freq', 'varchar'],
      ['id', 'integer'],
      ['ok', 'boolean'],
      ['pout', 'varchar'],
      ['kind', 'varchar'],
      ['url', 'varchar'],
      ['pkey', 'integer'],
    ],
    periods.map((r, id) => {
      const c = classifyPeriod(r.period, r.freqCode, options)
      if (c.kind !== 'ok') {
        dims.periods.set(id, c.kind === 'bad' ? c.problems : [])
        return [r.period, r.freqCode, id, false, null, null, null, null]
      }
      if (!pkeys.has(c.period)) dims.outputPeriods.push(c.period)
      return [
        r.period,
        r.freqCode,
        id,
        true,
        c.period,
        c.periodKind,
        c.sourceUrl,
        denseId(pkeys, c.period),
      ]
    })
  )

  const partners = await db.all<{ partnerCode: string | null; partnerISO: string | null }>(
    'SELECT DISTINCT partnerCode, partnerISO FROM ct_stage'
  )
  const tkeys = new Map<string, number>()
  await table(
    db,
    'ct_dim_partner',
    [
      ['code', 'varchar'],
      ['iso', 'varchar'],
      ['id', 'integer'],
      ['status', 'varchar'],
      ['skip', 'varchar'],
      ['partner', 'varchar'],
      ['tkey', 'integer'],
    ],
    partners.map((r, id) => {
      const c = classifyPartner(r.partnerCode, r.partnerISO)
      if (c.kind === 'bad') dims.partners.set(id, c.problems)
      return [
        r.partnerCode,
        r.partnerISO,
        id,
        c.kind,
        c.kind === 'skip' ? c.reason : null,
        c.kind === 'ok' ? c.partner : null,
        c.kind === 'ok' ? denseId(tkeys, c.partner) : null,
      ]
    })
  )

  const classes = await db.all<RecordClassFields>(
    `SELECT DISTINCT ${CLASS_FIELDS.join(', ')} FROM ct_stage`
  )
  const fkeys = new Map<string, number>()
  await table(
    db,
    'ct_dim_class',
    [
      ...CLASS_FIELDS.map((f) => [f, 'varchar'] as [string, ColumnType]),
      ['id', 'integer'],
      ['status', 'varchar'],
      ['skip', 'varchar'],
      ['flow', 'varchar'],
      ['product', 'varchar'],
      ['fkey', 'integer'],
    ],
    classes.map((r, id) => {
      const c = classifyRecord(r)
      if (c.kind === 'bad') dims.classes.set(id, c.problems)
      return [
        ...CLASS_FIELDS.map((f) => r[f]),
        id,
        c.kind,
        c.kind === 'skip' ? c.reason : null,
        c.kind === 'ok' ? c.flow : null,
        c.kind === 'ok' ? c.product : null,
        c.kind === 'ok' ? denseId(fkeys, `${c.flow}|${c.product}`) : null,
      ]
    })
  )

  const estimates = await db.all<{ v: string | null }>(
    'SELECT DISTINCT isNetWgtEstimated AS v FROM ct_stage'
  )
  await table(
    db,
    'ct_dim_est',
    [
      ['v', 'varchar'],
      ['id', 'integer'],
      ['ok', 'boolean'],
      ['estimated', 'boolean'],
    ],
    estimates.map((r, id) => {
      const c = classifyEstimated(r.v)
      if (c.kind === 'bad') dims.estimates.set(id, c.problems)
      return [r.v, id, c.kind === 'ok', c.kind === 'ok' && c.estimated]
    })
  )
  return dims
}

/** The rule problems of one record, from the ids of its dimension values. */
export function dimensionProblems(
  dims: Dimensions,
  r: { pid: number; cid: number; tid: number; eid: number; cstatus: string }
): FieldProblem[] {
  return [
    ...(dims.periods.get(r.pid) ?? []),
    ...(dims.classes.get(r.cid) ?? []),
    ...(r.cstatus === 'ok' ? (dims.partners.get(r.tid) ?? []) : []),
    ...(dims.estimates.get(r.eid) ?? []),
  ]
}

/** `FROM` the stage joined with the four mapping tables (aliases s, p, t, e, c). */
export function stageJoinSql(): string {
  const same = (a: string, b: string): string => `${a} IS NOT DISTINCT FROM ${b}`
  return `FROM ct_stage s
    JOIN ct_dim_period p ON ${same('p.period', 's.period')} AND ${same('p.freq', 's.freqCode')}
    JOIN ct_dim_partner t ON ${same('t.code', 's.partnerCode')} AND ${same('t.iso', 's.partnerISO')}
    JOIN ct_dim_est e ON ${same('e.v', 's.isNetWgtEstimated')}
    JOIN ct_dim_class c ON ${CLASS_FIELDS.map((f) => same(`c.${f}`, `s.${f}`)).join(' AND ')}`
}
