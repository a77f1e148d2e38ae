import { describe, expect, it } from 'vitest'
import {
  breakEvenFloor,
  DEFAULT_ASSUMPTIONS,
  irr,
  projectCase,
  projectEvaluator,
  type ProjectCase,
  type ProjectRow,
} from './projects'

const nolans: ProjectRow = {
  project: 'Nolans',
  company: 'Arafura',
  country_iso3: 'AUS',
  products: 'NdPr oxide; heavy REO; phosphoric acid',
  capacity: '4440',
  capacity_unit: 't/yr NdPr oxide (plus 474 t/yr HREO)',
  status: 'pre-FID; early works; financing',
  start_year: null,
  capex_usd_m: '1220',
  source_url: 'https://example.org',
  line: 14,
}
const priced = new Set(['NdPr oxide', 'Dy oxide', 'Tb oxide'])

describe('project cases', () => {
  it('reads Nolans with its cited opex and life, and the default construction time', () => {
    const c = projectCase(nolans, 2026, priced, DEFAULT_ASSUMPTIONS) as ProjectCase
    expect(c.outputs).toEqual([{ product: 'NdPr oxide', t_per_year: 4440 }])
    expect(c.capex_usd_m.value).toBe(1220)
    expect(c.opex_usd_per_kg.value).toBeCloseTo(46.6 * 0.7468, 9)
    expect(c.opex_usd_per_kg.source).toBe('cited')
    expect(c.life_years.value).toBe(38)
    expect(c.start_offset_years).toEqual(DEFAULT_ASSUMPTIONS.construction_years)
    expect(c.warnings).toContain('heavy REO by-product ignored: basket composition not in the data')
  })

  it('lists what is missing instead of guessing', () => {
    const r = projectCase(
      {
        ...nolans,
        project: 'Louisiana',
        capacity_unit: 't/yr NdPr oxide (plus 200 t/yr Dy, 30 t/yr Tb)',
        capex_usd_m: '277',
        start_year: '2027',
      },
      2026,
      priced,
      DEFAULT_ASSUMPTIONS
    )
    expect(r).toEqual({
      missing: ['operating cost per kg (no cited figure; pass one as an override)'],
    })
    const withOpex = projectCase(
      {
        ...nolans,
        project: 'Louisiana',
        capacity_unit: 't/yr NdPr oxide (plus 200 t/yr Dy, 30 t/yr Tb)',
        capex_usd_m: '277',
        start_year: '2027',
      },
      2026,
      priced,
      DEFAULT_ASSUMPTIONS,
      { opex_usd_per_kg: 40 }
    ) as ProjectCase
    expect(withOpex.outputs.map((o) => o.product)).toEqual(['NdPr oxide', 'Dy oxide', 'Tb oxide'])
    expect(withOpex.start_offset_years.value).toBe(1)
    const magnets = projectCase(
      {
        ...nolans,
        project: 'Magnet plant',
        capacity: '2000',
        capacity_unit: 't/yr',
        capex_usd_m: null,
      },
      2026,
      priced,
      DEFAULT_ASSUMPTIONS
    )
    expect(magnets).toEqual({
      missing: [
        'output in tonnes of a priced product (capacity unit: "t/yr")',
        'capex',
        'operating cost per kg (no cited figure; pass one as an override)',
      ],
    })
  })
})

describe('project economics', () => {
  it('IRR solves NPV = 0 (−100 then +110 → 10%)', () => {
    expect(irr(Float64Array.from([-100, 110]))).toBeCloseTo(0.1, 6)
    expect(irr(Float64Array.from([100, 100]))).toBeNull()
  })

  it('at a constant price the NPV is hand-computable, and a floor above the price lifts it', () => {
    const c: ProjectCase = {
      row: nolans,
      outputs: [{ product: 'NdPr oxide', t_per_year: 1000 }],
      capex_usd_m: { value: 100, source: 'data', note: '' },
      opex_usd_per_kg: { value: 30, source: 'cited', note: '' },
      start_offset_years: { value: 0, source: 'data', note: '' },
      life_years: { value: 2, source: 'cited', note: '' },
      warnings: [],
    }
    const a = {
      ...DEFAULT_ASSUMPTIONS,
      ramp: { value: [1], source: 'assumption' as const, note: '' },
    }
    const flat = { kappa: 1, theta: Math.log(60), sigma: 0, lambda: 0, jumpMean: 0, jumpSd: 0 }
    const ev = projectEvaluator(
      c,
      new Map([['NdPr oxide', { params: flat, x0: Math.log(60), monthsBefore: 0 }]]),
      a,
      5,
      1
    )
    // Year 0: −100m + (60 − 30)·1e6 = −70m; year 1: +30m / 1.1.
    expect(ev.npvAt(0, false).npv_usd_m.mean).toBeCloseTo(-70 + 30 / 1.1, 6)
    // With a floor of 110: margin 80 → −20m + 80m/1.1.
    expect(ev.npvAt(110, false).npv_usd_m.mean).toBeCloseTo(-20 + 80 / 1.1, 6)
    const be = breakEvenFloor((f) => ev.npvAt(f, false).p_npv_positive, 0.8, 500, 0.01)
    // NPV(F) = −100 + (F − 30)(1 + 1/1.1) > 0 ⇔ F > 30 + 100/1.90909 = 82.38.
    expect(be).toBeCloseTo(30 + 100 / (1 + 1 / 1.1), 1)
  })
})
