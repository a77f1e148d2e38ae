/** Derivative-free minimisation (Nelder–Mead simplex) for small parameter vectors. */

export interface MinimizeResult {
  x: number[]
  value: number
  iterations: number
  converged: boolean
}

/** Minimises `f` from `start` with initial steps `step`; deterministic. */
export function nelderMead(
  f: (x: number[]) => number,
  start: number[],
  step: number[],
  options: { maxIterations?: number; tolerance?: number } = {}
): MinimizeResult {
  const n = start.length
  const maxIt = options.maxIterations ?? 400 * n
  const tol = options.tolerance ?? 1e-9
  const safe = (x: number[]) => {
    const v = f(x)
    return Number.isFinite(v) ? v : Number.MAX_VALUE
  }
  let simplex: { x: number[]; v: number }[] = [{ x: [...start], v: safe(start) }]
  for (let i = 0; i < n; i++) {
    const x = [...start]
    x[i] = (x[i] ?? 0) + (step[i] ?? 0.1)
    simplex.push({ x, v: safe(x) })
  }
  let it = 0
  let converged = false
  for (; it < maxIt; it++) {
    simplex.sort((a, b) => a.v - b.v)
    const best = simplex[0]!
    const worst = simplex[n]!
    if (Math.abs(worst.v - best.v) <= tol * (Math.abs(best.v) + tol)) {
      converged = true
      break
    }
    const centroid = new Array<number>(n).fill(0)
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j]! += simplex[i]!.x[j]! / n
    const along = (c: number) => centroid.map((cj, j) => cj + c * (worst.x[j]! - cj))
    const reflected = along(-1)
    const vr = safe(reflected)
    if (vr < best.v) {
      const expanded = along(-2)
      const ve = safe(expanded)
      simplex[n] = ve < vr ? { x: expanded, v: ve } : { x: reflected, v: vr }
      continue
    }
    if (vr < simplex[n - 1]!.v) {
      simplex[n] = { x: reflected, v: vr }
      continue
    }
    const contracted = vr < worst.v ? along(-0.5) : along(0.5)
    const vc = safe(contracted)
    if (vc < Math.min(vr, worst.v)) {
      simplex[n] = { x: contracted, v: vc }
      continue
    }
    simplex = simplex.map((p, i) =>
      i === 0
        ? p
        : (() => {
            const x = p.x.map((xj, j) => best.x[j]! + 0.5 * (xj - best.x[j]!))
            return { x, v: safe(x) }
          })()
    )
  }
  simplex.sort((a, b) => a.v - b.v)
  return { x: simplex[0]!.x, value: simplex[0]!.v, iterations: it, converged }
}
