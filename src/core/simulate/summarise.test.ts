import { describe, expect, it } from 'vitest'
import { plainScenario, syntheticScenario } from './fixtures'
import { referenceSimulate } from './referenceSummary'
import { modelOf, simulateInline } from './testing'

describe('summary of the vectorised engine', () => {
  it('agrees with the exact summary of the object-per-run reference', async () => {
    const model = modelOf(syntheticScenario(2, 4, 150))
    const runs = 700 // six chunks, the last one short
    const fast = await simulateInline(model, runs, 5)
    const exact = referenceSimulate(model, { runs, seed: 5, scenario: 'test', start: 'test' })
    // The summary rounds tonnes to 1e-6 and dollars to cents.
    const within = (a: number | null, b: number | null, rel: number, abs = 1e-6) => {
      if (a === null || b === null) return expect(a).toBe(b)
      expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.abs(b) + abs)
    }
    const series = [
      [fast, exact],
      ...fast.by_material.map((m, k) => [m, exact.by_material[k]!] as const),
    ] as const
    for (const [f, e] of series) {
      expect(f.stockout_probability).toBe(e.stockout_probability)
      expect(f.first_stockout_day).toEqual(e.first_stockout_day)
      expect(f.recovery_day).toEqual(e.recovery_day)
      within(f.unmet_demand_t.mean, e.unmet_demand_t.mean, 1e-9)
      within(f.extra_cost_usd.mean, e.extra_cost_usd.mean, 1e-9, 0.005)
      within(f.demand_t_mean, e.demand_t_mean, 1e-9)
      for (const q of ['p10', 'p50', 'p90'] as const) {
        within(f.unmet_demand_t[q], e.unmet_demand_t[q], 1 / 256)
        within(f.extra_cost_usd[q], e.extra_cost_usd[q], 1 / 256, 0.005)
      }
      f.by_day.forEach((d, t) => {
        const r = e.by_day[t]!
        expect(d.p_stockout).toBe(r.p_stockout)
        for (const q of ['p10', 'p50', 'p90'] as const)
          within(d.inventory_t[q], r.inventory_t[q], 1 / 32)
      })
    }
  })

  it('dates the days from the scenario start', async () => {
    const r = await simulateInline(modelOf(plainScenario()), 10, 1)
    expect(r.by_day[0]).toMatchObject({ day: 0, date: '2025-04-04' })
    expect(r.by_day[27]!.date).toBe('2025-05-01')
    expect(r.by_day).toHaveLength(120)
  })
})
