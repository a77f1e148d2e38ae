/**
 * Turns a merged accumulator and the folded chunk sums into the result contract: stockout probability,
 * quantiles of the first stockout day, recovery day, unmet demand and extra cost, per day and per material.
 */
import type { SensitivityRow, SimulationResult } from '../../contracts/scenario'
import { SCENARIO_VERSION } from '../../contracts/scenario'
import { dateFromDayNumber } from '../shared/months'
import type { Accumulator, ChunkSums } from './accumulator'
import { foldChunkSums } from './accumulator'
import type { CompiledModel } from './model'
import {
  INVENTORY_SKETCH,
  TONNES_SKETCH,
  USD_SKETCH,
  histogramQuantile,
  sketchQuantile,
  sketchSize,
} from './sketch'

export interface SummaryMeta {
  scenario: string
  start: string
  seed: number
  notes: string[]
  warnings: string[]
  sensitivity: SensitivityRow[]
  sensitivityRuns: number
}

type Outcome = Omit<SimulationResult['by_material'][number], 'material'>

export const QUANTILE_NOTE =
  'nearest-rank quantiles over runs; days exact; unmet tonnes and USD from log-linear sketches within 0.4%, daily inventory within 3.1% (relative)'

/** The headline numbers of one series (a material, or the last = the whole scenario). */
export function outcomeOf(
  model: CompiledModel,
  acc: Accumulator,
  folded: ReturnType<typeof foldChunkSums>,
  s: number
): Outcome {
  const H = acc.horizon
  const n = acc.runs
  const round = (x: number | null, digits = 6): number | null =>
    x === null ? null : Number(x.toFixed(digits))
  const tonnes = (q: number) =>
    round(
      sketchQuantile(
        TONNES_SKETCH,
        acc.unmetBins,
        s * sketchSize(TONNES_SKETCH),
        n,
        q,
        acc.unmetMin[s]!,
        acc.unmetMax[s]!
      )
    )
  const usd = (q: number) =>
    round(
      sketchQuantile(
        USD_SKETCH,
        acc.costBins,
        s * sketchSize(USD_SKETCH),
        n,
        q,
        acc.costMin[s]!,
        acc.costMax[s]!
      ),
      2
    )
  const days = (hist: Uint32Array, q: number) => histogramQuantile(hist, s * (H + 1), H + 1, q)
  const byDay: Outcome['by_day'] = []
  const invSize = sketchSize(INVENTORY_SKETCH)
  for (let t = 0; t < H; t++) {
    const di = s * H + t
    const inv = (q: number) =>
      acc.detail
        ? round(
            sketchQuantile(
              INVENTORY_SKETCH,
              acc.dayInventoryBins,
              di * invSize,
              n,
              q,
              acc.dayInventoryMin[di]!,
              acc.dayInventoryMax[di]!
            )
          )
        : null
    byDay.push({
      day: t,
      date: dateFromDayNumber(model.startDayNumber + t),
      p_stockout: n === 0 ? 0 : acc.dayStockout[di]! / n,
      inventory_t: { p10: inv(0.1), p50: inv(0.5), p90: inv(0.9) },
    })
  }
  return {
    stockout_probability: n === 0 ? 0 : acc.stockoutRuns[s]! / n,
    first_stockout_day: {
      p10: days(acc.firstHist, 0.1),
      p50: days(acc.firstHist, 0.5),
      p90: days(acc.firstHist, 0.9),
    },
    recovery_day: {
      p10: days(acc.recoveryHist, 0.1),
      p50: days(acc.recoveryHist, 0.5),
      p90: days(acc.recoveryHist, 0.9),
    },
    unmet_demand_t: {
      mean: n === 0 ? 0 : Number((folded.unmet[s]! / n).toFixed(6)),
      p10: tonnes(0.1),
      p50: tonnes(0.5),
      p90: tonnes(0.9),
    },
    extra_cost_usd: {
      mean: n === 0 ? 0 : Number((folded.cost[s]! / n).toFixed(2)),
      p10: usd(0.1),
      p50: usd(0.5),
      p90: usd(0.9),
    },
    demand_t_mean: n === 0 ? 0 : Number((folded.demand[s]! / n).toFixed(6)),
    by_day: byDay,
  }
}

/** The full result (sensitivity rows are computed separately and passed in `meta`). */
export function summarise(
  model: CompiledModel,
  acc: Accumulator,
  chunks: readonly ChunkSums[],
  meta: SummaryMeta
): SimulationResult {
  const folded = foldChunkSums(chunks, acc.series)
  const M = model.materials.length
  return {
    scenario: meta.scenario,
    schema_version: SCENARIO_VERSION,
    start: meta.start,
    horizon_days: model.horizon,
    runs: acc.runs,
    seed: meta.seed,
    ...outcomeOf(model, acc, folded, M),
    by_material: model.materials.map((m, s) => ({
      material: m.id,
      ...outcomeOf(model, acc, folded, s),
    })),
    sensitivity: meta.sensitivity,
    sensitivity_runs: meta.sensitivityRuns,
    quantiles: QUANTILE_NOTE,
    notes: meta.notes,
    warnings: meta.warnings,
  }
}
