/**
 * Series analytics: month-on-month, year-on-year, rolling 12-month sums, share of the world total, coverage and
 * gaps. A missing month is missing (null), never zero; a ratio or sum that needs a missing month is null.
 */
import type { Coverage, SeriesPoint } from '../../contracts/trade'
import { monthFromIndex, monthIndex } from '../shared/months'
import type { MonthValue } from './monthly'

export interface SeriesOptions {
  product: string
  partner: string
  /** Inclusive bounds (YYYY-MM); default: the first and last month with data. */
  from?: string | undefined
  to?: string | undefined
}

/** One point per month in range; `world` (may be the same map as `months` for WLD) gives share_of_world. */
export function buildSeries(
  months: ReadonlyMap<number, MonthValue>,
  world: ReadonlyMap<number, MonthValue> | null,
  options: SeriesOptions
): SeriesPoint[] {
  const keys = [...months.keys()]
  if (keys.length === 0 && (!options.from || !options.to)) return []
  const start = options.from ? monthIndex(options.from) : Math.min(...keys)
  const end = options.to ? monthIndex(options.to) : Math.max(...keys)
  const q = (i: number): number | null => months.get(i)?.quantity_t ?? null
  const out: SeriesPoint[] = []
  for (let i = start; i <= end; i++) {
    const m = months.get(i)
    const cur = m?.quantity_t ?? null
    const prev = q(i - 1)
    const lastYear = q(i - 12)
    let rolling: number | null = 0
    for (let k = i - 11; k <= i; k++) {
      const v = q(k)
      if (v === null) {
        rolling = null
        break
      }
      rolling += v
    }
    const w = world && options.partner !== 'WLD' ? (world.get(i)?.quantity_t ?? null) : null
    out.push({
      period: monthFromIndex(i),
      product: options.product,
      partner: options.partner,
      quantity_t: cur,
      derived: m?.derived ?? false,
      sources: m?.sources ?? 0,
      value_usd: m?.value_usd ?? null,
      mom: cur !== null && prev !== null && prev > 0 ? cur / prev - 1 : null,
      yoy: cur !== null && lastYear !== null && lastYear > 0 ? cur / lastYear - 1 : null,
      rolling_12m_t: rolling,
      share_of_world: cur !== null && w !== null && w > 0 ? cur / w : null,
      disagreement: m?.disagreement ?? false,
      missing: m === undefined,
    })
  }
  return out
}

export function coverage(months: ReadonlyMap<number, unknown>): Coverage {
  const keys = [...months.keys()].sort((a, b) => a - b)
  const first = keys[0]
  const last = keys[keys.length - 1]
  if (first === undefined || last === undefined) {
    return { first: null, last: null, months_with_data: 0, months_in_range: 0, gaps: [] }
  }
  const gaps: Coverage['gaps'] = []
  for (let k = 1; k < keys.length; k++) {
    const a = keys[k - 1] as number
    const b = keys[k] as number
    if (b - a > 1)
      gaps.push({ from: monthFromIndex(a + 1), to: monthFromIndex(b - 1), months: b - a - 1 })
  }
  return {
    first: monthFromIndex(first),
    last: monthFromIndex(last),
    months_with_data: keys.length,
    months_in_range: last - first + 1,
    gaps,
  }
}
