/**
 * The optimiser: prepares the problem (eligible sources, scenarios, penalties), builds the model as data, solves it
 * with the injected solver, and reads off allocation, costs, expected shortfall, shadow prices, the efficient
 * frontier (by sweeping the shortfall penalty) or, when infeasible, which constraints conflict.
 */
import type { FrontierPoint, OptimizeInput, OptimizeResult } from '../../contracts/optimize'
import { buildModel, type BuiltModel, type PreparedProblem } from './buildModel'
import { explainInfeasibility } from './explain'
import { fixIntegers, isMip, type LinearSolution, type SolveLinear } from './linearModel'
import { listedScenarios, sampledScenarios, type Scenario } from './scenarios'
import { bindingConstraints } from './shadowPrices'

/** Default shortfall penalty, as a multiple of the highest unit cost (an assumption, stated in the output). */
export const DEFAULT_PENALTY_MULTIPLE = 10
export const DEFAULT_FRONTIER_POINTS = 7

export interface OptimizeOptions {
  /** Skip the frontier sweep (e.g. in benchmarks). */
  frontier?: boolean
  timeLimitSeconds?: number
}

export function prepareProblem(input: OptimizeInput): {
  problem: PreparedProblem
  excluded: OptimizeResult['excluded_sources']
  assumptions: string[]
} {
  const constraints = input.constraints ?? {}
  const excluded: OptimizeResult['excluded_sources'] = []
  const assumptions: string[] = []
  const maxLead = constraints.max_lead_time_months
  const sources = input.sources.filter((s) => {
    if (maxLead !== undefined && (s.lead_time_months ?? 0) > maxLead) {
      excluded.push({
        source: s.id,
        reason: `lead time ${s.lead_time_months} months exceeds max_lead_time_months ${maxLead}`,
      })
      return false
    }
    return true
  })
  const spec = input.scenarios
  let scenarios: Scenario[] = []
  if (spec) {
    const listed = spec.list ? listedScenarios(sources, spec.list) : []
    const listedP = listed.reduce((t, s) => t + s.probability, 0)
    const sampled =
      spec.count !== undefined
        ? sampledScenarios(sources, spec.count, spec.seed ?? 1, Math.max(0, 1 - listedP))
        : []
    scenarios = [...listed, ...sampled]
    if (spec.count !== undefined) {
      assumptions.push(
        `${spec.count} scenarios sampled with seed ${spec.seed ?? 1}: one common shock per country, a source fails when it falls below its disruption_risk`
      )
    }
    if (listed.length > 0 && listedP < 1 && spec.count === undefined) {
      assumptions.push(
        `probability ${round(1 - listedP)} left to the undisrupted case (no shortfall)`
      )
    }
  }
  const maxCost = Math.max(0, ...sources.map((s) => s.unit_cost))
  const given = input.objective?.shortfall_penalty_per_t
  const fallback = given ?? DEFAULT_PENALTY_MULTIPLE * maxCost
  if (
    scenarios.length > 0 &&
    given === undefined &&
    input.materials.some((m) => m.shortfall_penalty_per_t === undefined)
  ) {
    assumptions.push(
      `shortfall_penalty_per_t not given: assumed ${DEFAULT_PENALTY_MULTIPLE} × the highest unit cost = ${round(fallback)} per tonne short`
    )
  }
  const penaltyPerT = input.materials.map((m) => m.shortfall_penalty_per_t ?? fallback)
  return {
    problem: { materials: input.materials, sources, constraints, scenarios, penaltyPerT },
    excluded,
    assumptions,
  }
}

interface Solved {
  built: BuiltModel
  sol: LinearSolution
  duals: LinearSolution
  dualsKind: OptimizeResult['model']['duals']
}

function solveAt(
  p: PreparedProblem,
  multiplier: number,
  solve: SolveLinear,
  opts: OptimizeOptions
): Solved {
  const built = buildModel(p, multiplier)
  const limit =
    opts.timeLimitSeconds === undefined ? undefined : { timeLimitSeconds: opts.timeLimitSeconds }
  const sol = solve(built.model, limit)
  if (sol.status !== 'optimal' || !isMip(built.model)) {
    return { built, sol, duals: sol, dualsKind: sol.dualsValid ? 'lp' : 'none' }
  }
  const fixed = solve(fixIntegers(built.model, sol.colValue), limit)
  return {
    built,
    sol,
    duals: fixed,
    dualsKind: fixed.status === 'optimal' && fixed.dualsValid ? 'mip_fixed_integers' : 'none',
  }
}

/** First-stage cost and expected shortfall computed from the decisions (independent of the penalty). */
function evaluate(p: PreparedProblem, built: BuiltModel, colValue: Float64Array) {
  const xv = p.sources.map((_, i) => Math.max(0, colValue[built.x[i] as number] ?? 0))
  const kv = p.materials.map((_, i) => {
    const col = built.k[i]
    return col === undefined ? 0 : Math.max(0, colValue[col] ?? 0)
  })
  let cost = 0
  p.sources.forEach((s, i) => {
    cost += s.unit_cost * (xv[i] ?? 0)
    const yi = built.y[i]
    if (yi !== undefined) cost += (s.fixed_cost ?? 0) * Math.round(colValue[yi] ?? 0)
  })
  p.materials.forEach((m, i) => {
    cost += (m.stockpile?.holding_cost_per_t ?? 0) * (kv[i] ?? 0)
  })
  let shortfall = 0
  for (const sc of p.scenarios) {
    p.materials.forEach((m, mi) => {
      let delivered = kv[mi] ?? 0
      p.sources.forEach((s, i) => {
        if (s.material === m.id) delivered += (sc.availability[i] ?? 1) * (xv[i] ?? 0)
      })
      shortfall += sc.probability * Math.max(0, m.demand_t - delivered)
    })
  }
  return { xv, kv, cost, shortfall }
}

function frontierMultipliers(points: number): number[] {
  if (points <= 0) return []
  const out = [0]
  const half = Math.ceil((points - 1) / 2)
  for (let i = 0; i < points - 1; i++) out.push(2 ** (i - half))
  return out
}

/** Solves the diversification problem. Pure given `solve` (a synchronous LP/MIP solver). */
export function optimize(
  input: OptimizeInput,
  solve: SolveLinear,
  opts: OptimizeOptions = {}
): OptimizeResult {
  const { problem: p, excluded, assumptions } = prepareProblem(input)
  const main = solveAt(p, 1, solve, opts)
  const { built, sol } = main
  const m = built.model
  const modelInfo = {
    kind: isMip(m) ? ('mip' as const) : ('lp' as const),
    columns: m.numCols,
    rows: m.numRows,
    nonzeros: m.index.length,
    scenarios: p.scenarios.length,
    duals: main.dualsKind,
    solver: sol.solver,
  }
  const empty = {
    allocation: [],
    cost: null,
    objective: null,
    expected_shortfall_t: null,
    stockpile: [],
    shadow_prices: {},
    binding_constraints: [],
    frontier: [],
    excluded_sources: excluded,
    model: { ...modelInfo, duals: 'none' as const },
    assumptions,
  }
  if (sol.status === 'infeasible' || sol.status === 'unbounded_or_infeasible') {
    return { status: 'infeasible', ...empty, explanation: explainInfeasibility(p, solve) }
  }
  if (sol.status === 'unbounded') {
    return {
      status: 'unbounded',
      ...empty,
      explanation: {
        summary:
          'the objective can fall without limit: some variable has a negative cost and no upper bound',
        conflicts: [],
        also_binding: [],
      },
    }
  }
  if (sol.status !== 'optimal') {
    return {
      status: 'not_solved',
      ...empty,
      explanation: {
        summary: `the solver stopped without an optimum (${sol.status})`,
        conflicts: [],
        also_binding: [],
      },
    }
  }
  const ev = evaluate(p, built, sol.colValue)
  const binding = main.dualsKind === 'none' ? [] : bindingConstraints(p, built, main.duals)
  const frontier: FrontierPoint[] = []
  const points = input.objective?.frontier_points ?? DEFAULT_FRONTIER_POINTS
  if (opts.frontier !== false && p.scenarios.length > 0) {
    for (const mult of frontierMultipliers(points)) {
      const f = mult === 1 ? main : solveAt(p, mult, solve, opts)
      if (f.sol.status !== 'optimal') continue
      const fe = evaluate(p, f.built, f.sol.colValue)
      frontier.push({
        penalty_multiplier: mult,
        penalty_per_t: round(mult * Math.max(...p.penaltyPerT)),
        cost: round(fe.cost),
        expected_shortfall_t: round(fe.shortfall),
      })
    }
  }
  return {
    status: 'optimal',
    allocation: p.sources
      .map((s, i) => ({
        source: s.id,
        material: s.material,
        country: s.country,
        t: round(ev.xv[i] ?? 0),
        cost: round(s.unit_cost * (ev.xv[i] ?? 0)),
      }))
      .filter((a) => a.t > 0),
    cost: round(ev.cost),
    objective: round(sol.objective),
    expected_shortfall_t: round(ev.shortfall),
    stockpile: p.materials
      .map((mat, i) => ({
        material: mat.id,
        t: round(ev.kv[i] ?? 0),
        holding_cost: round((mat.stockpile?.holding_cost_per_t ?? 0) * (ev.kv[i] ?? 0)),
      }))
      .filter((s) => s.t > 0),
    shadow_prices: Object.fromEntries(binding.map((b) => [b.name, round(b.shadow_price)])),
    binding_constraints: binding.map((b) => ({ ...b, shadow_price: round(b.shadow_price) })),
    frontier,
    excluded_sources: excluded,
    model: modelInfo,
    assumptions,
  }
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6
}
