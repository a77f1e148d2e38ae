/**
 * The tornado: each uncertain input is fixed at its 10th and then its 90th percentile (every other input keeps
 * its distribution, and the same seed gives common random numbers), and the change in mean unmet demand,
 * stockout probability and mean extra cost is recorded. Rows are sorted by the swing in unmet demand.
 */
import type { SensitivityRow } from '../../contracts/scenario'
import { foldChunkSums } from './accumulator'
import { isConstant, quantileOf } from './distributions'
import type { CompiledModel } from './model'
import type { PassResult } from './runChunks'

export const TORNADO_LOW = 0.1
export const TORNADO_HIGH = 0.9

export interface TornadoBar {
  param: number
  label: string
  lowInput: number
  highInput: number
}

/** The inputs with a distribution (constants have no bar). */
export function tornadoBars(model: CompiledModel): TornadoBar[] {
  const out: TornadoBar[] = []
  model.params.forEach((p, param) => {
    if (isConstant(p.dist)) return
    out.push({
      param,
      label: p.label,
      lowInput: quantileOf(p.dist, TORNADO_LOW),
      highInput: quantileOf(p.dist, TORNADO_HIGH),
    })
  })
  return out
}

/** Headline numbers of a pass for the whole scenario (the last series). */
export function passHeadline(pass: PassResult): {
  unmetMean: number
  stockoutProbability: number
  costMean: number
} {
  const a = pass.acc
  const s = a.series - 1
  const folded = foldChunkSums(pass.chunks, a.series)
  const n = a.runs
  return {
    unmetMean: n === 0 ? 0 : folded.unmet[s]! / n,
    stockoutProbability: n === 0 ? 0 : a.stockoutRuns[s]! / n,
    costMean: n === 0 ? 0 : folded.cost[s]! / n,
  }
}

/** Rows from the low and high pass of each bar, largest swing first. */
export function tornadoRows(
  bars: readonly TornadoBar[],
  passes: readonly { low: PassResult; high: PassResult }[]
): SensitivityRow[] {
  const r6 = (x: number) => Number(x.toFixed(6))
  const r2 = (x: number) => Number(x.toFixed(2))
  return bars
    .map((bar, k): SensitivityRow => {
      const low = passHeadline(passes[k]!.low)
      const high = passHeadline(passes[k]!.high)
      return {
        parameter: bar.label,
        low_input: r6(bar.lowInput),
        high_input: r6(bar.highInput),
        unmet_demand_t_mean: { low: r6(low.unmetMean), high: r6(high.unmetMean) },
        stockout_probability: {
          low: r6(low.stockoutProbability),
          high: r6(high.stockoutProbability),
        },
        extra_cost_usd_mean: { low: r2(low.costMean), high: r2(high.costMean) },
        swing_t: r6(Math.abs(high.unmetMean - low.unmetMean)),
      }
    })
    .sort(
      (a, b) =>
        b.swing_t - a.swing_t ||
        Math.abs(b.stockout_probability.high - b.stockout_probability.low) -
          Math.abs(a.stockout_probability.high - a.stockout_probability.low) ||
        a.parameter.localeCompare(b.parameter)
    )
}
