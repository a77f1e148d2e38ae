/**
 * Normalises the messy price rows of `data/prices.csv` into USD per kg, by product (element + form) and market
 * (China domestic vs ex-China), with an explicit reason for every row that cannot be used. Ranges keep both ends;
 * bounds (`>x`, `<x`) are kept as censored observations and never used as points.
 */
import { isIsoDate, isMonth } from '../shared/months'
import { nearestRate, type FxRate } from './fx'

export type Market = 'china_domestic' | 'ex_china'
export const MARKETS: readonly Market[] = ['china_domestic', 'ex_china']

/** A raw row as stored (strings), with its line in the source file. */
export interface PriceRow {
  date: string
  product: string
  market: string
  price: string
  currency: string
  unit: string
  source_url: string | null
  line: number | null
}

export interface PriceObservation {
  line: number | null
  date: string
  /** Decimal year of the middle of the period the date names. */
  t: number
  precision: 'day' | 'month' | 'quarter' | 'year'
  /** `NdPr oxide`, `Dy oxide`, `Nd metal`, `REO basket` ... */
  product: string
  market: Market
  kind: 'exact' | 'range' | 'lower' | 'upper'
  low_usd_per_kg: number
  high_usd_per_kg: number
  /** Midpoint of the range (the figure itself when exact). */
  usd_per_kg: number
  original: string
  fx: { per_usd: number; rate_date: string; gap_days: number; source_url: string } | null
  notes: string[]
  source_url: string | null
}

export interface ExcludedPriceRow {
  line: number | null
  product: string
  market: string
  reason: string
}

const ELEMENTS = [
  'NdPr',
  'PrNd',
  'Nd',
  'Pr',
  'Dy',
  'Tb',
  'Sm',
  'Eu',
  'Gd',
  'Ho',
  'Lu',
  'Y',
  'La',
  'Ce',
]

/** Product key from the free-text product column, or an exclusion reason. */
export function productKey(text: string): { key: string; note?: string } | { reason: string } {
  const t = text.trim()
  if (/^REO\b/.test(t)) return { key: 'REO basket' }
  const m = /^([A-Z][a-z]?(?:[A-Z][a-z])?)(?:-Fe)?\b/.exec(t)
  const sym = m?.[1]
  if (!sym || !ELEMENTS.includes(sym)) return { reason: `unrecognised product "${t}"` }
  const element = sym === 'PrNd' ? 'NdPr' : sym
  if (/-Fe alloy/.test(t)) return { key: `${element}-Fe alloy` }
  if (/unspecified/i.test(t)) return { reason: `form not stated ("${t}")` }
  if (/\boxide\b/i.test(t)) return { key: `${element} oxide` }
  if (/\bmetal\b/i.test(t)) return { key: `${element} metal` }
  if (/\balloy\b/i.test(t)) return { key: `${element} alloy` }
  if (t === element || t === sym) {
    return {
      key: `${element} oxide`,
      note: 'form not stated; taken as oxide, the form NdPr is quoted in',
    }
  }
  return { reason: `unrecognised form in "${t}"` }
}

/** Market class of the free-text market column, or an exclusion reason. */
export function marketClass(text: string): { market: Market } | { reason: string } {
  if (/^China domestic|China Northern Rare Earth listing|^China \(China-set/i.test(text))
    return { market: 'china_domestic' }
  if (/global volume-weighted|not specified|^Asian Metal assessment/i.test(text)) {
    return { reason: `market "${text}" is neither clearly China-domestic nor ex-China` }
  }
  if (
    /FOB|export|international|CIF|Europe|Rotterdam|USGS-reported|US apparent consumption/i.test(
      text
    )
  ) {
    return { market: 'ex_china' }
  }
  return { reason: `unrecognised market "${text}"` }
}

/** Middle of the period a flexible date names, as a decimal year and an ISO day. */
export function periodMiddle(
  date: string
): { t: number; day: string; precision: PriceObservation['precision'] } | undefined {
  if (/^\d{4}$/.test(date))
    return { t: Number(date) + 0.5, day: `${date}-07-01`, precision: 'year' }
  const q = /^(\d{4})-Q([1-4])$/.exec(date)
  if (q) {
    const y = Number(q[1])
    const n = Number(q[2])
    return {
      t: y + (n - 1) / 4 + 0.125,
      day: `${y}-${String(n * 3 - 1).padStart(2, '0')}-15`,
      precision: 'quarter',
    }
  }
  if (isMonth(date)) {
    const [y, mo] = date.split('-').map(Number) as [number, number]
    return { t: y + (mo - 1) / 12 + 1 / 24, day: `${date}-15`, precision: 'month' }
  }
  if (isIsoDate(date)) {
    const [y, mo, d] = date.split('-').map(Number) as [number, number, number]
    const start = Date.UTC(y, 0, 1)
    const days = (Date.UTC(y, mo - 1, d) - start) / 86_400_000
    const len = (Date.UTC(y + 1, 0, 1) - start) / 86_400_000
    return { t: y + (days + 0.5) / len, day: date, precision: 'day' }
  }
  return undefined
}

/** Parses `12`, `850-1000`, `>0.90`, `<5` (same notation as the dataset reader). */
function parsePrice(
  s: string
): { low: number; high: number; kind: PriceObservation['kind'] } | undefined {
  const b = /^([<>])\s*(\d+(?:\.\d+)?)$/.exec(s.trim())
  if (b) return { low: Number(b[2]), high: Number(b[2]), kind: b[1] === '>' ? 'lower' : 'upper' }
  const r = /^(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)$/.exec(s.trim())
  if (r) return { low: Number(r[1]), high: Number(r[2]), kind: 'range' }
  if (/^\d+(?:\.\d+)?$/.test(s.trim())) return { low: Number(s), high: Number(s), kind: 'exact' }
  return undefined
}

/** USD per kg conversion factors by unit: `CNY/t` → ÷1000 and ÷ the CNY rate. */
const UNIT_SCALE: Record<string, { currency: 'USD' | 'CNY'; perKg: number }> = {
  'USD/kg': { currency: 'USD', perKg: 1 },
  'USD/t REO': { currency: 'USD', perKg: 1 / 1000 },
  'USD/t': { currency: 'USD', perKg: 1 / 1000 },
  'CNY/kg': { currency: 'CNY', perKg: 1 },
  'CNY/t': { currency: 'CNY', perKg: 1 / 1000 },
}

export function normalisePrices(
  rows: readonly PriceRow[],
  rates?: readonly FxRate[]
): { observations: PriceObservation[]; excluded: ExcludedPriceRow[] } {
  const observations: PriceObservation[] = []
  const excluded: ExcludedPriceRow[] = []
  for (const r of rows) {
    const skip = (reason: string) =>
      excluded.push({ line: r.line, product: r.product, market: r.market, reason })
    const product = productKey(r.product)
    if ('reason' in product) {
      skip(product.reason)
      continue
    }
    const market = marketClass(r.market)
    if ('reason' in market) {
      skip(market.reason)
      continue
    }
    const when = periodMiddle(r.date)
    if (!when) {
      skip(`unreadable date "${r.date}"`)
      continue
    }
    const scale = UNIT_SCALE[r.unit]
    if (!scale || scale.currency !== r.currency) {
      skip(
        `unit "${r.unit}" with currency "${r.currency}" is not one of ${Object.keys(UNIT_SCALE).join(', ')}`
      )
      continue
    }
    const price = parsePrice(r.price)
    if (!price || price.low <= 0) {
      skip(`unreadable price "${r.price}"`)
      continue
    }
    let factor = scale.perKg
    let fx: PriceObservation['fx'] = null
    if (scale.currency === 'CNY') {
      const choice = nearestRate('CNY', when.day, rates)
      if (!choice) {
        skip(`no cited CNY rate within 62 days of ${r.date}`)
        continue
      }
      factor /= choice.rate.per_usd
      fx = {
        per_usd: choice.rate.per_usd,
        rate_date: choice.rate.date,
        gap_days: choice.gap_days,
        source_url: choice.rate.source_url,
      }
    }
    const notes = product.note ? [product.note] : []
    if (price.kind === 'lower' || price.kind === 'upper')
      notes.push('bound: censored, not used as a point')
    const low = price.low * factor
    const high = price.high * factor
    observations.push({
      line: r.line,
      date: r.date,
      t: when.t,
      precision: when.precision,
      product: product.key,
      market: market.market,
      kind: price.kind,
      low_usd_per_kg: low,
      high_usd_per_kg: high,
      usd_per_kg: (low + high) / 2,
      original: `${r.price} ${r.unit}`,
      fx,
      notes,
      source_url: r.source_url,
    })
  }
  observations.sort((a, b) => a.t - b.t)
  return { observations, excluded }
}

/** Resolves a user's product name (`NdPr`, `Dy oxide`) to a key present in `keys`. */
export function resolveProduct(name: string, keys: readonly string[]): string | undefined {
  const n = name.trim()
  const k = n === 'PrNd' ? 'NdPr' : n
  return (
    keys.find((x) => x.toLowerCase() === k.toLowerCase()) ??
    keys.find((x) => x.toLowerCase() === `${k.toLowerCase()} oxide`)
  )
}
