/** Messages between the pool (main thread) and a simulation worker. */
import type { Accumulator, ChunkSums } from '../core/simulate/accumulator'
import type { CompiledModel } from '../core/simulate/model'
import type { ChunkPlan } from '../core/simulate/runChunks'

export type ToWorker =
  /** Start a pass: the worker makes an empty accumulator for it. */
  | {
      type: 'pass'
      pass: number
      model: CompiledModel
      seed: number
      detail: boolean
      overrides: Record<number, number>
    }
  | { type: 'chunk'; pass: number; plan: ChunkPlan }
  /** No more chunks for this worker: send the accumulator back. */
  | { type: 'end'; pass: number }

export type FromWorker =
  | { type: 'chunk'; pass: number; sums: ChunkSums }
  | { type: 'accumulator'; pass: number; acc: Accumulator }
  | { type: 'error'; message: string; stack: string | undefined }
