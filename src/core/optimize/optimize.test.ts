import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { optimizeInputSchema, type OptimizeInput } from '../../contracts/optimize'
import { loadLinearSolver } from '../../solver/highsSolver'
import type { SolveLinear } from './linearModel'
import { optimize } from './optimize'

let solve: SolveLinear
beforeAll(async () => {
  solve = await loadLinearSolver()
})

const input = (raw: unknown): OptimizeInput => optimizeInputSchema.parse(raw)

const base = {
  materials: [{ id: 'NdPr', demand_t: 100 }],
  sources: [
    { id: 'cn', material: 'NdPr', country: 'CHN', capacity_t: 200, unit_cost: 50 },
    { id: 'au', material: 'NdPr', country: 'AUS', capacity_t: 100, unit_cost: 70 },
    { id: 'us', material: 'NdPr', country: 'USA', capacity_t: 100, unit_cost: 90 },
  ],
}

const tonnes = (r: ReturnType<typeof optimize>, id: string) =>
  r.allocation.find((a) => a.source === id)?.t ?? 0

describe('optimize: hand-computed optima', () => {
  it('buys the cheapest source when nothing constrains it (cost 100 × 50)', () => {
    const r = optimize(input(base), solve)
    expect(r.status).toBe('optimal')
    expect(tonnes(r, 'cn')).toBeCloseTo(100, 6)
    expect(r.cost).toBeCloseTo(5000, 6)
    expect(r.shadow_prices['demand:NdPr']).toBeCloseTo(50, 6)
  })

  it('65% cap: 65 t from China, 35 t from Australia; the cap costs 70 - 50 = 20 per tonne', () => {
    const r = optimize(input({ ...base, constraints: { max_country_share: 0.65 } }), solve)
    expect(r.status).toBe('optimal')
    expect(tonnes(r, 'cn')).toBeCloseTo(65, 6)
    expect(tonnes(r, 'au')).toBeCloseTo(35, 6)
    expect(tonnes(r, 'us')).toBeCloseTo(0, 6)
    expect(r.cost).toBeCloseTo(65 * 50 + 35 * 70, 6)
    expect(r.shadow_prices['country_share:NdPr:CHN']).toBeCloseTo(-20, 6)
    expect(r.shadow_prices['demand:NdPr']).toBeCloseTo(70, 6)
    const cap = r.binding_constraints.find((b) => b.name === 'country_share:NdPr:CHN')
    expect(cap?.bound).toBeCloseTo(65, 9)
    expect(cap?.meaning).toContain('costs 20 per tonne')
  })

  it('exempt countries are not capped', () => {
    const r = optimize(
      input({ ...base, constraints: { max_country_share: 0.65, country_share_exempt: ['CHN'] } }),
      solve
    )
    expect(tonnes(r, 'cn')).toBeCloseTo(100, 6)
  })

  it('minimum ex-China share of 50%: 50 t each, shadow price 20 per tonne', () => {
    const r = optimize(input({ ...base, constraints: { min_ex_china_share: 0.5 } }), solve)
    expect(tonnes(r, 'cn')).toBeCloseTo(50, 6)
    expect(tonnes(r, 'au')).toBeCloseTo(50, 6)
    expect(r.cost).toBeCloseTo(6000, 6)
    expect(r.shadow_prices['ex_china_share:NdPr']).toBeCloseTo(20, 6)
  })

  it('infeasible: 65% cap + 20 t of other capacity cannot cover 100 t; the elastic model names the conflict', () => {
    const r = optimize(
      input({
        materials: [{ id: 'NdPr', demand_t: 100 }],
        sources: [
          { id: 'cn', material: 'NdPr', country: 'CHN', capacity_t: 200, unit_cost: 50 },
          { id: 'au', material: 'NdPr', country: 'AUS', capacity_t: 20, unit_cost: 70 },
        ],
        constraints: { max_country_share: 0.65 },
      }),
      solve
    )
    expect(r.status).toBe('infeasible')
    expect(r.allocation).toEqual([])
    // Relative slack: relaxing demand by 15 t (15/100) beats the cap (15/65) or au's capacity (15/20).
    expect(r.explanation?.conflicts).toEqual([
      { constraint: 'demand:NdPr', kind: 'demand', relax_by: 15, unit: 't' },
    ])
    expect(r.explanation?.also_binding).toEqual(
      expect.arrayContaining(['country_share:NdPr:CHN', 'capacity:au'])
    )
    expect(r.explanation?.summary).toContain('demand:NdPr')
  })

  it('MIP: a fixed contract cost of 3000 makes the dearer source cheaper overall (7000 < 8000)', () => {
    const mk = (fixed: number) =>
      input({
        materials: [{ id: 'NdPr', demand_t: 100 }],
        sources: [
          {
            id: 'cn',
            material: 'NdPr',
            country: 'CHN',
            capacity_t: 100,
            unit_cost: 50,
            fixed_cost: fixed,
          },
          { id: 'au', material: 'NdPr', country: 'AUS', capacity_t: 100, unit_cost: 70 },
        ],
      })
    const dear = optimize(mk(3000), solve)
    expect(dear.model.kind).toBe('mip')
    expect(tonnes(dear, 'au')).toBeCloseTo(100, 6)
    expect(dear.cost).toBeCloseTo(7000, 6)
    expect(dear.model.duals).toBe('mip_fixed_integers')
    const cheap = optimize(mk(1000), solve)
    expect(tonnes(cheap, 'cn')).toBeCloseTo(100, 6)
    expect(cheap.cost).toBeCloseTo(6000, 6)
  })

  it('MIP: a minimum order of 80 t forces over-contracting when 30 t elsewhere cannot cover 50 t', () => {
    const r = optimize(
      input({
        materials: [{ id: 'NdPr', demand_t: 50 }],
        sources: [
          {
            id: 'cn',
            material: 'NdPr',
            country: 'CHN',
            capacity_t: 100,
            unit_cost: 50,
            min_order_t: 80,
          },
          { id: 'au', material: 'NdPr', country: 'AUS', capacity_t: 30, unit_cost: 70 },
        ],
      }),
      solve
    )
    expect(tonnes(r, 'cn')).toBeCloseTo(80, 6)
    expect(tonnes(r, 'au')).toBeCloseTo(0, 6)
    expect(r.cost).toBeCloseTo(4000, 6)
  })

  describe('two-stage: China cut off with probability 0.1', () => {
    const twoStage = (penalty: number, stockpile?: { holding_cost_per_t: number }) =>
      input({
        materials: [{ id: 'NdPr', demand_t: 100, ...(stockpile ? { stockpile } : {}) }],
        sources: [
          { id: 'cn', material: 'NdPr', country: 'CHN', capacity_t: 200, unit_cost: 50 },
          { id: 'au', material: 'NdPr', country: 'AUS', capacity_t: 200, unit_cost: 80 },
        ],
        scenarios: { list: [{ id: 'cut', probability: 0.1, availability: { CHN: 0 } }] },
        objective: { shortfall_penalty_per_t: penalty },
      })

    it('penalty 1000: moving a tonne to Australia costs 30 and saves 0.1 × 1000 = 100, so all 100 t go there', () => {
      const r = optimize(twoStage(1000), solve)
      expect(tonnes(r, 'au')).toBeCloseTo(100, 6)
      expect(r.cost).toBeCloseTo(8000, 6)
      expect(r.expected_shortfall_t).toBeCloseTo(0, 6)
    })

    it('penalty 200: saving 20 < 30, so China supplies everything; expected shortfall 0.1 × 100 = 10 t', () => {
      const r = optimize(twoStage(200), solve)
      expect(tonnes(r, 'cn')).toBeCloseTo(100, 6)
      expect(r.cost).toBeCloseTo(5000, 6)
      expect(r.expected_shortfall_t).toBeCloseTo(10, 6)
      expect(r.objective).toBeCloseTo(5000 + 0.1 * 200 * 100, 6)
    })

    it('a stock at 10 per tonne beats diversifying: 100 t from China + 100 t stock = 6000', () => {
      const r = optimize(twoStage(1000, { holding_cost_per_t: 10 }), solve)
      expect(tonnes(r, 'cn')).toBeCloseTo(100, 6)
      expect(r.stockpile).toEqual([{ material: 'NdPr', t: 100, holding_cost: 1000 }])
      expect(r.cost).toBeCloseTo(6000, 6)
      expect(r.expected_shortfall_t).toBeCloseTo(0, 6)
    })

    it('the frontier trades cost for expected shortfall as the penalty rises', () => {
      const r = optimize(twoStage(200), solve)
      expect(r.frontier.length).toBe(7)
      const sorted = [...r.frontier].sort((a, b) => a.penalty_per_t - b.penalty_per_t)
      for (let i = 1; i < sorted.length; i++) {
        expect(sorted[i]!.cost).toBeGreaterThanOrEqual(sorted[i - 1]!.cost - 1e-6)
        expect(sorted[i]!.expected_shortfall_t).toBeLessThanOrEqual(
          sorted[i - 1]!.expected_shortfall_t + 1e-6
        )
      }
      // 200 × 0.1 = 20 < 30 until the multiplier reaches 2 (400 × 0.1 = 40 > 30).
      expect(sorted.at(-1)!.expected_shortfall_t).toBeCloseTo(0, 6)
      expect(sorted[0]!.expected_shortfall_t).toBeCloseTo(10, 6)
    })
  })

  it('excludes sources with too long a lead time and says why', () => {
    const r = optimize(
      input({
        ...base,
        sources: [...base.sources.slice(1), { ...base.sources[0], lead_time_months: 24 }],
        constraints: { max_lead_time_months: 12 },
      }),
      solve
    )
    expect(r.excluded_sources).toEqual([
      { source: 'cn', reason: 'lead time 24 months exceeds max_lead_time_months 12' },
    ])
    expect(tonnes(r, 'au')).toBeCloseTo(100, 6)
  })
})

describe('optimize: invariants on random instances', () => {
  const seed = Number(process.env['ONLY_SEED'] ?? 20260101)
  it(`allocations respect demand, capacity and the cap, and cost adds up (seed ${seed})`, () => {
    const countries = ['CHN', 'AUS', 'USA', 'MYS', 'BRA'] as const
    const arb = fc.record({
      demand: fc.integer({ min: 1, max: 500 }),
      cap: fc.double({ min: 0.3, max: 1, noNaN: true }),
      sources: fc.array(
        fc.record({
          country: fc.constantFrom(...countries),
          capacity: fc.integer({ min: 0, max: 400 }),
          cost: fc.integer({ min: 1, max: 200 }),
        }),
        { minLength: 1, maxLength: 8 }
      ),
    })
    fc.assert(
      fc.property(arb, ({ demand, cap, sources }) => {
        const r = optimize(
          input({
            materials: [{ id: 'm', demand_t: demand }],
            sources: sources.map((s, i) => ({
              id: `s${i}`,
              material: 'm',
              country: s.country,
              capacity_t: s.capacity,
              unit_cost: s.cost,
            })),
            constraints: { max_country_share: cap },
          }),
          solve
        )
        if (r.status === 'infeasible') {
          expect(r.explanation?.conflicts.length).toBeGreaterThan(0)
          return
        }
        expect(r.status).toBe('optimal')
        const total = r.allocation.reduce((t, a) => t + a.t, 0)
        // HiGHS' feasibility tolerance (1e-7) plus rounding of the output to 1e-6 t.
        expect(total).toBeGreaterThanOrEqual(demand - 1e-5)
        for (const c of countries) {
          const t = r.allocation.filter((a) => a.country === c).reduce((x, a) => x + a.t, 0)
          expect(t).toBeLessThanOrEqual(cap * demand + 1e-5)
        }
        r.allocation.forEach((a) => {
          const s = sources[Number(a.source.slice(1))]!
          expect(a.t).toBeLessThanOrEqual(s.capacity + 1e-5)
        })
        expect(r.cost).toBeCloseTo(
          r.allocation.reduce((t, a) => t + a.cost, 0),
          4
        )
      }),
      { seed, numRuns: 60 }
    )
  })
})
