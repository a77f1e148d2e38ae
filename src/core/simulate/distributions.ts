/**
 * Distributions compiled to plain numbers and sampled by inverse CDF: one uniform u in [0, 1) gives one value,
 * so a run's inputs depend only on its random stream, and fixing u (e.g. at 0.1 and 0.9) gives the p10/p90
 * inputs of the tornado with common random numbers.
 */
import type { Quantity } from '../../contracts/scenario'
import { exhaustiveSwitchError } from '../shared/result'

export const DIST_CONSTANT = 0
export const DIST_UNIFORM = 1
export const DIST_TRIANGULAR = 2
export const DIST_NORMAL = 3
export const DIST_LOGNORMAL = 4

/** A compiled distribution: `kind` and up to five parameters (meaning per kind, see `compileQuantity`). */
export interface Dist {
  kind: number
  a: number
  b: number
  c: number
  /** Normal truncation bounds as CDF values (0 and 1 when untruncated). */
  d: number
  e: number
  /** Every sample is clamped to [lo, hi] (guards the CDF approximations at truncation bounds). */
  lo: number
  hi: number
}

/** z for the 90th percentile of the standard normal. */
const Z90 = 1.2815515655446004

/** Compiles a scenario quantity (number or distribution) into a `Dist`. */
export function compileQuantity(q: Quantity): Dist {
  const base = { b: 0, c: 0, d: 0, e: 1, lo: -Infinity, hi: Infinity }
  if (typeof q === 'number') return { ...base, kind: DIST_CONSTANT, a: q }
  switch (q.dist) {
    case 'constant':
      return { ...base, kind: DIST_CONSTANT, a: q.value }
    case 'uniform':
      return { ...base, kind: DIST_UNIFORM, a: q.min, b: q.max, lo: q.min, hi: q.max }
    case 'triangular':
      return { ...base, kind: DIST_TRIANGULAR, a: q.min, b: q.mode, c: q.max, lo: q.min, hi: q.max }
    case 'normal':
      return {
        ...base,
        kind: DIST_NORMAL,
        a: q.mean,
        b: q.sd,
        d: q.min === undefined || q.sd === 0 ? 0 : normalCdf((q.min - q.mean) / q.sd),
        e: q.max === undefined || q.sd === 0 ? 1 : normalCdf((q.max - q.mean) / q.sd),
        lo: q.min ?? -Infinity,
        hi: q.max ?? Infinity,
      }
    case 'lognormal':
      return {
        ...base,
        kind: DIST_LOGNORMAL,
        a: Math.log(q.median),
        b: (Math.log(q.p90) - Math.log(q.median)) / Z90,
        lo: 0,
        hi: q.max ?? Infinity,
      }
    default:
      return exhaustiveSwitchError(q)
  }
}

/** True when the distribution has a single value. */
export function isConstant(d: Dist): boolean {
  return (
    d.kind === DIST_CONSTANT ||
    (d.kind === DIST_UNIFORM && d.a === d.b) ||
    (d.kind === DIST_TRIANGULAR && d.a === d.c) ||
    ((d.kind === DIST_NORMAL || d.kind === DIST_LOGNORMAL) && d.b === 0)
  )
}

/** The value at cumulative probability `u` (0 <= u < 1). */
export function quantileOf(d: Dist, u: number): number {
  const x = rawQuantile(d, u)
  return x < d.lo ? d.lo : x > d.hi ? d.hi : x
}

function rawQuantile(d: Dist, u: number): number {
  switch (d.kind) {
    case DIST_CONSTANT:
      return d.a
    case DIST_UNIFORM:
      return d.a + u * (d.b - d.a)
    case DIST_TRIANGULAR: {
      const { a: lo, b: mode, c: hi } = d
      if (hi === lo) return lo
      const f = (mode - lo) / (hi - lo)
      return u < f
        ? lo + Math.sqrt(u * (hi - lo) * (mode - lo))
        : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode))
    }
    case DIST_NORMAL:
      if (d.b === 0) return d.a
      return d.a + d.b * normalQuantile(d.d + u * (d.e - d.d))
    case DIST_LOGNORMAL: {
      if (d.b === 0) return Math.exp(d.a)
      return Math.exp(d.a + d.b * normalQuantile(u))
    }
    default:
      throw new Error(`invalid distribution kind: ${d.kind}`)
  }
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 on erf; absolute error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const erf = 1 - poly * Math.exp(-x * x)
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf)
}

/** Standard normal quantile (Acklam's rational approximation; relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity
  if (p >= 1) return Infinity
  const plow = 0.02425
  if (p < plow) {
    const q = Math.sqrt(-2 * Math.log(p))
    return tail(q)
  }
  if (p > 1 - plow) {
    const q = Math.sqrt(-2 * Math.log(1 - p))
    return -tail(q)
  }
  const q = p - 0.5
  const r = q * q
  return (
    ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r +
      1.38357751867269e2) *
      r -
      3.066479806614716e1) *
      r +
      2.506628277459239) *
      q) /
    (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r +
      6.680131188771972e1) *
      r -
      1.328068155288572e1) *
      r +
      1)
  )
}

function tail(q: number): number {
  return (
    (((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q -
      2.549732539343734) *
      q +
      4.374664141464968) *
      q +
      2.938163982698783) /
    ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q +
      3.754408661907416) *
      q +
      1)
  )
}
