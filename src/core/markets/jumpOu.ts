/**
 * The price process: log-price x = ln(USD/kg) follows a mean-reverting (Ornstein–Uhlenbeck) diffusion with
 * compound-Poisson jumps for coercion episodes, simulated on a monthly grid:
 *   x(t+1/12) = θ + (x(t) − θ)·e^{−κ/12} + σ·√((1 − e^{−κ/6}) / 2κ)·Z + J·1{U < 1 − e^{−λ/12}},  J ~ N(μJ, σJ²).
 * Between two observations Δ years apart (M = 12Δ months) the transition density is a mixture over the number of
 * jumps (Bernoulli when M ≈ 1, Poisson(λΔ) truncated at 3 otherwise), each jump decaying on average by the
 * factor g = mean over the months left of e^{−κ·months/12}.
 */

export interface JumpOuParams {
  /** Mean-reversion speed per year. */
  kappa: number
  /** Long-run level of the log-price (ln USD/kg). */
  theta: number
  /** Diffusion volatility per √year. */
  sigma: number
  /** Jump intensity per year. */
  lambda: number
  /** Mean jump in log-price. */
  jumpMean: number
  /** Standard deviation of a jump in log-price. */
  jumpSd: number
}

export interface LogPoint {
  t: number
  x: number
}

export const MONTH = 1 / 12
const LOG_2PI = Math.log(2 * Math.PI)

/** Mixture components of the transition from x0 over dt: weight, mean, variance. */
export function transition(
  p: JumpOuParams,
  x0: number,
  dt: number
): { w: number; mean: number; variance: number }[] {
  const k = Math.max(p.kappa, 1e-8)
  const a = Math.exp(-k * dt)
  const mean = p.theta + (x0 - p.theta) * a
  const variance = (p.sigma * p.sigma * (1 - a * a)) / (2 * k)
  const months = Math.max(dt * 12, 1e-9)
  const a1 = Math.exp(-k * MONTH)
  const g = months <= 1 + 1e-9 ? 1 : (1 - a1 ** months) / (months * (1 - a1))
  const g2 = months <= 1 + 1e-9 ? 1 : (1 - a1 ** (2 * months)) / (months * (1 - a1 * a1))
  const jumpVar = p.jumpSd * p.jumpSd * g2 + p.jumpMean * p.jumpMean * Math.max(0, g2 - g * g)
  let weights: number[]
  if (months < 1.5) {
    const q = 1 - Math.exp(-p.lambda * MONTH * months)
    weights = [1 - q, q]
  } else {
    const mu = p.lambda * dt
    const e = Math.exp(-mu)
    weights = [e, e * mu, (e * mu * mu) / 2, (e * mu * mu * mu) / 6]
  }
  return weights.map((w, n) => ({
    w,
    mean: mean + n * p.jumpMean * g,
    variance: variance + n * jumpVar,
  }))
}

/** Log-likelihood of consecutive pairs in each series (series are independent). */
export function logLikelihood(p: JumpOuParams, series: readonly (readonly LogPoint[])[]): number {
  let ll = 0
  for (const s of series) {
    for (let i = 1; i < s.length; i++) {
      const prev = s[i - 1]!
      const cur = s[i]!
      const comps = transition(p, prev.x, cur.t - prev.t)
      let maxLog = -Infinity
      const logs = comps.map((c) => {
        const d = cur.x - c.mean
        const l =
          Math.log(Math.max(c.w, 1e-300)) -
          0.5 * (LOG_2PI + Math.log(c.variance) + (d * d) / c.variance)
        if (l > maxLog) maxLog = l
        return l
      })
      ll += maxLog + Math.log(logs.reduce((t, l) => t + Math.exp(l - maxLog), 0))
    }
  }
  return ll
}

/** Posterior probability that at least one jump happened between two observations. */
export function jumpPosterior(p: JumpOuParams, prev: LogPoint, cur: LogPoint): number {
  const comps = transition(p, prev.x, cur.t - prev.t)
  const dens = comps.map((c) => {
    const d = cur.x - c.mean
    return (c.w * Math.exp((-0.5 * (d * d)) / c.variance)) / Math.sqrt(c.variance)
  })
  const total = dens.reduce((t, v) => t + v, 0)
  return total > 0 ? 1 - (dens[0] ?? 0) / total : 0
}
