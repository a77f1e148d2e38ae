/**
 * `npm run bench -- simulate [--runs=N]`: the Monte Carlo engine on 10,000 runs x 730 days x 50 supplier–material
 * lanes (5 materials x 10 suppliers, every disruption type, substitution and stockpiles: fixtures.syntheticScenario).
 * Measured in one process: wall time on 2 and on 1 worker threads (target < 5 s on two cores), throughput in
 * run·day·lane per second, the ratio against the straightforward object-per-run implementation of the same
 * model on one thread (target >= 20x), and peak memory. Writes bench/results/simulate.json.
 */
import { availableParallelism, loadavg } from 'node:os'
import { scenarioSchema } from '../src/contracts/scenario'
import { createAccumulator, accumulatorBuffers } from '../src/core/simulate/accumulator'
import { syntheticScenario } from '../src/core/simulate/fixtures'
import { prepareScenario } from '../src/core/simulate/prepareScenario'
import { referenceSimulate } from '../src/core/simulate/referenceSummary'
import { runPassInline } from '../src/core/simulate/runChunks'
import { summarise } from '../src/core/simulate/summarise'
import type { CompiledModel } from '../src/core/simulate/model'
import { SimulationPool } from '../src/workers/SimulationPool'
import { peakRssMb, writeResults, type BenchRow } from './results'

const MATERIALS = 5
const SUPPLIERS_PER_MATERIAL = 10
const DAYS = 730
const SEED = 20250404

function modelOf(): CompiledModel {
  const prepared = prepareScenario(
    scenarioSchema.parse(syntheticScenario(MATERIALS, SUPPLIERS_PER_MATERIAL, DAYS))
  )
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.error))
  return prepared.value.model
}

/** CPU seconds of this process (every thread) spent in `f`. */
function cpuSeconds<T>(f: () => T): { value: T; seconds: number } {
  const before = process.cpuUsage()
  const value = f()
  const used = process.cpuUsage(before)
  return { value, seconds: (used.user + used.system) / 1e6 }
}

async function timePool(model: CompiledModel, workers: number, runs: number) {
  const pool = new SimulationPool(workers)
  try {
    // Warm-up pass: starts the threads (tsx registration, module load) and lets V8 optimise the kernel.
    await pool.runPass(model, { runs: 1000, seed: 1, detail: true })
    const cpuBefore = process.cpuUsage()
    const started = performance.now()
    const pass = await pool.runPass(model, { runs, seed: SEED, detail: true })
    const seconds = (performance.now() - started) / 1000
    const cpu = process.cpuUsage(cpuBefore)
    const cpuSecondsUsed = (cpu.user + cpu.system) / 1e6
    const result = summarise(model, pass.acc, pass.chunks, {
      scenario: 'bench',
      start: '2025-01-06',
      seed: SEED,
      notes: [],
      warnings: [],
      sensitivity: [],
      sensitivityRuns: 0,
    })
    return { seconds, cpuSeconds: cpuSecondsUsed, result }
  } finally {
    await pool.close()
  }
}

export async function main(args: string[]): Promise<void> {
  const flag = args.find((a) => a.startsWith('--runs='))
  const runs = flag ? Number(flag.slice('--runs='.length)) : 10_000
  const model = modelOf()
  const lanes = model.lanes.length
  const loadAtStart = loadavg()[0]!
  const work = runs * DAYS * lanes
  process.stdout.write(
    `${runs} runs x ${DAYS} days x ${lanes} lanes on ${availableParallelism()} cores (${model.params.length} parameters)\n`
  )

  const two = await timePool(model, 2, runs)
  const memoryAfterEngine = peakRssMb()
  const one = await timePool(model, 1, runs)
  if (JSON.stringify(one.result) !== JSON.stringify(two.result))
    throw new Error('1 and 2 workers gave different results: determinism is broken')

  // Same model, one thread each: the vectorised kernel against the object-per-run reference. The reference keeps
  // every path for exact quantiles, so it runs fewer runs. Both warm up first, then alternate three times; the
  // best CPU time per run of each counts (the machine may be shared: CPU time, best of three, is the steadier).
  const vectorRuns = 1000
  const referenceRuns = 100
  runPassInline(model, { runs: 500, seed: 1, detail: true })
  referenceSimulate(model, { runs: 20, seed: 1, scenario: 'warm-up', start: '2025-01-06' })
  let vectorPerRun = Infinity
  let referencePerRun = Infinity
  for (let k = 0; k < 3; k++) {
    const v = cpuSeconds(() =>
      runPassInline(model, { runs: vectorRuns, seed: SEED + k, detail: true })
    )
    vectorPerRun = Math.min(vectorPerRun, v.seconds / vectorRuns)
    const r = cpuSeconds(() =>
      referenceSimulate(model, {
        runs: referenceRuns,
        seed: SEED + k,
        scenario: 'b',
        start: '2025-01-06',
      })
    )
    referencePerRun = Math.min(referencePerRun, r.seconds / referenceRuns)
  }
  const vectorRate = (DAYS * lanes) / vectorPerRun
  const referenceRate = (DAYS * lanes) / referencePerRun

  const accumulatorMb =
    accumulatorBuffers(createAccumulator(MATERIALS, DAYS, true)).reduce(
      (s, b) => s + b.byteLength,
      0
    ) /
    2 ** 20
  const rows: BenchRow[] = [
    {
      name: `${runs} runs x ${DAYS} d x ${lanes} lanes, 2 workers`,
      metric: 'seconds, wall (target < 5; ratio = target / value)',
      value: two.seconds,
      peer: 'target',
      peer_value: 5,
      ratio: 5 / two.seconds,
    },
    {
      name: 'throughput, 2 workers',
      metric: 'run·day·lane per second, wall',
      value: work / two.seconds,
      peer: '1 worker',
      peer_value: work / one.seconds,
      ratio: one.seconds / two.seconds,
    },
    {
      name: 'vectorised kernel, 1 thread',
      metric: 'run·day·lane per CPU second (target ratio >= 20)',
      value: vectorRate,
      peer: 'object-per-run reference, 1 thread',
      peer_value: referenceRate,
      ratio: vectorRate / referenceRate,
    },
    {
      name: `${runs} runs, 2 workers: CPU time`,
      metric: 'seconds, all threads (wall / CPU shows how busy the machine was)',
      value: two.cpuSeconds,
      peer: '1 worker, CPU time',
      peer_value: one.cpuSeconds,
      ratio: one.cpuSeconds / two.cpuSeconds,
    },
    {
      name: 'speed-up from 1 to 2 workers',
      metric: 'seconds, wall (ratio = 1 worker / 2 workers)',
      value: two.seconds,
      peer: '1 worker',
      peer_value: one.seconds,
      ratio: one.seconds / two.seconds,
    },
    {
      name: 'peak memory after the 2-worker run',
      metric: 'MB, resident (main thread + workers)',
      value: memoryAfterEngine,
      peer: null,
      peer_value: null,
      ratio: null,
    },
    {
      name: 'streaming accumulator (per thread)',
      metric: 'MB, independent of the number of runs',
      value: accumulatorMb,
      peer: null,
      peer_value: null,
      ratio: null,
    },
    {
      name: 'machine load at start (other processes)',
      metric: '1-minute load average; above the core count, wall times and the speed-up suffer',
      value: loadAtStart,
      peer: 'cores',
      peer_value: availableParallelism(),
      ratio: null,
    },
    {
      name: 'result check',
      metric: 'stockout probability (identical with 1 and 2 workers)',
      value: two.result.stockout_probability,
      peer: null,
      peer_value: null,
      ratio: null,
    },
  ]
  writeResults('simulate', rows)
}
