import fc from 'fast-check'
import type { Quantity } from '../../contracts/scenario'
import { describe, expect, it } from 'vitest'
import { createAccumulator } from './accumulator'
import { arbitraryScenario } from './arbitraryScenario'
import { plainScenario, syntheticScenario } from './fixtures'
import type { CompiledModel } from './model'
import { referenceRun } from './referenceSimulate'
import { simulateChunk } from './simulateChunk'
import { modelOf, runTotals, stockoutProbability } from './testing'

// Property tests replay with ONLY_SEED=<seed> (the seed is in each test name).
const SEED = Number(process.env['ONLY_SEED'] ?? 20250404)
const close = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))

describe('vectorised kernel', () => {
  it(`matches the object-per-run reference run by run (fast-check seed ${SEED})`, () => {
    fc.assert(
      fc.property(arbitraryScenario(), fc.integer({ min: 0, max: 2 ** 31 }), (input, seed) => {
        const model = modelOf(input)
        const runs = 12
        const totals = runTotals(model, runs, seed)
        for (let r = 0; r < runs; r++) {
          const ref = referenceRun(model, seed, r)
          ref.materials.forEach((m, k) => {
            const i = k * runs + r
            expect(totals.firstStockout[i]).toBe(m.firstOut)
            expect(close(totals.unmet[i]!, m.unmet)).toBe(true)
            expect(close(totals.extraCost[i]!, m.cost)).toBe(true)
            expect(close(totals.finalOnHand[i]!, m.inventory[m.inventory.length - 1]!)).toBe(true)
          })
        }
      }),
      { seed: SEED, numRuns: 60 }
    )
  })

  it(`conserves material on every run: supplied + unmet = demand (fast-check seed ${SEED})`, () => {
    fc.assert(
      fc.property(arbitraryScenario(), fc.integer({ min: 0, max: 2 ** 31 }), (input, seed) => {
        const model = modelOf(input)
        const runs = 25
        const t = runTotals(model, runs, seed)
        for (let i = 0; i < model.materials.length * runs; i++) {
          const tol = 1e-9 * Math.max(1, t.grossDemand[i]!, t.shipped[i]!)
          // Demand left after substitution is either supplied from stock or unmet.
          expect(Math.abs(t.served[i]! + t.unmet[i]! - t.effectiveDemand[i]!)).toBeLessThanOrEqual(
            tol
          )
          expect(
            Math.abs(t.effectiveDemand[i]! + t.substituted[i]! - t.grossDemand[i]!)
          ).toBeLessThanOrEqual(tol)
          // Stock: start + arrivals + stockpile releases - supplied = end.
          expect(
            Math.abs(
              t.initialOnHand[i]! +
                t.received[i]! +
                t.released[i]! -
                t.served[i]! -
                t.finalOnHand[i]!
            )
          ).toBeLessThanOrEqual(tol)
          // Goods in transit: start + shipped - received = end.
          expect(
            Math.abs(t.initialInTransit[i]! + t.shipped[i]! - t.received[i]! - t.finalInTransit[i]!)
          ).toBeLessThanOrEqual(tol)
          for (const x of [t.served, t.unmet, t.finalOnHand, t.finalOpen, t.received])
            expect(x[i]!).toBeGreaterThanOrEqual(-tol)
        }
      }),
      { seed: SEED, numRuns: 80 }
    )
  })

  it(`never stocks out without disruptions when capacity exceeds demand (fast-check seed ${SEED})`, () => {
    fc.assert(
      fc.property(
        fc.record({
          demand: fc.double({ min: 0.01, max: 5, noNaN: true }),
          headroom: fc.double({ min: 1.001, max: 5, noNaN: true }),
          inventory: fc.double({ min: 0, max: 100, noNaN: true }),
          lead: fc.integer({ min: 1, max: 90 }),
          suppliers: fc.integer({ min: 1, max: 3 }),
          review: fc.integer({ min: 1, max: 1 }),
          seed: fc.integer({ min: 0, max: 2 ** 31 }),
        }),
        (c) => {
          const model = modelOf(
            plainScenario({
              horizon_days: 200,
              materials: [{ id: 'x', demand_t_per_day: c.demand, inventory_t: c.inventory }],
              suppliers: Array.from({ length: c.suppliers }, (_, k) => ({
                id: `s${k}`,
                material: 'x',
                country: 'CHN',
                // Total capacity exceeds demand; split unevenly so the first supplier alone may not.
                capacity_t_per_day:
                  (c.demand * c.headroom * (k + 1)) / ((c.suppliers * (c.suppliers + 1)) / 2),
                lead_time_days: { dist: 'uniform', min: 1, max: c.lead },
                unit_cost_usd_per_kg: 10 + k,
              })),
            })
          )
          expect(stockoutProbability(model, 40, c.seed)).toBe(0)
        }
      ),
      { seed: SEED, numRuns: 60 }
    )
  })

  it(`more inventory never raises the stockout probability under base-stock (fast-check seed ${SEED})`, () => {
    fc.assert(
      fc.property(
        arbitraryScenario({ policies: 'base_stock', stockpileLag: false }),
        fc.double({ min: 0.5, max: 50, noNaN: true }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (input, extra, seed) => {
          const more = {
            ...input,
            materials: input.materials.map((m) => ({
              ...m,
              inventory_t: shift(m.inventory_t, extra),
            })),
          }
          const base = stockoutProbability(modelOf(input), 60, seed)
          const bigger = stockoutProbability(modelOf(more), 60, seed)
          expect(bigger).toBeLessThanOrEqual(base)
        }
      ),
      { seed: SEED, numRuns: 80 }
    )
  })

  it('can raise the stockout probability under (s, S): more stock delays the order past a ban', () => {
    // A documented limit of the monotonicity property, not a bug: with 9 t the first order goes out on day 0,
    // before the ban; with 12 t it waits until the position falls to s, by which time the supplier is banned.
    const scenario = (inventory: number) =>
      plainScenario({
        horizon_days: 40,
        materials: [
          {
            id: 'dy_magnet',
            demand_t_per_day: 1,
            inventory_t: inventory,
            initial_pipeline: 'empty',
            policy: { type: 's_S', s_t: 10, S_t: 50 },
          },
        ],
        suppliers: [
          {
            id: 'cn',
            material: 'dy_magnet',
            country: 'CHN',
            capacity_t_per_day: 100,
            lead_time_days: 3,
            unit_cost_usd_per_kg: 80,
          },
        ],
        disruptions: [
          { id: 'ban', start: 1, applies_to: { supplier_country: 'CHN' }, effect: { type: 'ban' } },
        ],
      })
    expect(stockoutProbability(modelOf(scenario(9)), 10, 1)).toBe(0)
    expect(stockoutProbability(modelOf(scenario(12)), 10, 1)).toBe(1)
  })

  it('gives the same runs whatever the chunk boundaries', () => {
    const model = modelOf(syntheticScenario(2, 3, 200))
    const whole = runTotalsFrom(model, 0, 30, 11)
    const tail = runTotalsFrom(model, 10, 20, 11)
    for (let m = 0; m < 2; m++)
      for (let r = 0; r < 20; r++) {
        expect(tail.unmet[m * 20 + r]).toBe(whole.unmet[m * 30 + 10 + r])
        expect(tail.extraCost[m * 20 + r]).toBe(whole.extraCost[m * 30 + 10 + r])
      }
  })
})

/** The same quantity moved up by `extra` (every value of its distribution shifts). */
function shift(q: Quantity | undefined, extra: number): Quantity {
  if (q === undefined) return extra
  if (typeof q === 'number') return q + extra
  switch (q.dist) {
    case 'constant':
      return { ...q, value: q.value + extra }
    case 'uniform':
      return { ...q, min: q.min + extra, max: q.max + extra }
    case 'triangular':
      return { ...q, min: q.min + extra, mode: q.mode + extra, max: q.max + extra }
    default:
      throw new Error(`shift: ${q.dist} is not generated by the arbitrary`)
  }
}

function runTotalsFrom(model: CompiledModel, start: number, count: number, seed: number) {
  const acc = createAccumulator(model.materials.length, model.horizon, false)
  const { totals } = simulateChunk(
    model,
    { seed, runStart: start, runCount: count, collect: true },
    acc
  )
  return totals!
}
