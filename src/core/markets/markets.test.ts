import { describe, expect, it } from 'vitest'
import { fitFull } from './calibrate'
import { valueFloor, type FloorSpec } from './floor'
import { nearestRate } from './fx'
import type { JumpOuParams } from './jumpOu'
import { normalisePrices, productKey, resolveProduct, type PriceRow } from './priceObservations'
import { simulateMonthlyPrices } from './pricePaths'

const row = (over: Partial<PriceRow>): PriceRow => ({
  date: '2025-04-10',
  product: 'PrNd oxide',
  market: 'China domestic (SMM)',
  price: '433000-437000',
  currency: 'CNY',
  unit: 'CNY/t',
  source_url: 'https://example.org',
  line: 2,
  ...over,
})

describe('price normalisation', () => {
  it('converts CNY/t ranges with the nearest cited rate and keeps both ends', () => {
    const { observations } = normalisePrices([row({})])
    const o = observations[0]!
    expect(o.product).toBe('NdPr oxide')
    expect(o.market).toBe('china_domestic')
    expect(o.kind).toBe('range')
    expect(o.fx?.per_usd).toBe(7.2014)
    expect(o.fx?.gap_days).toBe(20)
    expect(o.low_usd_per_kg).toBeCloseTo(433 / 7.2014, 9)
    expect(o.high_usd_per_kg).toBeCloseTo(437 / 7.2014, 9)
    expect(o.usd_per_kg).toBeCloseTo(435 / 7.2014, 9)
  })

  it('converts USD/t REO and CNY/kg, and keeps bounds as censored', () => {
    const { observations } = normalisePrices([
      row({
        date: '2011',
        product: 'REO (all rare earths, weighted unit value)',
        market: 'US apparent consumption unit value (USGS DS140)',
        price: '58100',
        currency: 'USD',
        unit: 'USD/t REO',
      }),
      row({ date: '2012-03-09', product: 'Dy oxide', price: '3900-4000', unit: 'CNY/kg' }),
      row({
        date: '2024-12-31',
        product: 'Y oxide',
        market: 'Asian Metal',
        price: '<8',
        currency: 'USD',
        unit: 'USD/kg',
      }),
    ])
    expect(observations.map((o) => [o.product, round(o.usd_per_kg)])).toEqual([
      ['REO basket', 58.1],
      ['Dy oxide', round(3950 / 6.3125)],
    ])
  })

  it('excludes what it cannot place, with a reason', () => {
    const { excluded } = normalisePrices([
      row({ product: 'Nd (form unspecified)' }),
      row({ market: 'global volume-weighted (Adamas)' }),
      row({ date: '2016-06-01' }),
    ])
    expect(excluded.map((e) => e.reason)).toEqual([
      'form not stated ("Nd (form unspecified)")',
      'market "global volume-weighted (Adamas)" is neither clearly China-domestic nor ex-China',
      'no cited CNY rate within 62 days of 2016-06-01',
    ])
  })

  it('recognises product names and aliases', () => {
    expect(productKey('NdPr oxide 99% min')).toEqual({ key: 'NdPr oxide' })
    expect(productKey('Dy-Fe alloy')).toEqual({ key: 'Dy-Fe alloy' })
    expect(resolveProduct('NdPr', ['Dy oxide', 'NdPr oxide'])).toBe('NdPr oxide')
    expect(resolveProduct('PrNd', ['NdPr oxide'])).toBe('NdPr oxide')
    expect(nearestRate('CNY', '2016-06-01')).toBeUndefined()
  })
})

const truth: JumpOuParams = {
  kappa: 1.0,
  theta: Math.log(60),
  sigma: 0.3,
  lambda: 0.3,
  jumpMean: 0.6,
  jumpSd: 0.1,
}

describe('calibration recovers known parameters from synthetic monthly paths (200 years each)', () => {
  // Tolerances: about two sampling standard errors at this length (θ ±0.05 in logs, κ ±35%, σ ±10%, λ ±45%,
  // jump mean ±0.1, jump sd ±0.05); measured spread over seeds 1–3 is about half of that.
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}`, () => {
      const prices = simulateMonthlyPrices(truth, truth.theta, 2400, 1, seed)
      const points = Array.from(prices, (p, i) => ({ t: i / 12, x: Math.log(p) }))
      const { params, logLik, logLikNoJumps } = fitFull(points)
      expect(Math.abs(params.theta - truth.theta)).toBeLessThan(0.05)
      expect(Math.abs(params.kappa / truth.kappa - 1)).toBeLessThan(0.35)
      expect(Math.abs(params.sigma / truth.sigma - 1)).toBeLessThan(0.1)
      expect(Math.abs(params.lambda / truth.lambda - 1)).toBeLessThan(0.45)
      expect(Math.abs(params.jumpMean - truth.jumpMean)).toBeLessThan(0.1)
      expect(Math.abs(params.jumpSd - truth.jumpSd)).toBeLessThan(0.05)
      // Jumps are real in this data: the likelihood must prefer them.
      expect(logLik).toBeGreaterThan(logLikNoJumps + 10)
    })
  }
})

describe('floor valuation', () => {
  const spec = (over: Partial<FloorSpec>): FloorSpec => ({
    params: {
      kappa: 0.5,
      theta: Math.log(70),
      sigma: 0.35,
      lambda: 0.2,
      jumpMean: 0.3,
      jumpSd: 0.3,
    },
    x0: Math.log(65),
    monthsBeforeStart: 0,
    years: 10,
    floorUsdPerKg: 110,
    volumeTPerYear: 1000,
    paths: 4000,
    seed: 7,
    upsideShare: 0,
    discountRate: 0,
    ...over,
  })

  it('costs more as the floor rises (same paths), and binds more often', () => {
    const floors = [40, 60, 80, 100, 110, 130]
    const values = floors.map((f) => valueFloor(spec({ floorUsdPerKg: f })))
    for (let i = 1; i < values.length; i++) {
      expect(values[i]!.expected_cost_usd).toBeGreaterThan(values[i - 1]!.expected_cost_usd)
      expect(values[i]!.p_binding).toBeGreaterThanOrEqual(values[i - 1]!.p_binding)
      expect(values[i]!.cost_p90).toBeGreaterThanOrEqual(values[i - 1]!.cost_p90)
    }
  })

  it('costs nothing when prices never fall below the floor', () => {
    const flat = valueFloor(
      spec({
        params: { kappa: 0.5, theta: Math.log(100), sigma: 0, lambda: 0, jumpMean: 0, jumpSd: 0 },
        x0: Math.log(100),
        floorUsdPerKg: 99,
      })
    )
    expect(flat.expected_cost_usd).toBe(0)
    expect(flat.p_binding).toBe(0)
    const volatile = valueFloor(spec({ floorUsdPerKg: 1 }))
    expect(volatile.min_price_usd_per_kg).toBeGreaterThan(1)
    expect(volatile.expected_cost_usd).toBe(0)
    expect(volatile.cost_p90).toBe(0)
  })

  it('a floor always binding at a constant price costs exactly (F − P) × volume', () => {
    const v = valueFloor(
      spec({
        params: { kappa: 0.5, theta: Math.log(60), sigma: 0, lambda: 0, jumpMean: 0, jumpSd: 0 },
        x0: Math.log(60),
        years: 2,
        paths: 10,
      })
    )
    expect(v.expected_cost_usd).toBeCloseTo(2 * 50 * 1000 * 1000, 0)
    expect(v.cost_p50).toBeCloseTo(50 * 1000 * 1000, 0)
    expect(v.first_quarter.expected_cost_usd).toBeCloseTo((50 * 1000 * 1000) / 4, 0)
    expect(v.p_binding).toBe(1)
  })

  it('upside sharing lowers the cost; results replay from the seed', () => {
    const plain = valueFloor(spec({ paths: 2000 }))
    const shared = valueFloor(spec({ paths: 2000, upsideShare: 0.3 }))
    expect(shared.expected_cost_usd).toBeLessThan(plain.expected_cost_usd)
    expect(valueFloor(spec({ paths: 2000 }))).toEqual(plain)
  })
})

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4
}
