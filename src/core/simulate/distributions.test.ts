import { describe, expect, it } from 'vitest'
import { compileQuantity, normalCdf, normalQuantile, quantileOf } from './distributions'

describe('distributions', () => {
  it('lognormal: median and p90 are where the scenario says', () => {
    const d = compileQuantity({ dist: 'lognormal', median: 45, p90: 120 })
    expect(quantileOf(d, 0.5)).toBeCloseTo(45, 9)
    expect(quantileOf(d, 0.9)).toBeCloseTo(120, 6)
  })

  it('triangular: the mode splits the probability at (mode - min) / (max - min)', () => {
    const d = compileQuantity({ dist: 'triangular', min: 30, mode: 45, max: 60 })
    expect(quantileOf(d, 0.5)).toBeCloseTo(45, 9)
    expect(quantileOf(d, 0)).toBe(30)
    expect(quantileOf(d, 0.999999)).toBeCloseTo(60, 1)
  })

  it('uniform and constant', () => {
    expect(quantileOf(compileQuantity({ dist: 'uniform', min: 2, max: 4 }), 0.25)).toBe(2.5)
    expect(quantileOf(compileQuantity(7), 0.9)).toBe(7)
    expect(quantileOf(compileQuantity({ dist: 'constant', value: 3 }), 0.1)).toBe(3)
  })

  it('truncated normal stays within its bounds', () => {
    const d = compileQuantity({ dist: 'normal', mean: 1, sd: 2, min: 0, max: 3 })
    for (const u of [0, 1e-9, 0.01, 0.5, 0.99, 0.999999999]) {
      const x = quantileOf(d, u)
      expect(x).toBeGreaterThanOrEqual(0)
      expect(x).toBeLessThanOrEqual(3)
    }
    expect(quantileOf(compileQuantity({ dist: 'normal', mean: 10, sd: 1 }), 0.5)).toBeCloseTo(10, 9)
  })

  it('normal quantile inverts the CDF', () => {
    for (const p of [0.001, 0.02, 0.1, 0.5, 0.8, 0.975, 0.9999]) {
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6)
    }
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655, 8)
  })
})
