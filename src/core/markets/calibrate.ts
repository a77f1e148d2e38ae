/**
 * Maximum-likelihood calibration of the jump-OU log-price process per product and market.
 * - A series with at least `MIN_PAIRS_FULL` consecutive pairs is fitted on its own (all six parameters).
 * - Shorter series (at least `MIN_OBSERVATIONS` points) fit their own level θ and volatility σ; κ and the jump
 *   parameters come from a pooled fit over every series (each demeaned), and say so.
 * - Fewer points: not calibrated (reported as insufficient).
 * Ranges enter as their midpoint (their half-width is reported next to the fitted step volatility); bounds are
 * censored observations, listed but never used as points; observations at the same instant are averaged in logs.
 */
import {
  jumpPosterior,
  logLikelihood,
  transition,
  type JumpOuParams,
  type LogPoint,
} from './jumpOu'
import { nelderMead } from './nelderMead'
import type { Market, PriceObservation } from './priceObservations'

export const MIN_PAIRS_FULL = 40
export const MIN_OBSERVATIONS = 4
const SIGMA_J_FLOOR = 0.02

export type Provenance = 'series' | 'pooled'

export interface Calibration {
  product: string
  market: Market
  status: 'full' | 'reduced'
  params: JumpOuParams
  provenance: Record<keyof JumpOuParams, Provenance>
  derived: { long_run_usd_per_kg: number; half_life_years: number; stationary_sd_log: number }
  diagnostics: {
    observations: number
    pairs: number
    from: string
    to: string
    log_likelihood: number
    aic: number
    /** Full fits only: AIC of the same series without jumps (lower is better). */
    aic_without_jumps: number | null
    residual_mean: number
    residual_sd: number
    max_abs_residual: number
    ranges: number
    /** Mean half-width of the ranges in log terms, to compare with the fitted step volatility. */
    range_half_width_log: number | null
    jumps_detected: { from: string; to: string; posterior: number }[]
  }
  last: { date: string; t: number; usd_per_kg: number }
  censored: { date: string; kind: string; usd_per_kg: number; line: number | null }[]
}

export interface Uncalibrated {
  product: string
  market: Market
  reason: string
}

interface Series {
  product: string
  market: Market
  points: LogPoint[]
  dates: string[]
  obs: PriceObservation[]
}

function toSeries(obs: PriceObservation[]): Series[] {
  const groups = new Map<string, PriceObservation[]>()
  for (const o of obs) {
    const key = `${o.product}|${o.market}`
    groups.set(key, [...(groups.get(key) ?? []), o])
  }
  return [...groups.values()].map((g) => {
    const pointObs = g
      .filter((o) => o.kind === 'exact' || o.kind === 'range')
      .sort((a, b) => a.t - b.t)
    const points: LogPoint[] = []
    const dates: string[] = []
    let i = 0
    while (i < pointObs.length) {
      let j = i
      let sum = 0
      while (j < pointObs.length && Math.abs(pointObs[j]!.t - pointObs[i]!.t) < 1e-9)
        sum += Math.log(pointObs[j++]!.usd_per_kg)
      points.push({ t: pointObs[i]!.t, x: sum / (j - i) })
      dates.push(pointObs[i]!.date)
      i = j
    }
    return { product: g[0]!.product, market: g[0]!.market, points, dates, obs: g }
  })
}

type Free = (keyof JumpOuParams)[]

function unpack(q: number[], free: Free, fixed: JumpOuParams): JumpOuParams | undefined {
  const p = { ...fixed }
  free.forEach((name, i) => {
    const v = q[i] ?? 0
    if (name === 'kappa' || name === 'sigma' || name === 'lambda') p[name] = Math.exp(v)
    else if (name === 'jumpSd') p.jumpSd = SIGMA_J_FLOOR + Math.exp(v)
    else p[name] = v
  })
  if (p.kappa < 0.01 || p.kappa > 20 || p.lambda > 12 || p.sigma > 5 || p.sigma < 1e-4)
    return undefined
  return p
}

function pack(p: JumpOuParams, free: Free): number[] {
  return free.map((name) => {
    const v = p[name]
    if (name === 'kappa' || name === 'sigma' || name === 'lambda')
      return Math.log(Math.max(v, 1e-6))
    if (name === 'jumpSd') return Math.log(Math.max(v - SIGMA_J_FLOOR, 1e-6))
    return v
  })
}

/** Maximises the likelihood over `free`, trying each start; returns the best. */
export function fitParams(
  series: LogPoint[][],
  starts: JumpOuParams[],
  free: Free
): { params: JumpOuParams; logLik: number } {
  let best: { params: JumpOuParams; logLik: number } | undefined
  for (const start of starts) {
    const f = (q: number[]) => {
      const p = unpack(q, free, start)
      return p ? -logLikelihood(p, series) : Number.MAX_VALUE
    }
    let r = nelderMead(
      f,
      pack(start, free),
      free.map(() => 0.3),
      { maxIterations: 600 * free.length }
    )
    r = nelderMead(
      f,
      r.x,
      free.map(() => 0.05),
      { maxIterations: 600 * free.length }
    )
    const params = unpack(r.x, free, start)
    if (params && (!best || -r.value > best.logLik)) best = { params, logLik: -r.value }
  }
  if (!best) throw new Error('calibration failed from every start')
  return best
}

function startsFor(points: LogPoint[]): JumpOuParams[] {
  const xs = points.map((p) => p.x)
  const mean = xs.reduce((t, x) => t + x, 0) / xs.length
  let s2 = 0
  let dtSum = 0
  for (let i = 1; i < points.length; i++) {
    s2 += (points[i]!.x - points[i - 1]!.x) ** 2
    dtSum += points[i]!.t - points[i - 1]!.t
  }
  const sigma = Math.min(2, Math.max(0.05, Math.sqrt(s2 / Math.max(dtSum, 1e-6))))
  const base = { kappa: 1, theta: mean, sigma, lambda: 0.3, jumpMean: 0.4, jumpSd: 0.2 }
  return [base, { ...base, kappa: 0.3, lambda: 1, jumpMean: 0.2 }, { ...base, jumpMean: -0.3 }]
}

/** Fits all six parameters to one long series; also the no-jump fit, for comparison. */
export function fitFull(points: LogPoint[]): {
  params: JumpOuParams
  logLik: number
  logLikNoJumps: number
} {
  const all: Free = ['kappa', 'theta', 'sigma', 'lambda', 'jumpMean', 'jumpSd']
  const full = fitParams([points], startsFor(points), all)
  const noJump = fitParams(
    [points],
    startsFor(points).map((s) => ({ ...s, lambda: 0 })),
    ['kappa', 'theta', 'sigma']
  )
  return { ...full, logLikNoJumps: noJump.logLik }
}

/** Pooled dynamics (κ, σ, jumps) over demeaned series. */
export function fitPooled(seriesList: LogPoint[][]): JumpOuParams {
  const demeaned = seriesList.map((s) => {
    const m = s.reduce((t, p) => t + p.x, 0) / s.length
    return s.map((p) => ({ t: p.t, x: p.x - m }))
  })
  const starts = startsFor(demeaned.flat().sort((a, b) => a.t - b.t)).map((s) => ({
    ...s,
    theta: 0,
  }))
  return fitParams(demeaned, starts, ['kappa', 'sigma', 'lambda', 'jumpMean', 'jumpSd']).params
}

function diagnostics(
  s: Series,
  p: JumpOuParams,
  logLik: number,
  k: number,
  logLikNoJumps: number | null
): Calibration['diagnostics'] {
  const res: number[] = []
  const jumps: Calibration['diagnostics']['jumps_detected'] = []
  for (let i = 1; i < s.points.length; i++) {
    const prev = s.points[i - 1]!
    const cur = s.points[i]!
    const c0 = transition(p, prev.x, cur.t - prev.t)[0]!
    res.push((cur.x - c0.mean) / Math.sqrt(c0.variance))
    const post = jumpPosterior(p, prev, cur)
    if (post > 0.5)
      jumps.push({ from: s.dates[i - 1]!, to: s.dates[i]!, posterior: round(post, 3) })
  }
  const mean = res.reduce((t, r) => t + r, 0) / Math.max(1, res.length)
  const sd = Math.sqrt(res.reduce((t, r) => t + (r - mean) ** 2, 0) / Math.max(1, res.length - 1))
  const ranges = s.obs.filter((o) => o.kind === 'range')
  return {
    observations: s.points.length,
    pairs: s.points.length - 1,
    from: s.dates[0]!,
    to: s.dates.at(-1)!,
    log_likelihood: round(logLik, 4),
    aic: round(2 * k - 2 * logLik, 4),
    aic_without_jumps: logLikNoJumps === null ? null : round(2 * 3 - 2 * logLikNoJumps, 4),
    residual_mean: round(mean, 4),
    residual_sd: round(sd, 4),
    max_abs_residual: round(Math.max(0, ...res.map(Math.abs)), 4),
    ranges: ranges.length,
    range_half_width_log:
      ranges.length === 0
        ? null
        : round(
            ranges.reduce((t, o) => t + Math.log(o.high_usd_per_kg / o.low_usd_per_kg) / 2, 0) /
              ranges.length,
            4
          ),
    jumps_detected: jumps,
  }
}

function round(v: number, digits = 6): number {
  const f = 10 ** digits
  return Math.round(v * f) / f
}

export function calibrateAll(observations: PriceObservation[]): {
  pooled: JumpOuParams | null
  calibrations: Calibration[]
  uncalibrated: Uncalibrated[]
} {
  const series = toSeries(observations)
  const usable = series.filter((s) => s.points.length >= 3)
  const pooled = usable.length > 0 ? fitPooled(usable.map((s) => s.points)) : null
  const calibrations: Calibration[] = []
  const uncalibrated: Uncalibrated[] = []
  for (const s of series) {
    if (s.points.length < MIN_OBSERVATIONS || !pooled) {
      uncalibrated.push({
        product: s.product,
        market: s.market,
        reason: `only ${s.points.length} dated point observation(s); at least ${MIN_OBSERVATIONS} are needed`,
      })
      continue
    }
    const full = s.points.length - 1 >= MIN_PAIRS_FULL
    let params: JumpOuParams
    let logLik: number
    let noJumps: number | null = null
    let provenance: Calibration['provenance']
    if (full) {
      const f = fitFull(s.points)
      params = f.params
      logLik = f.logLik
      noJumps = f.logLikNoJumps
      provenance = {
        kappa: 'series',
        theta: 'series',
        sigma: 'series',
        lambda: 'series',
        jumpMean: 'series',
        jumpSd: 'series',
      }
    } else {
      const starts = startsFor(s.points).map((st) => ({
        ...pooled,
        theta: st.theta,
        sigma: st.sigma,
      }))
      const f = fitParams([s.points], starts, ['theta', 'sigma'])
      params = f.params
      logLik = f.logLik
      provenance = {
        kappa: 'pooled',
        theta: 'series',
        sigma: 'series',
        lambda: 'pooled',
        jumpMean: 'pooled',
        jumpSd: 'pooled',
      }
    }
    const lastObs = s.points.at(-1)!
    calibrations.push({
      product: s.product,
      market: s.market,
      status: full ? 'full' : 'reduced',
      params,
      provenance,
      derived: {
        long_run_usd_per_kg: round(Math.exp(params.theta), 4),
        half_life_years: round(Math.LN2 / params.kappa, 4),
        stationary_sd_log: round(params.sigma / Math.sqrt(2 * params.kappa), 4),
      },
      diagnostics: diagnostics(s, params, logLik, full ? 6 : 2, noJumps),
      last: { date: s.dates.at(-1)!, t: lastObs.t, usd_per_kg: round(Math.exp(lastObs.x), 4) },
      censored: s.obs
        .filter((o) => o.kind === 'lower' || o.kind === 'upper')
        .map((o) => ({
          date: o.date,
          kind: o.kind === 'lower' ? 'above' : 'below',
          usd_per_kg: round(o.usd_per_kg, 4),
          line: o.line,
        })),
    })
  }
  return { pooled, calibrations, uncalibrated }
}
