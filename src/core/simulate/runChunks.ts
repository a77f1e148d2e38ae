/**
 * How runs are split and run in-process: fixed-size chunks (their size depends on nothing but the run count),
 * so a chunk's float sums — and therefore the folded totals — are the same whichever thread computes it.
 */
import { createAccumulator, type Accumulator, type ChunkSums } from './accumulator'
import type { CompiledModel } from './model'
import { simulateChunk } from './simulateChunk'

/** Runs per chunk: enough for the vector loops, few enough that a chunk's arrays stay in the core's cache. */
export const CHUNK_RUNS = 128

export interface ChunkPlan {
  index: number
  start: number
  count: number
}

export function planChunks(runs: number): ChunkPlan[] {
  const out: ChunkPlan[] = []
  for (let start = 0, index = 0; start < runs; start += CHUNK_RUNS, index++)
    out.push({ index, start, count: Math.min(CHUNK_RUNS, runs - start) })
  return out
}

export interface PassOptions {
  runs: number
  seed: number
  /** Per-day inventory sketches (the main pass); tornado passes skip them. */
  detail: boolean
  overrides?: Readonly<Record<number, number>>
}

export interface PassResult {
  acc: Accumulator
  chunks: ChunkSums[]
}

/** Runs every chunk of a pass on this thread (no workers). */
export function runPassInline(
  model: CompiledModel,
  options: PassOptions,
  onChunk?: (runsDone: number) => void
): PassResult {
  const acc = createAccumulator(model.materials.length, model.horizon, options.detail)
  const chunks: ChunkSums[] = []
  for (const plan of planChunks(options.runs)) {
    const { sums } = simulateChunk(
      model,
      {
        seed: options.seed,
        runStart: plan.start,
        runCount: plan.count,
        ...(options.overrides ? { overrides: options.overrides } : {}),
      },
      acc
    )
    chunks.push({ ...sums, index: plan.index })
    onChunk?.(plan.count)
  }
  return { acc, chunks }
}
