/**
 * Runs a whole simulation (main pass + tornado passes) on `workers` threads, or in-process when `workers` is 0.
 * Same seed and run counts → the same result, whatever `workers` is. An AbortSignal stops the threads.
 */
import type { SimulationResult } from '../contracts/scenario'
import type { CompiledModel } from '../core/simulate/model'
import { runPassInline } from '../core/simulate/runChunks'
import { simulateModel, type Progress, type SimulateOptions } from '../core/simulate/simulateModel'
import { PoolClosedError, SimulationPool } from './SimulationPool'

export interface WorkerOptions {
  /** Worker threads; 0 runs on the calling thread. */
  workers: number
  onProgress?: (p: Progress) => void
  signal?: AbortSignal
}

export async function simulateWithWorkers(
  model: CompiledModel,
  options: SimulateOptions,
  run: WorkerOptions
): Promise<SimulationResult> {
  if (run.signal?.aborted) throw new PoolClosedError()
  if (run.workers <= 0) {
    return simulateModel(
      model,
      options,
      async (pass, tick) => {
        if (run.signal?.aborted) throw new PoolClosedError()
        return runPassInline(model, pass, tick)
      },
      run.onProgress
    )
  }
  const pool = new SimulationPool(run.workers)
  const abort = () => void pool.close()
  run.signal?.addEventListener('abort', abort, { once: true })
  try {
    return await simulateModel(
      model,
      options,
      (pass, tick) => pool.runPass(model, pass, tick),
      run.onProgress
    )
  } finally {
    run.signal?.removeEventListener('abort', abort)
    await pool.close()
  }
}
