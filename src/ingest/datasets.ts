/**
 * The cited reference datasets, described as data: each kind names its columns, their value types and the columns
 * that identify a row across vintages. One small reader (`readDatasetCsv`) validates any of them.
 */
import { isPartnerCode } from '../contracts/common'
import { isIsoDate, isMonth } from '../core/shared/months'
import type { Result } from '../core/shared/result'
import { parseCsv, requireColumns } from './csv'
import { RowIssues, parseNumber } from './rowIssues'

/** Value types of dataset columns, each with its validator and the expectation shown in messages. */
export const VALUE_TYPES = {
  text: { expected: 'text', test: (_s: string) => true },
  url: { expected: 'an http(s) URL', test: (s: string) => /^https?:\/\/\S+$/.test(s) },
  number: { expected: 'a number', test: (s: string) => parseNumber(s) !== undefined },
  /** A number, a range `low-high`, or a bound `>x` / `<x`, as sources print them. */
  quantity: {
    expected: 'a non-negative number, a range low-high, or a bound >x / <x',
    test: (s: string) => parseQuantity(s) !== undefined,
  },
  year: { expected: 'a year YYYY', test: (s: string) => /^\d{4}$/.test(s) },
  /** A year or a span of years `2021-2024`. */
  years: {
    expected: 'a year YYYY or a span YYYY-YYYY',
    test: (s: string) => /^\d{4}(-\d{4})?$/.test(s),
  },
  date: { expected: 'a date YYYY-MM-DD', test: isIsoDate },
  /** Day, month, quarter or year precision. */
  flexdate: {
    expected: 'a date YYYY-MM-DD, a month YYYY-MM, a quarter YYYY-Qn or a year YYYY',
    test: (s: string) => isIsoDate(s) || isMonth(s) || /^\d{4}(-Q[1-4])?$/.test(s),
  },
  /** ISO3, an aggregate (WLD, EUN, XEU), OTH (other countries), or a group `CHN+AUS+MMR`. */
  country: {
    expected: 'an ISO3 code, WLD/EUN/XEU/OTH, or a group like CHN+AUS',
    test: (s: string) => s.split('+').every((c) => c === 'OTH' || isPartnerCode(c)),
  },
  iso3: { expected: 'an ISO3 code', test: (s: string) => isPartnerCode(s) },
} as const
export type ValueType = keyof typeof VALUE_TYPES

export interface QuantityValue {
  low: number
  high: number
  /** `exact`, a `range`, or a `lower`/`upper` bound (the figure is above/below the number). */
  kind: 'exact' | 'range' | 'lower' | 'upper'
}

/** Parses `12`, `850-1000`, `>0.90`, `<5`; undefined when malformed or negative. */
export function parseQuantity(text: string): QuantityValue | undefined {
  const s = text.trim()
  const bound = /^([<>])\s*(.+)$/.exec(s)
  if (bound) {
    const v = parseNumber(bound[2] ?? '')
    if (v === undefined || v < 0) return undefined
    return { low: v, high: v, kind: bound[1] === '>' ? 'lower' : 'upper' }
  }
  const range = /^(\d[\d.]*)\s*-\s*(\d[\d.]*)$/.exec(s)
  if (range) {
    const a = parseNumber(range[1] ?? '')
    const b = parseNumber(range[2] ?? '')
    if (a === undefined || b === undefined || b < a) return undefined
    return { low: a, high: b, kind: 'range' }
  }
  const v = parseNumber(s)
  if (v === undefined || v < 0) return undefined
  return { low: v, high: v, kind: 'exact' }
}

export interface ColumnSpec {
  name: string
  type: ValueType
  required: boolean
}

export interface DatasetSpec {
  kind: string
  title: string
  /** The shipped file in data/. */
  file: string
  columns: ColumnSpec[]
  /** Columns whose values identify a row across vintages. */
  key: string[]
  /** Column holding the row's period/date, for coverage reports. */
  periodColumn?: string
}

const col = (name: string, type: ValueType, required = true): ColumnSpec => ({
  name,
  type,
  required,
})
const opt = (name: string, type: ValueType): ColumnSpec => col(name, type, false)

export const DATASETS: DatasetSpec[] = [
  {
    kind: 'events',
    title: 'Dated political and market events',
    file: 'events_timeline.csv',
    columns: [
      col('date', 'flexdate'),
      col('actor', 'text'),
      col('kind', 'text'),
      col('summary', 'text'),
      opt('related_measure_id', 'text'),
      col('source_url', 'url'),
    ],
    key: ['date', 'actor', 'kind', 'source_url'],
    periodColumn: 'date',
  },
  {
    kind: 'production',
    title: 'USGS mine production and reserves (t REO)',
    file: 'mine_production_reserves.csv',
    columns: [
      col('country_iso3', 'country'),
      col('year', 'year'),
      opt('mine_production_t_reo', 'quantity'),
      opt('reserves_t_reo', 'quantity'),
      col('source_url', 'url'),
      opt('note', 'text'),
    ],
    key: ['country_iso3', 'year', 'source_url'],
    periodColumn: 'year',
  },
  {
    kind: 'shares',
    title: 'Supply-chain concentration by stage',
    file: 'supply_chain_shares.csv',
    columns: [
      col('stage', 'text'),
      col('country_iso3', 'country'),
      col('share', 'quantity'),
      opt('year', 'years'),
      col('source_url', 'url'),
      opt('note', 'text'),
    ],
    key: ['stage', 'country_iso3', 'year', 'source_url'],
    periodColumn: 'year',
  },
  {
    kind: 'projects',
    title: 'Ex-China mines, refineries, metal and magnet plants, recyclers',
    file: 'projects_ex_china.csv',
    columns: [
      col('project', 'text'),
      col('company', 'text'),
      col('country_iso3', 'iso3'),
      col('stage', 'text'),
      col('products', 'text'),
      opt('capacity', 'quantity'),
      opt('capacity_unit', 'text'),
      col('status', 'text'),
      opt('start_year', 'year'),
      opt('capex_usd_m', 'quantity'),
      opt('government_support', 'text'),
      opt('offtake', 'text'),
      col('source_url', 'url'),
      opt('note', 'text'),
    ],
    key: ['project', 'company'],
    periodColumn: 'start_year',
  },
  {
    kind: 'prices',
    title: 'Dated price points by product and market',
    file: 'prices.csv',
    columns: [
      col('date', 'flexdate'),
      col('product', 'text'),
      col('market', 'text'),
      col('price', 'quantity'),
      col('currency', 'text'),
      col('unit', 'text'),
      col('source_url', 'url'),
      opt('note', 'text'),
    ],
    key: ['date', 'product', 'market', 'source_url'],
    periodColumn: 'date',
  },
  {
    kind: 'floors',
    title: 'Price floors and offtakes',
    file: 'price_floors.csv',
    columns: [
      col('id', 'text'),
      col('jurisdiction', 'text'),
      opt('counterparty', 'text'),
      col('product', 'text'),
      opt('floor_price', 'number'),
      opt('currency', 'text'),
      opt('unit', 'text'),
      opt('term_years', 'number'),
      opt('start_date', 'flexdate'),
      col('mechanism', 'text'),
      opt('volume_note', 'text'),
      col('source_url', 'url'),
      opt('note', 'text'),
    ],
    key: ['id'],
    periodColumn: 'start_date',
  },
  {
    kind: 'demand',
    title: 'Magnet rare-earth demand by application',
    file: 'demand_by_application.csv',
    columns: [
      col('year', 'year'),
      col('element_or_product', 'text'),
      col('application', 'text'),
      opt('demand_t', 'quantity'),
      col('source_url', 'url'),
      opt('note', 'text'),
    ],
    key: ['year', 'element_or_product', 'application', 'source_url'],
    periodColumn: 'year',
  },
]

export function datasetSpec(kind: string): DatasetSpec | undefined {
  return DATASETS.find((d) => d.kind === kind)
}

export interface DatasetRow {
  key: string
  data: Record<string, string | null>
  source_url: string | null
  line: number
}

/** Validates a CSV against its spec; every bad cell is reported with line, column, expected and found. */
export function readDatasetCsv(
  text: string,
  file: string,
  spec: DatasetSpec
): Result<DatasetRow[]> {
  const parsed = parseCsv(text, file)
  if (!parsed.ok) return parsed
  const required = spec.columns.map((c) => c.name)
  const cols = requireColumns(parsed.value, required, file)
  if (!cols.ok) return cols
  const index = cols.value
  const bad = new RowIssues(file)
  const rows: DatasetRow[] = []
  const seen = new Map<string, number>()
  for (const r of parsed.value.records) {
    const data: Record<string, string | null> = {}
    const before = bad.issues.length
    for (const c of spec.columns) {
      const k = index[c.name] ?? 0
      const v = (r.fields[k] ?? '').trim()
      if (v === '') {
        if (c.required) bad.add(r, k, c.name, 'missing_value', VALUE_TYPES[c.type].expected, v)
        data[c.name] = null
        continue
      }
      if (!VALUE_TYPES[c.type].test(v)) {
        bad.add(r, k, c.name, `invalid_${c.type}`, VALUE_TYPES[c.type].expected, v)
      }
      data[c.name] = v
    }
    if (bad.issues.length > before) continue
    const key = spec.key.map((k) => data[k] ?? '').join('|')
    const prev = seen.get(key)
    if (prev !== undefined) {
      const k = index[spec.key[0] ?? ''] ?? 0
      bad.add(
        r,
        k,
        spec.key.join('+'),
        'duplicate_row',
        'one row per ' + spec.key.join(', '),
        key,
        `duplicate of line ${prev} (same ${spec.key.join(', ')})`
      )
      continue
    }
    seen.set(key, r.line)
    rows.push({ key, data, source_url: data['source_url'] ?? null, line: r.line })
  }
  if (bad.issues.length > 0) return { ok: false, error: bad.issues }
  return { ok: true, value: rows }
}
