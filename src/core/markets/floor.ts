/**
 * A price floor F on a product for T years and volume V is a strip of monthly put options: each month the payer
 * covers (F − P)·V/12 when the price P is below F, and, under an upside-sharing clause, receives a share of
 * (P − F)·V/12 when it is above. Valued by Monte Carlo over jump-OU paths (seeded; path i uses Rng stream i).
 */
import { createRng } from '../shared/rng'
import type { JumpOuParams } from './jumpOu'
import { gaussianSource, stepConstants } from './pricePaths'

export interface FloorSpec {
  params: JumpOuParams
  /** Log-price at the last observation. */
  x0: number
  /** Months simulated from the last observation before the floor starts (not paid). */
  monthsBeforeStart: number
  years: number
  floorUsdPerKg: number
  volumeTPerYear: number
  paths: number
  seed: number
  /** Share of the upside above F returned to the payer (DoD–MP: 0.3); 0 = a plain floor. */
  upsideShare: number
  /** Annual discount rate for the expected total (0 = undiscounted, nominal). */
  discountRate: number
}

export interface Quantiles {
  p10: number
  p50: number
  p90: number
}

export interface FloorValue {
  /** Expected total cost over the term (discounted when a rate is given). */
  expected_cost_usd: number
  /** Quantiles of the annual cost over all simulated path-years. */
  cost_p10: number
  cost_p50: number
  cost_p90: number
  total_cost: Quantiles
  /** Share of simulated months in which the price is below the floor. */
  p_binding: number
  first_quarter: Quantiles & { expected_cost_usd: number }
  by_year: ({
    year: number
    expected_cost_usd: number
    p_binding: number
    mean_price_usd_per_kg: number
  } & Quantiles)[]
  min_price_usd_per_kg: number
}

/** Quantiles by sorting a copy (nearest-rank on the sorted sample). */
export function quantiles(values: Float64Array): Quantiles {
  const s = Float64Array.from(values).sort()
  const at = (q: number) =>
    s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))] ?? 0
  return { p10: at(0.1), p50: at(0.5), p90: at(0.9) }
}

export function valueFloor(spec: FloorSpec): FloorValue {
  const c = stepConstants(spec.params)
  const T = spec.years
  const N = spec.paths
  const kgPerMonth = (spec.volumeTPerYear * 1000) / 12
  const F = spec.floorUsdPerKg
  const share = spec.upsideShare
  const annual = new Float64Array(N * T)
  const total = new Float64Array(N)
  const firstQuarter = new Float64Array(N)
  const bindByYear = new Float64Array(T)
  const priceByYear = new Float64Array(T)
  const discount = Array.from({ length: T }, (_, y) => (1 + spec.discountRate) ** -(y + 0.5))
  let minPrice = Infinity
  const { theta, decay, sd, jumpProbability, jumpMean, jumpSd } = c
  for (let i = 0; i < N; i++) {
    const rng = createRng(spec.seed, i)
    const gauss = gaussianSource(rng)
    let x = spec.x0
    for (let m = 0; m < spec.monthsBeforeStart; m++) {
      x = theta + (x - theta) * decay + sd * gauss()
      if (rng.next() < jumpProbability) x += jumpMean + jumpSd * gauss()
    }
    let pathTotal = 0
    for (let y = 0; y < T; y++) {
      let cost = 0
      let binds = 0
      let priceSum = 0
      for (let m = 0; m < 12; m++) {
        x = theta + (x - theta) * decay + sd * gauss()
        if (rng.next() < jumpProbability) x += jumpMean + jumpSd * gauss()
        const p = Math.exp(x)
        priceSum += p
        if (p < minPrice) minPrice = p
        if (p < F) {
          cost += (F - p) * kgPerMonth
          binds++
        } else if (share > 0) {
          cost -= share * (p - F) * kgPerMonth
        }
        if (y === 0 && m === 2) firstQuarter[i] = cost
      }
      annual[i * T + y] = cost
      bindByYear[y]! += binds
      priceByYear[y]! += priceSum / 12
      pathTotal += cost * (discount[y] ?? 1)
    }
    total[i] = pathTotal
  }
  const mean = (a: Float64Array) => a.reduce((t, v) => t + v, 0) / Math.max(1, a.length)
  const annualQ = quantiles(annual)
  const byYear = Array.from({ length: T }, (_, y) => {
    const col = new Float64Array(N)
    for (let i = 0; i < N; i++) col[i] = annual[i * T + y] ?? 0
    return {
      year: y + 1,
      expected_cost_usd: mean(col),
      ...quantiles(col),
      p_binding: (bindByYear[y] ?? 0) / (12 * N),
      mean_price_usd_per_kg: (priceByYear[y] ?? 0) / N,
    }
  })
  return {
    expected_cost_usd: mean(total),
    cost_p10: annualQ.p10,
    cost_p50: annualQ.p50,
    cost_p90: annualQ.p90,
    total_cost: quantiles(total),
    p_binding: bindByYear.reduce((t, v) => t + v, 0) / (12 * N * T),
    first_quarter: { expected_cost_usd: mean(firstQuarter), ...quantiles(firstQuarter) },
    by_year: byYear,
    min_price_usd_per_kg: minPrice,
  }
}
