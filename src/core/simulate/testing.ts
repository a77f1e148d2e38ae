/**
 * Test helpers: parse a scenario input, prepare it (throwing on issues) and run it in-process. Test-only.
 */
import { scenarioSchema, type ScenarioInput } from '../../contracts/scenario'
import { formatIssue } from '../shared/result'
import { createAccumulator } from './accumulator'
import type { CompiledModel } from './model'
import { prepareScenario } from './prepareScenario'
import type { ResolveContext } from './resolveScenario'
import { runPassInline } from './runChunks'
import type { RunTotals } from './runTotals'
import { simulateChunk } from './simulateChunk'
import { simulateModel } from './simulateModel'
import type { SimulationResult } from '../../contracts/scenario'

export function modelOf(input: ScenarioInput, ctx: ResolveContext = {}): CompiledModel {
  const prepared = prepareScenario(scenarioSchema.parse(input), ctx)
  if (!prepared.ok) throw new Error(prepared.error.map(formatIssue).join('\n'))
  return prepared.value.model
}

/** Per-run totals of runs [0, runs). */
export function runTotals(model: CompiledModel, runs: number, seed: number): RunTotals {
  const acc = createAccumulator(model.materials.length, model.horizon, false)
  const { totals } = simulateChunk(model, { seed, runStart: 0, runCount: runs, collect: true }, acc)
  if (!totals) throw new Error('no totals collected')
  return totals
}

/** Stockout probability of the whole scenario over `runs` runs. */
export function stockoutProbability(model: CompiledModel, runs: number, seed: number): number {
  const { acc } = runPassInline(model, { runs, seed, detail: false })
  return acc.stockoutRuns[acc.series - 1]! / acc.runs
}

export function simulateInline(
  model: CompiledModel,
  runs: number,
  seed: number,
  sensitivityRuns = 0
): Promise<SimulationResult> {
  return simulateModel(
    model,
    { runs, seed, sensitivityRuns, scenario: 'test', start: 'test', notes: [], warnings: [] },
    async (options, tick) => runPassInline(model, options, tick)
  )
}
