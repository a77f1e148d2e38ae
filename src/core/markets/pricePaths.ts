/**
 * Monthly price paths of the jump-OU process (see jumpOu.ts), driven by the seeded Rng. The per-step constants are
 * shared with the floor kernel, which inlines the same step for speed.
 */
import { createRng, type Rng } from '../shared/rng'
import { MONTH, type JumpOuParams } from './jumpOu'

export interface StepConstants {
  decay: number
  sd: number
  jumpProbability: number
  theta: number
  jumpMean: number
  jumpSd: number
}

export function stepConstants(p: JumpOuParams): StepConstants {
  const k = Math.max(p.kappa, 1e-8)
  const decay = Math.exp(-k * MONTH)
  return {
    decay,
    sd: p.sigma * Math.sqrt((1 - decay * decay) / (2 * k)),
    jumpProbability: 1 - Math.exp(-p.lambda * MONTH),
    theta: p.theta,
    jumpMean: p.jumpMean,
    jumpSd: p.jumpSd,
  }
}

/** Standard normals by Box–Muller, using both values of each pair. */
export function gaussianSource(rng: Rng): () => number {
  let spare = 0
  let hasSpare = false
  return () => {
    if (hasSpare) {
      hasSpare = false
      return spare
    }
    let u = rng.next()
    while (u === 0) u = rng.next()
    const r = Math.sqrt(-2 * Math.log(u))
    const a = 2 * Math.PI * rng.next()
    spare = r * Math.sin(a)
    hasSpare = true
    return r * Math.cos(a)
  }
}

/**
 * `paths` × `months` prices (USD/kg, row-major by path), starting from log-price `x0` one month before the first
 * value. Path i uses Rng stream i of `seed`, so a path does not depend on how many others are drawn.
 */
export function simulateMonthlyPrices(
  p: JumpOuParams,
  x0: number,
  months: number,
  paths: number,
  seed: number
): Float64Array {
  const c = stepConstants(p)
  const out = new Float64Array(paths * months)
  for (let i = 0; i < paths; i++) {
    const rng = createRng(seed, i)
    const gauss = gaussianSource(rng)
    let x = x0
    for (let m = 0; m < months; m++) {
      x = c.theta + (x - c.theta) * c.decay + c.sd * gauss()
      if (rng.next() < c.jumpProbability) x += c.jumpMean + c.jumpSd * gauss()
      out[i * months + m] = Math.exp(x)
    }
  }
  return out
}
