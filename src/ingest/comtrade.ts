/**
 * UN Comtrade records (API JSON `{ "data": [...] }` and the CSV download with the same field names): the rules
 * that turn them into China export/import observations. The rules are applied to the distinct values of each
 * group of fields (periods, partners, record classes), so the same functions serve the JSON path, the bulk CSV
 * path (where src/db/tradeBulk.ts applies them inside DuckDB through small mapping tables) and the tests.
 * See docs/comtrade.md for the mapping and every choice made here.
 */
import { iso3FromNumeric, isIso3 } from '../contracts/common'
import { isMonth } from '../core/shared/months'
import type { DomainIssue, Result } from '../core/shared/result'
import { parseCsv } from './csv'

/** The Comtrade fields the importer reads, as they are spelled in the API and in CSV downloads. */
export const COMTRADE_FIELDS = [
  'typeCode',
  'freqCode',
  'classificationCode',
  'period',
  'reporterCode',
  'reporterISO',
  'flowCode',
  'partnerCode',
  'partnerISO',
  'partner2Code',
  'customsCode',
  'motCode',
  'cmdCode',
  'netWgt',
  'isNetWgtEstimated',
  'primaryValue',
] as const
export type ComtradeField = (typeof COMTRADE_FIELDS)[number]

/** A record as text, the way it is staged: absent or null fields are null. */
export type ComtradeRecord = Record<ComtradeField, string | null>

/** Always required; plus at least one of each pair in COMTRADE_EITHER. */
export const COMTRADE_REQUIRED: readonly ComtradeField[] = [
  'period',
  'flowCode',
  'cmdCode',
  'netWgt',
  'primaryValue',
]
export const COMTRADE_EITHER: readonly (readonly [ComtradeField, ComtradeField])[] = [
  ['reporterCode', 'reporterISO'],
  ['partnerCode', 'partnerISO'],
]

/** HS code (as Comtrade writes it: digits, no dots) → catalogue product. Codes are matched exactly. */
export const COMTRADE_PRODUCTS: Readonly<Record<string, string>> = {
  '850511': 'magnets',
  '280530': 'rare_earth_metals_280530',
  '2846': 'rare_earth_compounds_2846',
  '284610': 'cerium_compounds',
  '284690': 'other_rare_earth_compounds',
}

/** China as reporter. */
export const CHINA = { code: '156', iso: 'CHN' } as const

/**
 * Comtrade reporter/partner codes for customs areas that differ from the ISO 3166 numeric code of the country
 * (UN Comtrade uses 251 for France incl. Monaco, 381 for Italy incl. San Marino and the Holy See, and so on).
 */
export const COMTRADE_CUSTOMS_AREAS: Readonly<Record<string, string>> = {
  '251': 'FRA',
  '381': 'ITA',
  '579': 'NOR',
  '699': 'IND',
  '757': 'CHE',
  '842': 'USA',
}

/** Comtrade partner codes that are not countries; rows with them are skipped (counted), not errors. */
export const COMTRADE_NON_COUNTRY_PARTNERS: Readonly<Record<string, string>> = {
  '97': 'European Union (membership varies by year)',
  '490': 'Other Asia, nes',
  '837': 'Bunkers',
  '838': 'Free zones',
  '839': 'Special categories',
  '899': 'Areas, nes',
}

/** Why an otherwise valid record does not become an observation. */
export const SKIP_REASONS = {
  reporter_not_china: 'reporter is not China (mirror statistics are not imported)',
  flow_not_export_or_import: 'flowCode is not X or M (re-exports, re-imports, processing flows)',
  commodity_not_mapped: 'cmdCode is not one of the mapped HS codes',
  breakdown_not_total:
    'a customs-procedure, transport-mode or second-partner breakdown, not the total',
  partner_not_country: 'partner is a Comtrade area that is not a country (e.g. Areas nes, Bunkers)',
} as const
export type SkipReason = keyof typeof SKIP_REASONS

/** A problem with one field, not yet located (the CSV and JSON paths add line/column or a JSON path). */
export interface FieldProblem {
  code: string
  field: ComtradeField
  expected: string
  found: string
  message?: string
}

export type Classified<T> =
  | ({ kind: 'ok' } & T)
  | { kind: 'skip'; reason: SkipReason }
  | { kind: 'bad'; problems: FieldProblem[] }

const empty = (v: string | null | undefined): boolean => v === null || v === undefined || v === ''
const shown = (v: string | null | undefined): string => (empty(v) ? '' : (v as string))

/** A plain non-negative decimal number, as parseNumber accepts it (the SQL path uses the same pattern). */
export const NUMBER_PATTERN = '-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?'

/** `https://comtradeapi.un.org/data/v1/get/C/{M|A}/HS?reporterCode=156&period=…`: the query that returns the record. */
export function comtradeSourceUrl(freq: 'M' | 'A', period: string): string {
  return `https://comtradeapi.un.org/data/v1/get/C/${freq}/HS?reporterCode=${CHINA.code}&period=${period}`
}

/** Source tag that ends every Comtrade row key (documented key scheme, docs/comtrade.md). */
export const COMTRADE_KEY_SOURCE = 'comtrade'

/**
 * What Comtrade rows store as `row_hash`: they are compared by their stored values (quantity, value, basis,
 * source_date, note), exactly, so no digest is computed (docs/comtrade.md).
 */
export const COMTRADE_ROW_HASH = '(compared by content)'

/**
 * Row key of a Comtrade observation: `period|flow|product|partner|comtrade` (the period's shape, YYYY-MM or
 * YYYY, says month or year; the reporter is always China). Short keys keep bulk inserts into the key index cheap.
 */
export function comtradeRowKey(o: {
  period: string
  flow: string
  product: string
  partner: string
}): string {
  return [o.period, o.flow, o.product, o.partner, COMTRADE_KEY_SOURCE].join('|')
}

export interface PeriodOptions {
  /** Declared range of the file (inclusive, YYYY or YYYY-MM); periods outside it are errors. */
  periodFrom?: string
  periodTo?: string
}

/** `202505` → month 2025-05, `2025` → year 2025; freqCode, when present, must agree. */
export function classifyPeriod(
  period: string | null,
  freqCode: string | null,
  options: PeriodOptions = {}
): Classified<{ period: string; periodKind: 'month' | 'year'; sourceUrl: string }> {
  const p = shown(period)
  const m = /^(\d{4})(\d{2})?$/.exec(p)
  const asMonth = m?.[2] ? `${m[1]}-${m[2]}` : undefined
  if (!m || (asMonth !== undefined && !isMonth(asMonth))) {
    return bad({
      code: 'invalid_period',
      field: 'period',
      expected: 'a month YYYYMM (01-12) or a year YYYY',
      found: p,
    })
  }
  const out = asMonth ?? p
  const freq = asMonth ? 'M' : 'A'
  const problems: FieldProblem[] = []
  if (!empty(freqCode) && freqCode !== freq) {
    problems.push({
      code: 'invalid_frequency',
      field: 'freqCode',
      expected: `${freq} for period ${p}`,
      found: shown(freqCode),
      message: `freqCode ${shown(freqCode)} does not match period ${p} (${asMonth ? 'monthly' : 'annual'})`,
    })
  }
  const { periodFrom: from, periodTo: to } = options
  if (from && out < from.slice(0, out.length)) {
    problems.push({
      code: 'period_out_of_range',
      field: 'period',
      expected: `a period from ${from}`,
      found: p,
      message: `period ${p} is before the file's declared range ${from}..${to ?? ''}`,
    })
  }
  if (to && out > to.slice(0, out.length)) {
    problems.push({
      code: 'period_out_of_range',
      field: 'period',
      expected: `a period up to ${to}`,
      found: p,
      message: `period ${p} is after the file's declared range ${from ?? ''}..${to}`,
    })
  }
  if (problems.length > 0) return { kind: 'bad', problems }
  return {
    kind: 'ok',
    period: out,
    periodKind: asMonth ? 'month' : 'year',
    sourceUrl: comtradeSourceUrl(freq, p),
  }
}

/** ISO3 (or WLD) for a Comtrade partner code, through the customs-area table, then ISO 3166 numeric. */
export function partnerFromCode(code: string): string | undefined {
  if (code === '0') return 'WLD'
  if (!/^\d{1,3}$/.test(code)) return undefined
  const n = String(Number(code))
  return COMTRADE_CUSTOMS_AREAS[n] ?? iso3FromNumeric(n)
}

/** Partner ISO3 from partnerISO (W00 = world) and/or partnerCode; both given must agree. */
export function classifyPartner(
  code: string | null,
  iso: string | null
): Classified<{ partner: string }> {
  const fromIso = iso === 'W00' ? 'WLD' : !empty(iso) && isIso3(iso as string) ? iso : undefined
  const fromCode = empty(code) ? undefined : partnerFromCode(code as string)
  const area = !empty(code) && COMTRADE_NON_COUNTRY_PARTNERS[String(Number(code))]
  if (fromIso && fromCode && fromIso !== fromCode) {
    return bad({
      code: 'partner_mismatch',
      field: 'partnerISO',
      expected: `${fromCode} (partnerCode ${shown(code)})`,
      found: shown(iso),
      message: `partnerISO ${shown(iso)} does not match partnerCode ${shown(code)} (${fromCode})`,
    })
  }
  const partner = fromIso ?? fromCode
  if (partner && (empty(iso) || fromIso)) return { kind: 'ok', partner }
  if (area) return { kind: 'skip', reason: 'partner_not_country' }
  if (partner) return { kind: 'ok', partner }
  if (empty(code) && empty(iso)) {
    return bad({
      code: 'missing_partner',
      field: 'partnerCode',
      expected: 'a partnerCode or partnerISO',
      found: '',
    })
  }
  return bad({
    code: 'unknown_partner',
    field: empty(iso) ? 'partnerCode' : 'partnerISO',
    expected:
      'an ISO 3166 country (alpha-3 or numeric, or a Comtrade customs-area code), W00/0 for the world',
    found: empty(iso) ? shown(code) : `${shown(iso)} (partnerCode ${shown(code)})`,
  })
}

/** The fields that decide whether a record is a China export/import total of a mapped commodity. */
export type RecordClassFields = Pick<
  ComtradeRecord,
  | 'typeCode'
  | 'classificationCode'
  | 'reporterCode'
  | 'reporterISO'
  | 'flowCode'
  | 'cmdCode'
  | 'partner2Code'
  | 'customsCode'
  | 'motCode'
>

export function classifyRecord(
  r: RecordClassFields
): Classified<{ flow: 'export' | 'import'; product: string }> {
  const problems: FieldProblem[] = []
  if (!empty(r.typeCode) && r.typeCode !== 'C') {
    problems.push({
      code: 'invalid_type',
      field: 'typeCode',
      expected: 'C (goods)',
      found: shown(r.typeCode),
    })
  }
  if (!empty(r.classificationCode) && !/^H[S0-9]$/.test(r.classificationCode as string)) {
    problems.push({
      code: 'invalid_classification',
      field: 'classificationCode',
      expected: 'an HS classification (HS, H0 ... H6)',
      found: shown(r.classificationCode),
    })
  }
  if (empty(r.reporterCode) && empty(r.reporterISO)) {
    problems.push({
      code: 'missing_reporter',
      field: 'reporterCode',
      expected: 'a reporterCode or reporterISO',
      found: '',
    })
  } else if (!empty(r.reporterCode) && !/^\d{1,3}$/.test(r.reporterCode as string)) {
    problems.push({
      code: 'invalid_reporter',
      field: 'reporterCode',
      expected: 'a numeric Comtrade reporter code such as 156',
      found: shown(r.reporterCode),
    })
  }
  const codeIsChina = !empty(r.reporterCode) && Number(r.reporterCode) === Number(CHINA.code)
  const isoIsChina = r.reporterISO === CHINA.iso
  if (!empty(r.reporterCode) && !empty(r.reporterISO) && codeIsChina !== isoIsChina) {
    problems.push({
      code: 'reporter_mismatch',
      field: 'reporterISO',
      expected: codeIsChina ? `${CHINA.iso} for reporterCode ${CHINA.code}` : `not ${CHINA.iso}`,
      found: shown(r.reporterISO),
      message: `reporterISO ${shown(r.reporterISO)} does not match reporterCode ${shown(r.reporterCode)}`,
    })
  }
  if (!/^[A-Z]{1,4}$/.test(shown(r.flowCode))) {
    problems.push({
      code: 'invalid_flow',
      field: 'flowCode',
      expected: 'a Comtrade flow code (X export, M import, RX, RM ...)',
      found: shown(r.flowCode),
    })
  }
  if (!/^(\d{2,12}|TOTAL|AG\d)$/.test(shown(r.cmdCode))) {
    problems.push({
      code: 'invalid_commodity',
      field: 'cmdCode',
      expected: 'an HS code in digits without dots (e.g. 850511), TOTAL or AGn',
      found: shown(r.cmdCode),
    })
  }
  for (const [field, total] of [
    ['partner2Code', '0'],
    ['customsCode', 'C00'],
    ['motCode', '0'],
  ] as const) {
    const v = r[field]
    const ok = field === 'customsCode' ? /^C\d{2}$/ : /^\d{1,4}$/
    if (!empty(v) && !ok.test(v as string)) {
      problems.push({
        code: 'invalid_code',
        field,
        expected: `a Comtrade ${field} (${total} for the total)`,
        found: shown(v),
      })
    }
  }
  if (problems.length > 0) return { kind: 'bad', problems }
  if (!(codeIsChina || (empty(r.reporterCode) && isoIsChina))) {
    return { kind: 'skip', reason: 'reporter_not_china' }
  }
  if (r.flowCode !== 'X' && r.flowCode !== 'M') {
    return { kind: 'skip', reason: 'flow_not_export_or_import' }
  }
  const product = COMTRADE_PRODUCTS[r.cmdCode as string]
  if (!product) return { kind: 'skip', reason: 'commodity_not_mapped' }
  const isTotal = (v: string | null, total: string): boolean =>
    empty(v) || v === total || (total === '0' && Number(v) === 0)
  if (!isTotal(r.partner2Code, '0') || !isTotal(r.customsCode, 'C00') || !isTotal(r.motCode, '0')) {
    return { kind: 'skip', reason: 'breakdown_not_total' }
  }
  return { kind: 'ok', flow: r.flowCode === 'X' ? 'export' : 'import', product }
}

/** isNetWgtEstimated: true/false (any case) or 1/0; empty means false. */
export function classifyEstimated(v: string | null): Classified<{ estimated: boolean }> {
  const t = shown(v).toLowerCase()
  if (t === '' || t === 'false' || t === '0') return { kind: 'ok', estimated: false }
  if (t === 'true' || t === '1') return { kind: 'ok', estimated: true }
  return bad({
    code: 'invalid_boolean',
    field: 'isNetWgtEstimated',
    expected: 'true or false',
    found: shown(v),
  })
}

/** Note stored on rows whose net weight UN Comtrade estimated. */
export const ESTIMATED_WEIGHT_NOTE = 'net weight estimated by UN Comtrade (isNetWgtEstimated)'

function bad(problem: FieldProblem): { kind: 'bad'; problems: FieldProblem[] } {
  return { kind: 'bad', problems: [problem] }
}

/** Human message for a field problem, in the words of the other readers. */
export function problemMessage(p: FieldProblem): string {
  return (
    p.message ??
    `${p.field}: expected ${p.expected}, found ${p.found === '' ? 'an empty value' : JSON.stringify(p.found)}`
  )
}

/** The problem located at a JSON path `data[i].field`. */
export function jsonIssue(file: string, index: number, p: FieldProblem): DomainIssue {
  return {
    code: p.code,
    message: `data[${index}].${p.field}: ${p.message ?? `expected ${p.expected}, found ${p.found === '' ? 'an empty value' : JSON.stringify(p.found)}`}`,
    path: ['data', index, p.field],
    file,
    field: p.field,
    expected: p.expected,
    found: p.found,
  }
}

export interface ComtradeHeader {
  /** Every column name, in file order (DuckDB reads them all). */
  names: string[]
  /** Position of each Comtrade field the importer reads; absent optional fields are missing. */
  index: Partial<Record<ComtradeField, number>>
  /** 1-based character column where each header cell starts. */
  columns: number[]
}

/** Header of a Comtrade CSV from its first line: required fields, no duplicates (names are case-insensitive). */
export function readComtradeHeader(firstLine: string, file: string): Result<ComtradeHeader> {
  const line = firstLine.replace(/^\uFEFF/, '').replace(/\r?\n$/, '')
  // The line twice: the copy parses as a record, which gives each header cell's column.
  const parsed = parseCsv(`${line}\n${line}\n`, file)
  if (!parsed.ok) {
    const own = parsed.error.filter((i) => i.line === 1)
    return { ok: false, error: own.length > 0 ? own : parsed.error }
  }
  const names = parsed.value.header
  const columns = parsed.value.records[0]?.columns ?? []
  const issues: DomainIssue[] = []
  const seen = new Set<string>()
  names.forEach((name, k) => {
    const key = name.toLowerCase()
    if (seen.has(key)) {
      issues.push({
        code: 'malformed_csv',
        message: `duplicated header "${name}" (column names are compared without case)`,
        path: [1],
        file,
        line: 1,
        column: columns[k] ?? 1,
        expected: 'unique column names',
        found: name,
      })
    }
    seen.add(key)
  })
  const index: Partial<Record<ComtradeField, number>> = {}
  for (const f of COMTRADE_FIELDS) {
    const k = names.indexOf(f)
    if (k >= 0) index[f] = k
  }
  const missing = [
    ...COMTRADE_REQUIRED.filter((f) => index[f] === undefined),
    ...COMTRADE_EITHER.filter(([a, b]) => index[a] === undefined && index[b] === undefined).map(
      ([a, b]) => `${a} or ${b}`
    ),
  ]
  for (const m of missing) {
    issues.push({
      code: 'missing_column',
      message: `missing column "${m}" (UN Comtrade field names are case-sensitive)`,
      path: [m],
      file,
      line: 1,
      column: 1,
      field: m,
      expected: [...COMTRADE_REQUIRED, ...COMTRADE_EITHER.map(([a, b]) => `${a}|${b}`)].join(','),
      found: names.join(','),
    })
  }
  if (issues.length > 0) return { ok: false, error: issues }
  return { ok: true, value: { names, index, columns } }
}
