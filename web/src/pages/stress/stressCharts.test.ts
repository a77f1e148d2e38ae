import { describe, expect, it } from 'vitest'
import type { SimulationResult } from '../../api/endpoints'
import { fanOption, niceAxis, parameterLabel, tornadoOption } from './stressCharts'

type Row = SimulationResult['sensitivity'][number]
const row = (parameter: string, low: number, high: number): Row => ({
  parameter,
  low_input: 1,
  high_input: 2,
  unmet_demand_t_mean: { low, high },
  stockout_probability: { low: 0, high: 0 },
  extra_cost_usd_mean: { low: 0, high: 0 },
  swing_t: Math.abs(high - low),
})

describe('tornado', () => {
  it('puts the largest swing on top and draws each end as an offset from the base', () => {
    const o = tornadoOption([row('a.b.big', 11.4, 102.1), row('a.b.small', 60, 65)], 62.4) as {
      yAxis: { data: string[] }
      series: { data: number[] }[]
      xAxis: { min: number; max: number; interval: number }
    }
    // ECharts draws the first category at the bottom.
    expect(o.yAxis.data).toEqual(['b: small', 'b: big'])
    expect(o.series[0]?.data[1]).toBeCloseTo(11.4 - 62.4)
    expect(o.series[1]?.data[1]).toBeCloseTo(102.1 - 62.4)
    // Shifted axis: ticks at base + min + k × step are round numbers.
    expect(62.4 + o.xAxis.min).toBeCloseTo(0)
    expect(o.xAxis.interval).toBe(20)
  })
})

describe('niceAxis', () => {
  it('chooses a 1-2-5 step and round bounds', () => {
    expect(niceAxis(11.4, 102.1)).toEqual({ min: 0, max: 120, step: 20 })
    expect(niceAxis(0.03, 0.91)).toEqual({ min: 0, max: 1, step: 0.2 })
    expect(niceAxis(5, 5)).toEqual({ min: 5, max: 5, step: 1 })
  })
})

describe('fan chart', () => {
  it('stacks the p10 line and the p90−p10 band, keeping missing quantiles missing', () => {
    const o = fanOption([
      { day: 0, date: '2025-04-04', p_stockout: 0, inventory_t: { p10: 20, p50: 30, p90: 35 } },
      { day: 1, date: '2025-04-05', p_stockout: 0.5, inventory_t: { p10: null, p50: 10, p90: 20 } },
    ]) as { series: { data: (number | null)[] }[] }
    expect(o.series[0]?.data).toEqual([20, null])
    expect(o.series[1]?.data).toEqual([15, null])
    expect(o.series[2]?.data).toEqual([30, 10])
  })
})

describe('parameterLabel', () => {
  it('keeps the owner and the field', () => {
    expect(parameterLabel('disruptions.licensing.delay_working_days')).toBe(
      'licensing: delay working days'
    )
    expect(parameterLabel('seed')).toBe('seed')
  })
})
