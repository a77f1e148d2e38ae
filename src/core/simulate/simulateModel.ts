/**
 * One simulation: the main pass (with per-day detail) and, when asked, the tornado passes, run through a pass
 * runner — in-process (`runPassInline`) or on worker threads (src/workers) — and summarised.
 */
import type { SimulationResult } from '../../contracts/scenario'
import type { PassOptions, PassResult } from './runChunks'
import type { CompiledModel } from './model'
import { TORNADO_HIGH, TORNADO_LOW, tornadoBars, tornadoRows } from './sensitivity'
import { summarise } from './summarise'

/** Runs one pass; calls `onRuns(n)` as chunks of n runs finish. */
export type PassRunner = (options: PassOptions, onRuns: (n: number) => void) => Promise<PassResult>

export interface SimulateOptions {
  runs: number
  seed: number
  /** Runs per tornado pass (two passes per uncertain input); 0 = no sensitivity. */
  sensitivityRuns: number
  scenario: string
  start: string
  notes: string[]
  warnings: string[]
}

export interface Progress {
  doneRuns: number
  totalRuns: number
}

/** Total runs a simulation will make (main pass + tornado passes), for progress reporting. */
export function plannedRuns(model: CompiledModel, runs: number, sensitivityRuns: number): number {
  return runs + (sensitivityRuns > 0 ? 2 * tornadoBars(model).length * sensitivityRuns : 0)
}

export async function simulateModel(
  model: CompiledModel,
  options: SimulateOptions,
  runPass: PassRunner,
  onProgress?: (p: Progress) => void
): Promise<SimulationResult> {
  const bars = options.sensitivityRuns > 0 ? tornadoBars(model) : []
  const total = plannedRuns(model, options.runs, options.sensitivityRuns)
  let done = 0
  const tick = (n: number) => {
    done += n
    onProgress?.({ doneRuns: done, totalRuns: total })
  }
  const main = await runPass({ runs: options.runs, seed: options.seed, detail: true }, tick)
  const passes: { low: PassResult; high: PassResult }[] = []
  for (const bar of bars) {
    const pass = (u: number) =>
      runPass(
        {
          runs: options.sensitivityRuns,
          seed: options.seed,
          detail: false,
          overrides: { [bar.param]: u },
        },
        tick
      )
    const low = await pass(TORNADO_LOW)
    const high = await pass(TORNADO_HIGH)
    passes.push({ low, high })
  }
  return summarise(model, main.acc, main.chunks, {
    scenario: options.scenario,
    start: options.start,
    seed: options.seed,
    notes: options.notes,
    warnings: options.warnings,
    sensitivity: tornadoRows(bars, passes),
    sensitivityRuns: bars.length > 0 ? options.sensitivityRuns : 0,
  })
}
