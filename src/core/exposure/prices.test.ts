import { describe, expect, it } from 'vitest'
import type { FxRate } from '../markets/fx'
import { elementFractionInOxide, periodEnd, selectPrices, type PriceRow } from './prices'

const row = (r: Partial<PriceRow> & Pick<PriceRow, 'date' | 'price'>): PriceRow => ({
  product: 'Dy oxide 99.5% min',
  market: 'FOB',
  currency: 'USD',
  unit: 'USD/kg',
  source_url: 'https://example.org/p',
  ...r,
})
const noFx: FxRate[] = []

describe('elementFractionInOxide', () => {
  it('uses standard atomic weights and the traded oxide', () => {
    // Dy2O3: 2 × 162.5 / (2 × 162.5 + 3 × 15.999) = 325 / 372.997 = 0.871321
    expect(elementFractionInOxide('Dy')?.fraction).toBeCloseTo(325 / 372.997, 12)
    // Pr6O11: 6 × 140.91 / (6 × 140.91 + 11 × 15.999) = 845.46 / 1021.449
    expect(elementFractionInOxide('Pr')?.formula).toBe('Pr6O11')
    expect(elementFractionInOxide('Pr')?.fraction).toBeCloseTo(845.46 / 1021.449, 12)
    expect(elementFractionInOxide('Fe')).toBeUndefined()
  })
})

describe('periodEnd', () => {
  it('ends years, quarters and months on their last day', () => {
    expect(periodEnd('2025')).toBe('2025-12-31')
    expect(periodEnd('2011-Q2')).toBe('2011-06-30')
    expect(periodEnd('2024-02')).toBe('2024-02-29')
    expect(periodEnd('2025-05-06')).toBe('2025-05-06')
    expect(periodEnd('May 2025')).toBeUndefined()
  })
})

describe('selectPrices', () => {
  it('takes the latest point whose period has ended by the as-of date', () => {
    const rows = [row({ date: '2024', price: '257' }), row({ date: '2025', price: '239' })]
    const mid2025 = selectPrices(rows, ['Dy'], '2025-06-30', { rates: noFx })
    expect(mid2025.used[0]?.date).toBe('2024')
    const early2026 = selectPrices(rows, ['Dy'], '2026-01-15', { rates: noFx })
    expect(early2026.used[0]).toMatchObject({ date: '2025', price: '239', usd_per_kg_oxide: 239 })
    // USD per kg of Dy = 239 / 0.871321 = 274.30
    expect(early2026.usdPerKg.get('Dy')).toBeCloseTo(239 / (325 / 372.997), 9)
  })

  it('prefers a single figure to a range on the same date, uses a range at its high end, skips bounds', () => {
    const rows = [
      row({ date: '2025-05-06', price: '700-1000', market: 'Europe (Argus)' }),
      row({ date: '2025-05-06', price: '>1100', market: 'Europe ask' }),
      row({ date: '2025-05-06', price: '650', market: 'CIF Europe' }),
    ]
    expect(selectPrices(rows, ['Dy'], '2025-06-01', { rates: noFx }).used[0]?.price).toBe('650')
    const rangeOnly = selectPrices(rows.slice(0, 2), ['Dy'], '2025-06-01', { rates: noFx })
    expect(rangeOnly.used[0]).toMatchObject({
      price: '700-1000 (high end used)',
      usd_per_kg_oxide: 1000,
    })
  })

  it('converts CNY only at a cited rate near the point, and says when a later CNY point was skipped', () => {
    const rows = [
      row({ date: '2024', price: '257' }),
      row({
        date: '2025-04-10',
        price: '1680000',
        currency: 'CNY',
        unit: 'CNY/t',
        market: 'China domestic (SMM)',
      }),
    ]
    const rates: FxRate[] = [
      {
        currency: 'CNY',
        per_usd: 7.2014,
        date: '2025-04-30',
        basis: 'test',
        source_url: 'https://fx',
      },
    ]
    const withRate = selectPrices(rows, ['Dy'], '2025-06-01', { rates })
    // 1,680,000 CNY/t = 1,680 CNY/kg; / 7.2014 CNY per USD = 233.29 USD/kg of oxide (rate 20 days away)
    expect(withRate.used[0]?.usd_per_kg_oxide).toBeCloseTo(1680 / 7.2014, 9)
    expect(withRate.used[0]?.fx).toEqual({
      cny_per_usd: 7.2014,
      rate_date: '2025-04-30',
      gap_days: 20,
      source_url: 'https://fx',
    })
    const without = selectPrices(rows, ['Dy'], '2025-06-01', { rates: noFx })
    expect(without.used[0]?.date).toBe('2024')
    expect(without.warnings[0]).toContain('later CNY price points skipped')
  })

  it('filters by market and never invents a price', () => {
    const rows = [row({ date: '2025', price: '239', market: 'FOB (Argus)' })]
    const r = selectPrices(rows, ['Dy', 'Tb'], '2026-01-01', { rates: noFx, market: 'cif' })
    expect(r.used).toEqual([])
    expect(r.usdPerKg.size).toBe(0)
    expect(r.warnings.join('\n')).toContain(
      'no usable Dy oxide price on or before 2026-01-01 in markets matching "cif"'
    )
    expect(r.warnings.join('\n')).toContain('no usable Tb oxide price')
  })

  it('matches only the element oxide itself (not NdPr oxide or Dy-Fe alloy)', () => {
    const rows = [
      row({ date: '2025', price: '60', product: 'NdPr oxide' }),
      row({ date: '2025', price: '200', product: 'Dy-Fe alloy' }),
    ]
    expect(selectPrices(rows, ['Nd', 'Dy'], '2026-01-01', { rates: noFx }).used).toEqual([])
  })
})
