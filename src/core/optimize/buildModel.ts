/**
 * Builds the two-stage stochastic diversification model as data.
 *
 * First stage (before any disruption): x_s tonnes contracted from source s (0..capacity), y_s ∈ {0,1} when the
 * source has a minimum order or a fixed contract cost, k_m tonnes of strategic stock of material m.
 * Second stage, per scenario ω: u_mω ≥ d_m − Σ_s a_sω·x_s − k_m (shortfall), charged at penalty λ_m·p_ω.
 * Constraints: demand covered in normal times, per-country share caps, minimum ex-China share, budget.
 * In `elastic` mode every hard constraint (and every capacity) gets a slack column, and only slack is charged:
 * the least relaxation that makes the model feasible shows which constraints conflict.
 */
import type { MaterialInput, OptimizeInput, SourceInput } from '../../contracts/optimize'
import { ModelBuilder, type LinearModel } from './linearModel'
import type { Scenario } from './scenarios'

export type RowKind =
  | 'demand'
  | 'country_share'
  | 'ex_china_share'
  | 'budget'
  | 'shortfall'
  | 'min_order'
  | 'use_link'
  | 'capacity'

export interface RowInfo {
  kind: RowKind
  material: string | null
  country: string | null
  source: string | null
  unit: string
}

export interface PreparedProblem {
  materials: MaterialInput[]
  /** Eligible sources only. */
  sources: SourceInput[]
  constraints: NonNullable<OptimizeInput['constraints']>
  scenarios: Scenario[]
  /** Shortfall penalty per tonne for each material (at multiplier 1). */
  penaltyPerT: number[]
}

export interface BuiltModel {
  model: LinearModel
  /** Column of x_s per source. */
  x: number[]
  /** Column of y_s per source (undefined when the source has no binary decision). */
  y: (number | undefined)[]
  /** Column of k_m per material (undefined when no stockpile). */
  k: (number | undefined)[]
  rows: RowInfo[]
  /** Slack column → row name it relaxes (elastic mode only). */
  slacks: { col: number; row: string; kind: RowKind; unit: string }[]
}

const INF = Infinity
const CHINA = 'CHN'

/** The model at shortfall-penalty multiplier `penaltyMultiplier` (1 = as given). */
export function buildModel(
  p: PreparedProblem,
  penaltyMultiplier = 1,
  mode: 'normal' | 'elastic' = 'normal'
): BuiltModel {
  const elastic = mode === 'elastic'
  const b = new ModelBuilder()
  const rows: RowInfo[] = []
  const slacks: BuiltModel['slacks'] = []
  const c = p.constraints

  const x = p.sources.map((s) =>
    b.addCol(`x:${s.id}`, elastic ? 0 : s.unit_cost, 0, elastic ? INF : s.capacity_t)
  )
  const y = p.sources.map((s) =>
    (s.min_order_t ?? 0) > 0 || (s.fixed_cost ?? 0) > 0
      ? b.addCol(`y:${s.id}`, elastic ? 0 : (s.fixed_cost ?? 0), 0, 1, true)
      : undefined
  )
  const k = p.materials.map((m) =>
    m.stockpile
      ? b.addCol(
          `k:${m.id}`,
          elastic ? 0 : m.stockpile.holding_cost_per_t,
          0,
          m.stockpile.max_t ?? INF
        )
      : undefined
  )

  /** Adds a hard row; in elastic mode with a slack column that relaxes it, charged per relative unit. */
  const hardRow = (
    name: string,
    info: RowInfo,
    lower: number,
    upper: number,
    cols: number[],
    coefs: number[]
  ): void => {
    if (elastic) {
      const scale = 1 / Math.max(1, Math.abs(Number.isFinite(lower) ? lower : upper))
      const s = b.addCol(`slack:${name}`, scale, 0, INF)
      slacks.push({ col: s, row: name, kind: info.kind, unit: info.unit })
      cols = [...cols, s]
      coefs = [...coefs, Number.isFinite(lower) ? 1 : -1]
    }
    b.addRow(name, lower, upper, cols, coefs)
    rows.push(info)
  }
  const plainRow = (
    name: string,
    info: RowInfo,
    lower: number,
    upper: number,
    cols: number[],
    coefs: number[]
  ) => {
    b.addRow(name, lower, upper, cols, coefs)
    rows.push(info)
  }

  if (elastic) {
    p.sources.forEach((s, i) => {
      const info = {
        kind: 'capacity' as const,
        material: s.material,
        country: s.country,
        source: s.id,
        unit: 't',
      }
      hardRow(`capacity:${s.id}`, info, -INF, s.capacity_t, [x[i] as number], [1])
    })
  }

  const bySource = (pred: (s: SourceInput) => boolean) => {
    const cols: number[] = []
    p.sources.forEach((s, i) => {
      if (pred(s)) cols.push(x[i] as number)
    })
    return cols
  }

  for (const m of p.materials) {
    const info = (kind: RowKind, country: string | null = null): RowInfo => ({
      kind,
      material: m.id,
      country,
      source: null,
      unit: 't',
    })
    const own = bySource((s) => s.material === m.id)
    hardRow(
      `demand:${m.id}`,
      info('demand'),
      m.demand_t,
      INF,
      own,
      own.map(() => 1)
    )
    const countries = [
      ...new Set(p.sources.filter((s) => s.material === m.id).map((s) => s.country)),
    ].sort()
    const exempt = new Set(c.country_share_exempt ?? [])
    for (const country of countries) {
      if (exempt.has(country)) continue
      const cap = c.country_share_caps?.[country] ?? c.max_country_share
      if (cap === undefined || cap >= 1) continue
      const cols = bySource((s) => s.material === m.id && s.country === country)
      hardRow(
        `country_share:${m.id}:${country}`,
        info('country_share', country),
        -INF,
        cap * m.demand_t,
        cols,
        cols.map(() => 1)
      )
    }
    if (c.min_ex_china_share !== undefined && c.min_ex_china_share > 0) {
      const cols = bySource((s) => s.material === m.id && s.country !== CHINA)
      hardRow(
        `ex_china_share:${m.id}`,
        info('ex_china_share'),
        c.min_ex_china_share * m.demand_t,
        INF,
        cols,
        cols.map(() => 1)
      )
    }
  }

  if (c.budget !== undefined) {
    const cols: number[] = []
    const coefs: number[] = []
    p.sources.forEach((s, i) => {
      cols.push(x[i] as number)
      coefs.push(s.unit_cost)
      const yi = y[i]
      if (yi !== undefined && (s.fixed_cost ?? 0) > 0) {
        cols.push(yi)
        coefs.push(s.fixed_cost ?? 0)
      }
    })
    p.materials.forEach((m, i) => {
      const ki = k[i]
      if (ki !== undefined && m.stockpile) {
        cols.push(ki)
        coefs.push(m.stockpile.holding_cost_per_t)
      }
    })
    hardRow(
      'budget',
      { kind: 'budget', material: null, country: null, source: null, unit: 'cost' },
      -INF,
      c.budget,
      cols,
      coefs
    )
  }

  // Binary use decisions: x ≤ capacity·y and x ≥ min_order·y.
  p.sources.forEach((s, i) => {
    const yi = y[i]
    if (yi === undefined) return
    const info = {
      kind: 'use_link' as const,
      material: s.material,
      country: s.country,
      source: s.id,
      unit: 't',
    }
    plainRow(`use_link:${s.id}`, info, -INF, 0, [x[i] as number, yi], [1, -s.capacity_t])
    if ((s.min_order_t ?? 0) > 0) {
      plainRow(
        `min_order:${s.id}`,
        { ...info, kind: 'min_order' },
        0,
        INF,
        [x[i] as number, yi],
        [1, -(s.min_order_t ?? 0)]
      )
    }
  })

  // Second stage: one shortfall column and row per material and scenario.
  p.scenarios.forEach((sc, w) => {
    p.materials.forEach((m, mi) => {
      const penalty = elastic ? 0 : (p.penaltyPerT[mi] ?? 0) * penaltyMultiplier * sc.probability
      const u = b.addCol(`u:${m.id}:${w}`, penalty, 0, INF)
      const cols = [u]
      const coefs = [1]
      p.sources.forEach((s, i) => {
        const a = sc.availability[i] ?? 1
        if (s.material === m.id && a > 0) {
          cols.push(x[i] as number)
          coefs.push(a)
        }
      })
      const ki = k[mi]
      if (ki !== undefined) {
        cols.push(ki)
        coefs.push(1)
      }
      plainRow(
        `shortfall:${m.id}:${sc.id}`,
        { kind: 'shortfall', material: m.id, country: null, source: null, unit: 't' },
        m.demand_t,
        INF,
        cols,
        coefs
      )
    })
  })
  return { model: b.build(), x, y, k, rows, slacks }
}
