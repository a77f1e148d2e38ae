/**
 * Synthetic scenarios for tests and the benchmark. Every number here is made up to exercise the engine; none is a
 * claim about the world (reference scenarios with sources live in examples/scenarios/).
 */
import type { ScenarioInput } from '../../contracts/scenario'

const COUNTRIES = ['CHN', 'AUS', 'USA', 'MYS', 'JPN', 'EST', 'FRA', 'VNM', 'KOR', 'IND']

/**
 * `materials` x `suppliersPerMaterial` lanes over `horizon` days, with every feature switched on: a licence regime
 * on Chinese lanes, an uncertain ban, a volume cut, a price shock, late and ramping alternatives, substitution and
 * a stockpile.
 */
export function syntheticScenario(
  materials: number,
  suppliersPerMaterial: number,
  horizon = 730
): ScenarioInput {
  return {
    name: `synthetic ${materials}x${suppliersPerMaterial}`,
    start: '2025-01-06',
    horizon_days: horizon,
    materials: Array.from({ length: materials }, (_, m) => ({
      id: `m${m}`,
      demand_t_per_day: { dist: 'uniform', min: 0.8, max: 1.2 },
      inventory_t: { dist: 'triangular', min: 20, mode: 40, max: 60 },
      substitution: { rate_per_year: 0.1, lag_days: 90, max_share: 0.3, cost_usd_per_kg: 5 },
      stockpile: {
        quantity_t: 20,
        release_below_cover_days: 10,
        max_release_t_per_day: 0.5,
        decision_lag_days: 14,
        premium_usd_per_kg: 20,
      },
    })),
    suppliers: Array.from({ length: materials * suppliersPerMaterial }, (_, k) => {
      const tier = Math.floor(k / materials)
      return {
        id: `s${k}`,
        material: `m${k % materials}`,
        country: COUNTRIES[tier % COUNTRIES.length]!,
        capacity_t_per_day: { dist: 'uniform', min: 0.2, max: 0.6 },
        lead_time_days: { dist: 'triangular', min: 20, mode: 40, max: 70 },
        unit_cost_usd_per_kg: 50 + (k % 7) * 10,
        ...(tier >= 3
          ? { available_from: '2025-06-01', ramp_days: { dist: 'uniform', min: 60, max: 240 } }
          : {}),
      }
    }),
    disruptions: [
      {
        id: 'licensing',
        start: '2025-02-03',
        applies_to: { supplier_country: 'CHN' },
        effect: {
          type: 'licence',
          approval_probability: { dist: 'uniform', min: 0.3, max: 0.8 },
          delay_working_days: { dist: 'lognormal', median: 45, p90: 120 },
          validity_days: 180,
        },
      },
      {
        id: 'ban',
        start: { dist: 'uniform', min: 60, max: 300 },
        duration_days: { dist: 'triangular', min: 30, mode: 90, max: 365 },
        probability: 0.5,
        applies_to: { supplier_country: ['CHN', 'MYS'] },
        effect: { type: 'ban' },
      },
      {
        id: 'cut',
        start: 100,
        duration_days: 200,
        applies_to: { supplier_country: 'AUS' },
        effect: { type: 'volume_cut', cut: { dist: 'uniform', min: 0.2, max: 0.5 } },
      },
      {
        id: 'price',
        start: 0,
        duration_days: 300,
        applies_to: { supplier_country: 'USA' },
        effect: { type: 'price', multiplier: 1.5 },
      },
    ],
  }
}

/** One material, one supplier, no disruption: the simplest scenario. */
export function plainScenario(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    name: 'plain',
    start: '2025-04-04',
    horizon_days: 120,
    materials: [{ id: 'dy_magnet', demand_t_per_day: 0.5, inventory_t: 30 }],
    suppliers: [
      {
        id: 'cn_magnets',
        material: 'dy_magnet',
        country: 'CHN',
        capacity_t_per_day: 1,
        lead_time_days: { dist: 'triangular', min: 30, mode: 45, max: 60 },
        unit_cost_usd_per_kg: 80,
      },
    ],
    ...overrides,
  }
}
