import { describe, expect, it } from 'vitest'
import type { TradeObservation } from '../../contracts/trade'
import { chooseCanonical } from './canonical'
import { monthlyValues } from './monthly'
import { canonicalPoints } from './canonical'

function obs(p: Partial<TradeObservation>): TradeObservation {
  return {
    period: '2025-12',
    period_kind: 'month',
    flow: 'export',
    product: 'magnets',
    partner: 'JPN',
    quantity_t: 0,
    value_usd: null,
    basis: 'stated',
    source_url: 'https://a.example/1',
    source_date: '2026-01-20',
    note: null,
    flag: null,
    line: null,
    ...p,
  }
}

describe('canonical value rule', () => {
  it('never lets a flagged row win over an unflagged one, and reports the disagreement', () => {
    const p = chooseCanonical([
      obs({
        quantity_t: 411.3,
        flag: 'conflict',
        source_url: 'https://z.example',
        source_date: '2026-01-19',
      }),
      obs({ quantity_t: 280, source_url: 'https://b.example' }),
    ])
    expect(p.quantity_t).toBe(280)
    expect(p.sources).toBe(2)
    expect(p.disagreement).toBe(true)
  })

  it('prefers stated over derived, then the value most sources report', () => {
    const p = chooseCanonical([
      obs({ quantity_t: 300, basis: 'derived', source_url: 'https://d.example' }),
      obs({ quantity_t: 305, source_url: 'https://a.example' }),
      obs({ quantity_t: 304, source_url: 'https://b.example' }),
      obs({ quantity_t: 305, source_url: 'https://c.example' }),
    ])
    expect(p.quantity_t).toBe(305)
    expect(p.derived).toBe(false)
  })

  it('breaks ties by the earliest source date, then by URL', () => {
    const p = chooseCanonical([
      obs({ quantity_t: 5773, source_date: '2025-10-21', source_url: 'https://a.example' }),
      obs({ quantity_t: 5774, source_date: '2025-10-20', source_url: 'https://b.example' }),
    ])
    expect(p.quantity_t).toBe(5774)
    expect(p.disagreement).toBe(false) // 1 t in 5,774 is below the 0.5% threshold
  })

  it('uses a flagged row when it is the only one', () => {
    expect(chooseCanonical([obs({ quantity_t: 10, flag: 'error_likely' })]).quantity_t).toBe(10)
  })
})

describe('monthly values from YTD figures', () => {
  it('derives a missing month from two YTD figures, never a reported one, and keeps annual totals out', () => {
    const points = canonicalPoints([
      obs({ period: '2025-04', period_kind: 'ytd', quantity_t: 1000 }),
      obs({ period: '2025-05', period_kind: 'ytd', quantity_t: 1300 }),
      obs({ period: '2025-06', period_kind: 'ytd', quantity_t: 1700 }),
      obs({ period: '2025-06', quantity_t: 390 }),
      obs({ period: '2025', period_kind: 'year', quantity_t: 5000 }),
    ])
    const m = monthlyValues(points)
    expect([...m.values()].map((v) => [v.period, v.quantity_t, v.derived, v.method])).toEqual([
      ['2025-06', 390, false, 'reported'],
      ['2025-05', 300, true, 'ytd_difference'],
    ])
  })

  it('treats a January YTD as the January month and cannot split a Jan-Feb combined figure', () => {
    const m = monthlyValues(
      canonicalPoints([
        obs({ period: '2026-01', period_kind: 'ytd', quantity_t: 500 }),
        obs({ period: '2025-02', period_kind: 'ytd', quantity_t: 900 }),
      ])
    )
    expect([...m.values()].map((v) => [v.period, v.quantity_t, v.method])).toEqual([
      ['2026-01', 500, 'ytd_january'],
    ])
  })
})
