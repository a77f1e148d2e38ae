/**
 * Reads China customs export/import rows in the shipped format
 * (`period,product,partner,quantity_t,value_usd,basis,source_url,source_date,note`) into validated observations.
 */
import { isPartnerCode } from '../contracts/common'
import { parseProductCode, type TradeObservation } from '../contracts/trade'
import { isIsoDate, isMonth } from '../core/shared/months'
import type { Result } from '../core/shared/result'
import { parseCsv, requireColumns } from './csv'
import { RowIssues, parseNumber } from './rowIssues'

export const TRADE_COLUMNS = [
  'period',
  'product',
  'partner',
  'quantity_t',
  'value_usd',
  'basis',
  'source_url',
  'source_date',
  'note',
] as const

export interface TradeReadOptions {
  /** Declared range of periods the file covers (inclusive, YYYY or YYYY-MM); rows outside it are errors. */
  periodFrom?: string
  periodTo?: string
}

/** Key of an observation across vintages: one source's figure for one period, product, flow and partner. */
export function tradeRowKey(o: TradeObservation): string {
  return [o.period, o.flow, o.product, o.period_kind, o.partner, o.source_url].join('|')
}

export function readTradeCsv(
  text: string,
  file: string,
  options: TradeReadOptions = {}
): Result<TradeObservation[]> {
  const parsed = parseCsv(text, file)
  if (!parsed.ok) return parsed
  const cols = requireColumns(parsed.value, TRADE_COLUMNS, file)
  if (!cols.ok) return cols
  const c = cols.value
  const at = (k: (typeof TRADE_COLUMNS)[number]): number => c[k] ?? 0
  const bad = new RowIssues(file)
  const out: TradeObservation[] = []
  const seen = new Map<string, number>()

  for (const r of parsed.value.records) {
    const f = (k: (typeof TRADE_COLUMNS)[number]): string => (r.fields[at(k)] ?? '').trim()
    const before = bad.issues.length
    const period = f('period')
    const isYear = /^\d{4}$/.test(period)
    if (!isYear && !isMonth(period)) {
      bad.add(
        r,
        at('period'),
        'period',
        'invalid_period',
        'a month YYYY-MM (01-12) or a year YYYY',
        period
      )
    } else {
      const p = isYear ? period : period
      if (options.periodFrom && p < options.periodFrom.slice(0, p.length)) {
        bad.add(
          r,
          at('period'),
          'period',
          'period_out_of_range',
          `a period from ${options.periodFrom}`,
          period,
          `period ${period} is before the file's declared range ${options.periodFrom}..${options.periodTo ?? ''}`
        )
      }
      if (options.periodTo && p > options.periodTo.slice(0, p.length)) {
        bad.add(
          r,
          at('period'),
          'period',
          'period_out_of_range',
          `a period up to ${options.periodTo}`,
          period,
          `period ${period} is after the file's declared range ${options.periodFrom ?? ''}..${options.periodTo}`
        )
      }
    }
    const productCode = f('product')
    const product = parseProductCode(productCode)
    if (!product) {
      bad.add(
        r,
        at('product'),
        'product',
        'unknown_product',
        'a known product code such as magnets or rare_earths_ytd',
        productCode
      )
    }
    const partner = f('partner')
    if (!isPartnerCode(partner)) {
      bad.add(
        r,
        at('partner'),
        'partner',
        'unknown_partner',
        'an ISO 3166-1 alpha-3 code or WLD/EUN/XEU',
        partner
      )
    }
    const qText = f('quantity_t')
    const quantity = qText === '' ? null : parseNumber(qText)
    if (quantity === undefined || (quantity !== null && quantity < 0)) {
      bad.add(
        r,
        at('quantity_t'),
        'quantity_t',
        'invalid_quantity',
        'a non-negative number of tonnes',
        qText
      )
    }
    const vText = f('value_usd')
    const value = vText === '' ? null : parseNumber(vText)
    if (value === undefined || (value !== null && value < 0)) {
      bad.add(
        r,
        at('value_usd'),
        'value_usd',
        'invalid_value',
        'a non-negative number of US dollars or empty',
        vText
      )
    }
    if (quantity === null && (value === null || value === undefined)) {
      bad.add(
        r,
        at('quantity_t'),
        'quantity_t',
        'missing_quantity',
        'a quantity (or at least a value)',
        ''
      )
    }
    const basis = f('basis')
    if (basis !== 'stated' && basis !== 'derived') {
      bad.add(r, at('basis'), 'basis', 'invalid_basis', 'stated or derived', basis)
    }
    const url = f('source_url')
    if (!/^https?:\/\/\S+$/.test(url)) {
      bad.add(
        r,
        at('source_url'),
        'source_url',
        'invalid_source_url',
        'an http(s) URL naming the source',
        url
      )
    }
    const sourceDate = f('source_date')
    if (sourceDate !== '' && !isIsoDate(sourceDate)) {
      bad.add(
        r,
        at('source_date'),
        'source_date',
        'invalid_date',
        'a calendar date YYYY-MM-DD',
        sourceDate
      )
    } else if (sourceDate !== '' && isMonth(period) && sourceDate.slice(0, 7) < period) {
      bad.add(
        r,
        at('source_date'),
        'source_date',
        'impossible_date',
        `a date after the period ${period} began`,
        sourceDate,
        `source_date ${sourceDate} is before the period ${period} it reports`
      )
    }
    if (bad.issues.length > before || !product) continue
    const note = f('note')
    const obs: TradeObservation = {
      period,
      period_kind: isYear ? 'year' : product.ytd ? 'ytd' : 'month',
      flow: product.flow,
      product: product.product,
      partner,
      quantity_t: quantity ?? null,
      value_usd: value ?? null,
      basis: basis as 'stated' | 'derived',
      source_url: url,
      source_date: sourceDate || null,
      note: note || null,
      flag: /^ERROR-LIKELY/i.test(note)
        ? 'error_likely'
        : /^CONFLICT/i.test(note)
          ? 'conflict'
          : null,
      line: r.line,
    }
    const key = tradeRowKey(obs)
    const prev = seen.get(key)
    if (prev !== undefined) {
      bad.add(
        r,
        at('source_url'),
        'source_url',
        'duplicate_row',
        'one row per period, product, partner and source',
        url,
        `duplicate of line ${prev}: same period, product, partner and source_url`
      )
      continue
    }
    seen.set(key, r.line)
    out.push(obs)
  }
  if (bad.issues.length > 0) return { ok: false, error: bad.issues }
  return { ok: true, value: out }
}
