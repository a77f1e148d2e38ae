/**
 * fast-check generator of valid scenarios for the engine's property tests: 1–3 materials, 1–3 suppliers each,
 * every disruption type, every reorder policy, optional substitution and stockpile. Test-only.
 */
import fc from 'fast-check'
import type { ScenarioInput } from '../../contracts/scenario'

const countries = ['CHN', 'AUS', 'USA', 'JPN'] as const

const positive = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true })

const spread = (min: number, max: number) =>
  fc.oneof(
    positive(min, max),
    fc
      .tuple(positive(min, max), positive(min, max))
      .map(([a, b]) => ({ dist: 'uniform' as const, min: Math.min(a, b), max: Math.max(a, b) }))
  )

const effect = fc.oneof(
  fc.constant({ type: 'ban' as const }),
  fc.record({ type: fc.constant('volume_cut' as const), cut: positive(0, 1) }),
  fc.record({ type: fc.constant('price' as const), multiplier: positive(0.5, 4) }),
  fc.record({
    type: fc.constant('licence' as const),
    approval_probability: spread(0, 1),
    delay_working_days: fc.oneof(
      fc.integer({ min: 0, max: 60 }),
      fc.constant({ dist: 'lognormal' as const, median: 20, p90: 50 })
    ),
    reapply: fc.boolean(),
  })
)

export interface ArbitraryOptions {
  disruptions?: boolean
  policies?: 'all' | 'base_stock'
  stockpileLag?: boolean
}

/** A scenario generator; options narrow it for properties that only hold in part of the model. */
export function arbitraryScenario(options: ArbitraryOptions = {}): fc.Arbitrary<ScenarioInput> {
  const withDisruptions = options.disruptions ?? true
  const policy =
    options.policies === 'base_stock'
      ? fc.oneof(
          fc.constant({ type: 'base_stock' as const, review_days: 1 }),
          fc.record({
            type: fc.constant('base_stock' as const),
            cover_days: positive(10, 90),
            review_days: fc.integer({ min: 1, max: 7 }),
          })
        )
      : fc.oneof(
          fc.constant({ type: 'base_stock' as const, review_days: 1 }),
          fc.record({ type: fc.constant('base_stock' as const), level_t: positive(0, 80) }),
          fc.record({
            type: fc.constant('s_S' as const),
            s_t: positive(0, 20),
            S_t: positive(30, 80),
          }),
          fc.constant({ type: 'none' as const })
        )
  const material = (id: string) =>
    fc.record({
      id: fc.constant(id),
      demand_t_per_day: spread(0.1, 2),
      inventory_t: spread(0, 60),
      initial_pipeline: fc.constantFrom('steady' as const, 'empty' as const),
      policy,
      substitution: fc.option(
        fc.record({
          trigger: fc.constantFrom('shortage' as const, 'disruption' as const, 'start' as const),
          lag_days: fc.integer({ min: 0, max: 60 }),
          rate_per_year: positive(0, 1),
          max_share: positive(0, 1),
          cost_usd_per_kg: positive(0, 20),
        }),
        { nil: undefined }
      ),
      stockpile: fc.option(
        fc.record({
          quantity_t: positive(0, 30),
          release_below_t: positive(0, 10),
          max_release_t_per_day: positive(0, 2),
          decision_lag_days:
            options.stockpileLag === false ? fc.constant(0) : fc.integer({ min: 0, max: 20 }),
          premium_usd_per_kg: positive(0, 50),
        }),
        { nil: undefined }
      ),
    })
  return fc
    .record({
      horizon: fc.integer({ min: 20, max: 160 }),
      materialCount: fc.integer({ min: 1, max: 3 }),
      perMaterial: fc.integer({ min: 1, max: 3 }),
    })
    .chain(({ horizon, materialCount, perMaterial }) => {
      const ids = Array.from({ length: materialCount }, (_, m) => `m${m}`)
      const supplier = (k: number) =>
        fc.record({
          id: fc.constant(`s${k}`),
          material: fc.constant(ids[k % materialCount]!),
          country: fc.constantFrom(...countries),
          capacity_t_per_day: spread(0, 3),
          lead_time_days: spread(1, 40),
          unit_cost_usd_per_kg: spread(10, 200),
          start_delay_days: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
          ramp_days: fc.option(positive(0, 90), { nil: undefined }),
        })
      const disruption = (k: number) =>
        fc.record({
          id: fc.constant(`d${k}`),
          start: fc.oneof(fc.integer({ min: -30, max: horizon }), spread(0, horizon)),
          duration_days: fc.option(spread(0, horizon), { nil: undefined }),
          probability: positive(0, 1),
          applies_to: fc.record({ supplier_country: fc.constantFrom(...countries) }),
          effect,
        })
      return fc.record({
        name: fc.constant('generated'),
        start: fc.constantFrom('2025-04-04', '2026-01-06', '2010-07-08'),
        horizon_days: fc.constant(horizon),
        materials: fc.tuple(...ids.map(material)),
        suppliers: fc.tuple(
          ...Array.from({ length: materialCount * perMaterial }, (_, k) => supplier(k))
        ),
        disruptions: withDisruptions
          ? fc
              .array(fc.integer({ min: 0, max: 1000 }), { maxLength: 3 })
              .chain((xs) => fc.tuple(...xs.map((_, k) => disruption(k))))
          : fc.constant([]),
      })
    })
    .map((s) => {
      // A disruption must reach a supplier: point unmatched ones at the first supplier's country.
      const present = new Set(s.suppliers.map((x) => x.country))
      const disruptions = [...s.disruptions].map((d) =>
        present.has(d.applies_to.supplier_country)
          ? d
          : { ...d, applies_to: { supplier_country: s.suppliers[0]!.country } }
      )
      // Drop keys fast-check left undefined, as a parsed file would not have them.
      return JSON.parse(
        JSON.stringify({
          ...s,
          materials: [...s.materials],
          suppliers: [...s.suppliers],
          disruptions,
        })
      ) as ScenarioInput
    })
}
