/**
 * Per element and stage: kg by origin country (and basis), China's share, the unknown share, the worst stage and
 * the Herfindahl–Hirschman index of origins.
 */
import { STAGES, UNKNOWN_ORIGIN, type ElementExposure, type Stage } from '../../contracts/exposure'
import { clean } from './clean'
import { NB, type Rollup } from './rollUp'

type PerStage<T> = Record<Stage, T>
type ByBasis = { observed: number; inferred: number; assumed: number }

/**
 * HHI of a set of masses: the sum of squared percentage shares (0–10000), over the masses given.
 * @example hhi([50, 50]) === 5000
 */
export function hhi(masses: readonly number[]): number | null {
  const total = masses.reduce((s, m) => s + m, 0)
  if (!(total > 0)) return null
  return masses.reduce((s, m) => s + ((100 * m) / total) ** 2, 0)
}

const perStage = <T>(f: (s: Stage, k: number) => T): PerStage<T> =>
  Object.fromEntries(STAGES.map((s, k) => [s, f(s, k)])) as PerStage<T>

function basisOf(values: ArrayLike<number>, offset: number): ByBasis {
  return {
    observed: clean(values[offset] ?? 0),
    inferred: clean(values[offset + 1] ?? 0),
    assumed: clean(values[offset + 2] ?? 0),
  }
}

/** One entry per element in the roll-up, rare earths first, then by kg/year descending. */
export function elementExposures(r: Rollup): ElementExposure[] {
  const K = r.elements.length
  const C = r.countries.length
  const out: ElementExposure[] = []
  for (let e = 0; e < K; e++) {
    const totals = basisOf(r.totalKg, e * NB)
    const kgYear = clean(totals.observed + totals.inferred + totals.assumed)
    const re = r.rareEarth[e]!
    const byStage = perStage(() => ({}) as Record<string, number>)
    const byStageBasis = perStage(() => ({}) as Record<string, ByBasis>)
    const stageTotal = perStage(() => 0)
    if (re) {
      STAGES.forEach((s, si) => {
        for (let c = 0; c < C; c++) {
          const off = ((si * C + c) * K + e) * NB
          const b = basisOf(r.stageKg, off)
          const kg = clean(b.observed + b.inferred + b.assumed)
          if (kg === 0) continue
          byStage[s][r.countries[c]!] = kg
          byStageBasis[s][r.countries[c]!] = b
          stageTotal[s] += kg
        }
      })
    }
    const share = (s: Stage, country: string): number | null =>
      stageTotal[s] > 0 ? (byStage[s][country] ?? 0) / stageTotal[s] : null
    const chinaShare = perStage((s) => share(s, 'CHN'))
    const known = (s: Stage): number[] =>
      Object.entries(byStage[s])
        .filter(([c]) => c !== UNKNOWN_ORIGIN)
        .map(([, kg]) => kg)
    const shares = STAGES.map((s) => chinaShare[s]).filter((x): x is number => x !== null)
    const worst = shares.length > 0 ? Math.max(...shares) : null
    out.push({
      element: r.elements[e]!,
      rare_earth: re,
      kg_per_year: kgYear,
      kg_per_year_by_basis: totals,
      china_share: chinaShare,
      unknown_share: perStage((s) => share(s, UNKNOWN_ORIGIN)),
      worst_stage:
        worst === null
          ? null
          : { stages: STAGES.filter((s) => chinaShare[s] === worst), china_share: worst },
      by_stage: sortKeys(byStage),
      by_stage_basis: sortKeys(byStageBasis),
      hhi: perStage((s) => hhi(known(s))),
      hhi_coverage: perStage((s) =>
        stageTotal[s] > 0 ? known(s).reduce((a, b) => a + b, 0) / stageTotal[s] : null
      ),
    })
  }
  return out.sort(
    (a, b) => Number(b.rare_earth) - Number(a.rare_earth) || b.kg_per_year - a.kg_per_year
  )
}

/** Countries by kg descending, `unknown` last, so the JSON reads as a ranking. */
function sortKeys<T>(m: PerStage<Record<string, T>>): PerStage<Record<string, T>> {
  const weight = (v: T): number =>
    typeof v === 'number' ? v : Object.values(v as ByBasis).reduce((a, b) => a + b, 0)
  return perStage((s) =>
    Object.fromEntries(
      Object.entries(m[s]).sort(
        ([ca, va], [cb, vb]) =>
          Number(ca === UNKNOWN_ORIGIN) - Number(cb === UNKNOWN_ORIGIN) ||
          weight(vb) - weight(va) ||
          ca.localeCompare(cb)
      )
    )
  )
}
