/**
 * Monthly figures for one product/flow/partner: canonical month values, plus months derived from two
 * year-to-date figures (YTD(M) - YTD(M-1), same year) where the month itself was not reported.
 * A month is never derived when it was reported, so nothing is counted twice. Annual totals stay annual.
 */
import { monthIndex, monthOfYear } from '../shared/months'
import type { CanonicalPoint } from './canonical'

export interface MonthValue {
  period: string
  quantity_t: number
  value_usd: number | null
  derived: boolean
  sources: number
  disagreement: boolean
  /** How the value was obtained. */
  method: 'reported' | 'derived_row' | 'ytd_difference' | 'ytd_january'
}

/**
 * `points` are canonical points of one product/flow/partner (any period kind).
 * Returns month values keyed by month index (year*12 + month-1).
 */
export function monthlyValues(points: readonly CanonicalPoint[]): Map<number, MonthValue> {
  const out = new Map<number, MonthValue>()
  const ytd = new Map<number, CanonicalPoint>()
  for (const p of points) {
    if (p.quantity_t === null) continue
    if (p.period_kind === 'month') {
      out.set(monthIndex(p.period), {
        period: p.period,
        quantity_t: p.quantity_t,
        value_usd: p.value_usd,
        derived: p.derived,
        sources: p.sources,
        disagreement: p.disagreement,
        method: p.derived ? 'derived_row' : 'reported',
      })
    } else if (p.period_kind === 'ytd') {
      ytd.set(monthIndex(p.period), p)
    }
  }
  for (const [idx, p] of ytd) {
    if (out.has(idx) || p.quantity_t === null) continue
    if (monthOfYear(p.period) === 1) {
      out.set(idx, {
        period: p.period,
        quantity_t: p.quantity_t,
        value_usd: p.value_usd,
        derived: true,
        sources: p.sources,
        disagreement: p.disagreement,
        method: 'ytd_january',
      })
      continue
    }
    const prev = ytd.get(idx - 1)
    if (!prev || prev.quantity_t === null) continue
    const q = p.quantity_t - prev.quantity_t
    if (q < 0) continue // inconsistent YTD figures: leave the month missing rather than guess
    const v = p.value_usd !== null && prev.value_usd !== null ? p.value_usd - prev.value_usd : null
    out.set(idx, {
      period: p.period,
      quantity_t: q,
      value_usd: v,
      derived: true,
      sources: Math.min(p.sources, prev.sources),
      disagreement: p.disagreement || prev.disagreement,
      method: 'ytd_difference',
    })
  }
  return out
}
