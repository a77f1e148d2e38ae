/**
 * Disruption scenarios for the second stage: for each scenario, the fraction of each source's contracted volume that
 * is delivered. Scenarios are listed by the user, sampled (seeded) from each source's disruption risk, or both.
 */
import type { ScenarioSpec, SourceInput } from '../../contracts/optimize'
import { createRng } from '../shared/rng'

export interface Scenario {
  id: string
  probability: number
  /** Delivered fraction per source, in the order of the `sources` array given. */
  availability: Float64Array
}

/** Scenarios from an explicit list: availability by source id first, then by country; unlisted = 1. */
export function listedScenarios(
  sources: readonly SourceInput[],
  list: readonly ScenarioSpec[]
): Scenario[] {
  return list.map((spec) => {
    const availability = new Float64Array(sources.length)
    sources.forEach((s, i) => {
      availability[i] = spec.availability[s.id] ?? spec.availability[s.country] ?? 1
    })
    return { id: spec.id, probability: spec.probability, availability }
  })
}

/**
 * `count` equally likely scenarios sharing `totalProbability`. Each scenario draws one uniform number per country
 * (a common shock): source s is disrupted when that number is below its `disruption_risk`, and then delivers
 * `1 - disruption_severity` (default: nothing). Sources of one country with the same risk fail together.
 */
export function sampledScenarios(
  sources: readonly SourceInput[],
  count: number,
  seed: number,
  totalProbability = 1
): Scenario[] {
  const countries = [...new Set(sources.map((s) => s.country))].sort()
  const countryIndex = new Map(countries.map((c, i) => [c, i]))
  const rng = createRng(seed, 0x5ce)
  const out: Scenario[] = []
  const shock = new Float64Array(countries.length)
  for (let k = 0; k < count; k++) {
    for (let c = 0; c < countries.length; c++) shock[c] = rng.next()
    const availability = new Float64Array(sources.length)
    sources.forEach((s, i) => {
      const u = shock[countryIndex.get(s.country) ?? 0] ?? 1
      const disrupted = u < (s.disruption_risk ?? 0)
      availability[i] = disrupted ? 1 - (s.disruption_severity ?? 1) : 1
    })
    out.push({ id: `sampled-${k + 1}`, probability: totalProbability / count, availability })
  }
  return out
}
