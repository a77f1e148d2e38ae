/**
 * A pool of simulation worker threads. A pass is split into fixed chunks (core/simulate/runChunks) handed out
 * one at a time to whichever worker is free; each worker returns one accumulator per pass (integer counts, merged
 * exactly) and one float-sum record per chunk (folded in chunk order). So the result depends on the seed and the
 * run count, never on the number of workers or on scheduling.
 */
import { Worker } from 'node:worker_threads'
import { createAccumulator, mergeAccumulator, type ChunkSums } from '../core/simulate/accumulator'
import type { CompiledModel } from '../core/simulate/model'
import { planChunks, type PassOptions, type PassResult } from '../core/simulate/runChunks'
import type { FromWorker, ToWorker } from './protocol'

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url)

/** The pool was closed or its job cancelled while a pass was running. */
export class PoolClosedError extends Error {
  readonly code = 'cancelled'
  constructor(message = 'simulation cancelled') {
    super(message)
  }
}

export class SimulationPool {
  private readonly workers: Worker[] = []
  private closed = false
  private passes = 0
  private failPass: ((e: Error) => void) | undefined
  /** Set when a thread died: the pool cannot run passes any more. */
  private broken: Error | undefined

  /** Starts `size` worker threads (at least one). */
  constructor(readonly size: number) {
    for (let k = 0; k < Math.max(1, size); k++) {
      const worker = new Worker(BOOTSTRAP)
      worker.on('error', (e) => this.fail(e))
      worker.on('exit', (code) => {
        if (!this.closed) this.fail(new Error(`simulation worker exited with code ${code}`))
      })
      this.workers.push(worker)
    }
  }

  /** Runs one pass over the pool; `onRuns(n)` is called as chunks of n runs finish. */
  runPass(
    model: CompiledModel,
    options: PassOptions,
    onRuns: (n: number) => void = () => {}
  ): Promise<PassResult> {
    if (this.closed) return Promise.reject(new PoolClosedError())
    if (this.broken) return Promise.reject(this.broken)
    if (this.failPass) return Promise.reject(new Error('a pass is already running on this pool'))
    const pass = ++this.passes
    const queue = planChunks(options.runs)
    const acc = createAccumulator(model.materials.length, model.horizon, options.detail)
    const chunks: ChunkSums[] = []
    let waiting = this.workers.length
    return new Promise<PassResult>((resolve, reject) => {
      const listeners = new Map<Worker, (m: FromWorker) => void>()
      const finish = (error?: Error) => {
        for (const [worker, listener] of listeners) worker.off('message', listener)
        this.failPass = undefined
        if (error) reject(error)
        else resolve({ acc, chunks })
      }
      this.failPass = (e) => finish(e)
      const send = (worker: Worker, message: ToWorker) => worker.postMessage(message)
      const feed = (worker: Worker) => {
        const plan = queue.shift()
        if (plan) send(worker, { type: 'chunk', pass, plan })
        else send(worker, { type: 'end', pass })
      }
      for (const worker of this.workers) {
        const listener = (message: FromWorker) => {
          if (message.type === 'error')
            return finish(new Error(`simulation worker: ${message.message}`))
          if (message.pass !== pass) return
          if (message.type === 'chunk') {
            chunks.push(message.sums)
            onRuns(message.sums.runs)
            feed(worker)
          } else {
            mergeAccumulator(acc, message.acc)
            if (--waiting === 0) finish()
          }
        }
        listeners.set(worker, listener)
        worker.on('message', listener)
        send(worker, {
          type: 'pass',
          pass,
          model,
          seed: options.seed,
          detail: options.detail,
          overrides: { ...(options.overrides ?? {}) },
        })
        feed(worker)
      }
    })
  }

  private fail(e: Error): void {
    this.broken ??= e
    this.failPass?.(e)
  }

  /** Stops every worker; a running pass fails with PoolClosedError. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.failPass?.(new PoolClosedError())
    await Promise.all(this.workers.map((w) => w.terminate()))
  }
}
