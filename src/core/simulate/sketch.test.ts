import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  INVENTORY_SKETCH,
  TONNES_SKETCH,
  USD_SKETCH,
  histogramQuantile,
  sketchAdd,
  sketchQuantile,
  sketchSize,
  type SketchSpec,
} from './sketch'

const SEED = Number(process.env['ONLY_SEED'] ?? 7)

function build(spec: SketchSpec, values: number[]): Uint32Array {
  const bins = new Uint32Array(sketchSize(spec))
  for (const v of values) sketchAdd(spec, bins, 0, v)
  return bins
}

function exact(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.max(1, Math.ceil(q * s.length)) - 1]!
}

describe('quantile sketches', () => {
  for (const [name, spec, tol] of [
    ['tonnes', TONNES_SKETCH, 1 / 256],
    ['inventory', INVENTORY_SKETCH, 1 / 32],
    ['usd (signed)', USD_SKETCH, 1 / 256],
  ] as const) {
    it(`${name}: quantiles within ${(tol * 100).toFixed(2)}% of the exact ones (fast-check seed ${SEED})`, () => {
      const value = spec.signed
        ? fc.oneof(fc.constant(0), fc.double({ min: -1e9, max: 1e9, noNaN: true }))
        : fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e8, noNaN: true }))
      fc.assert(
        fc.property(
          fc.array(value, { minLength: 1, maxLength: 300 }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          (values, q) => {
            const bins = build(spec, values)
            const got = sketchQuantile(
              spec,
              bins,
              0,
              values.length,
              q,
              Math.min(...values),
              Math.max(...values)
            )!
            const want = exact(values, q)
            // Below 2^emin values share the lowest bin (documented range).
            expect(Math.abs(got - want)).toBeLessThanOrEqual(
              tol * Math.abs(want) + 2 ** (spec.emin + 1)
            )
          }
        ),
        { seed: SEED, numRuns: 300 }
      )
    })
  }

  it('merges exactly: any split of the values gives the same bins', () => {
    const values = Array.from({ length: 500 }, (_, i) => ((i * 7919) % 1000) / 7)
    const whole = build(TONNES_SKETCH, values)
    const a = build(TONNES_SKETCH, values.slice(0, 123))
    const b = build(TONNES_SKETCH, values.slice(123))
    for (let i = 0; i < a.length; i++) a[i] = a[i]! + b[i]!
    expect(a).toEqual(whole)
  })

  it('day histograms: nearest rank, null past the horizon', () => {
    const h = new Uint32Array([0, 2, 0, 1, 7]) // days 0..3, then 7 runs "never"
    expect(histogramQuantile(h, 0, 5, 0.1)).toBe(1)
    expect(histogramQuantile(h, 0, 5, 0.3)).toBe(3)
    expect(histogramQuantile(h, 0, 5, 0.5)).toBeNull()
  })
})
