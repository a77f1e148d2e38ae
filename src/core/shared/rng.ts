/**
 * Seeded pseudo-random numbers for the pure core (no `Math.random`).
 * sfc32 seeded through splitmix32: fast, 128-bit state, good statistical quality for Monte Carlo.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** The 128-bit state, to fork or to replay. */
  state(): [number, number, number, number]
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

/** A generator fully determined by `seed` (and `stream`, to give independent sub-streams, e.g. one per run). */
export function createRng(seed: number, stream = 0): Rng {
  const mix = splitmix32((seed ^ Math.imul(stream + 1, 0x27d4eb2f)) >>> 0)
  let a = mix()
  let b = mix()
  let c = mix()
  let d = mix() | 1
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  for (let i = 0; i < 12; i++) next()
  return { next, state: () => [a, b, c, d] }
}

/** Standard normal variate (Box–Muller, one value per call). */
export function normal(rng: Rng): number {
  let u = rng.next()
  while (u === 0) u = rng.next()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next())
}
