import { describe, expect, it } from 'vitest'
import { plainScenario } from './fixtures'
import { modelOf, simulateInline } from './testing'

describe('tornado', () => {
  it('has one bar per uncertain input, largest swing first, pointing the right way', async () => {
    const model = modelOf(
      plainScenario({
        horizon_days: 300,
        disruptions: [
          {
            id: 'licensing',
            start: '2025-04-04',
            applies_to: { supplier_country: 'CHN' },
            effect: {
              type: 'licence',
              approval_probability: { dist: 'uniform', min: 0.3, max: 0.9 },
              delay_working_days: { dist: 'lognormal', median: 45, p90: 120 },
            },
          },
        ],
      })
    )
    const r = await simulateInline(model, 400, 3, 400)
    expect(r.sensitivity.map((s) => s.parameter).sort()).toEqual([
      'disruptions.licensing.approval_probability',
      'disruptions.licensing.delay_working_days',
      'suppliers.cn_magnets.lead_time_days',
    ])
    const swings = r.sensitivity.map((s) => s.swing_t)
    expect([...swings].sort((a, b) => b - a)).toEqual(swings)
    const delay = r.sensitivity.find((s) => s.parameter.endsWith('delay_working_days'))!
    expect(delay.high_input).toBeCloseTo(120, 6)
    expect(delay.unmet_demand_t_mean.high).toBeGreaterThan(delay.unmet_demand_t_mean.low)
    const approval = r.sensitivity.find((s) => s.parameter.endsWith('approval_probability'))!
    expect(approval.unmet_demand_t_mean.high).toBeLessThanOrEqual(approval.unmet_demand_t_mean.low)
    expect(r.sensitivity_runs).toBe(400)
  })
})
