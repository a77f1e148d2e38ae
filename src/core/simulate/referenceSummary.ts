/**
 * Summary of the reference implementation: every run's path is kept and sorted, so its quantiles are exact.
 * Same contract as `summarise`, so the benchmark compares like with like and tests can compare numbers.
 */
import { SCENARIO_VERSION, type SimulationResult } from '../../contracts/scenario'
import { dateFromDayNumber } from '../shared/months'
import type { CompiledModel } from './model'
import { referenceRun, type ReferenceRecord, type ReferenceRun } from './referenceSimulate'
import { QUANTILE_NOTE } from './summarise'

type Outcome = Omit<SimulationResult['by_material'][number], 'material'>

/** Nearest-rank quantile of sorted values (value at rank ceil(q n)). */
function rankQuantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!
}

/** Day quantiles with "never" (-1) ranked after every day: null when the rank falls there. */
function dayQuantile(days: readonly number[], q: number): number | null {
  const sorted = days.map((d) => (d < 0 ? Infinity : d)).sort((a, b) => a - b)
  const v = rankQuantile(sorted, q)
  return v === null || v === Infinity ? null : v
}

function outcome(model: CompiledModel, items: readonly ReferenceRecord[]): Outcome {
  const n = items.length
  const H = model.horizon
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)
  const unmet = sorted(items.map((x) => x.unmet))
  const cost = sorted(items.map((x) => x.cost))
  const short = items.filter((x) => x.firstOut >= 0)
  const recovery = short.map((x) => (x.lastOut < H - 1 ? x.lastOut + 1 : -1))
  const q3 = (f: (q: number) => number | null) => ({ p10: f(0.1), p50: f(0.5), p90: f(0.9) })
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, n)
  const shortByDay = new Array<number>(H).fill(0)
  for (const x of items) for (const t of x.shortDays) shortByDay[t] = shortByDay[t]! + 1
  const byDay: Outcome['by_day'] = []
  for (let t = 0; t < H; t++) {
    const inventory = sorted(items.map((x) => x.inventory[t]!))
    byDay.push({
      day: t,
      date: dateFromDayNumber(model.startDayNumber + t),
      p_stockout: shortByDay[t]! / n,
      inventory_t: q3((q) => rankQuantile(inventory, q)),
    })
  }
  return {
    stockout_probability: short.length / n,
    first_stockout_day: q3((q) =>
      dayQuantile(
        items.map((x) => x.firstOut),
        q
      )
    ),
    recovery_day: q3((q) => dayQuantile(recovery, q)),
    unmet_demand_t: { mean: mean(items.map((x) => x.unmet)), ...q3((q) => rankQuantile(unmet, q)) },
    extra_cost_usd: { mean: mean(items.map((x) => x.cost)), ...q3((q) => rankQuantile(cost, q)) },
    demand_t_mean: mean(items.map((x) => x.demand)),
    by_day: byDay,
  }
}

/** Runs `runs` reference runs and summarises them exactly (no sensitivity). */
export function referenceSimulate(
  model: CompiledModel,
  options: { runs: number; seed: number; scenario: string; start: string }
): SimulationResult {
  const runs: ReferenceRun[] = []
  for (let r = 0; r < options.runs; r++) runs.push(referenceRun(model, options.seed, r))
  return {
    scenario: options.scenario,
    schema_version: SCENARIO_VERSION,
    start: options.start,
    horizon_days: model.horizon,
    runs: options.runs,
    seed: options.seed,
    ...outcome(
      model,
      runs.map((run) => run.total)
    ),
    by_material: model.materials.map((m, k) => ({
      material: m.id,
      ...outcome(
        model,
        runs.map((run) => run.materials[k]!)
      ),
    })),
    sensitivity: [],
    sensitivity_runs: 0,
    quantiles: `${QUANTILE_NOTE} (reference: exact)`,
    notes: [],
    warnings: [],
  }
}
