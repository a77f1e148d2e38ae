/**
 * A simulation worker thread: runs the chunks it is sent into one accumulator per pass and returns it (buffers
 * transferred, not copied). Loaded through bootstrap.mjs, which registers tsx first.
 */
import { parentPort } from 'node:worker_threads'
import {
  accumulatorBuffers,
  createAccumulator,
  type Accumulator,
} from '../core/simulate/accumulator'
import type { CompiledModel } from '../core/simulate/model'
import { simulateChunk } from '../core/simulate/simulateChunk'
import type { FromWorker, ToWorker } from './protocol'

interface Pass {
  id: number
  model: CompiledModel
  seed: number
  overrides: Record<number, number>
  acc: Accumulator
}

const port = parentPort
if (!port) throw new Error('simulationWorker must run in a worker thread')
let current: Pass | undefined

const reply = (message: FromWorker, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer)

port.on('message', (message: ToWorker) => {
  try {
    if (message.type === 'pass') {
      current = {
        id: message.pass,
        model: message.model,
        seed: message.seed,
        overrides: message.overrides,
        acc: createAccumulator(
          message.model.materials.length,
          message.model.horizon,
          message.detail
        ),
      }
    } else if (message.type === 'chunk') {
      if (!current || current.id !== message.pass)
        throw new Error(`chunk for unknown pass ${message.pass}`)
      const { sums } = simulateChunk(
        current.model,
        {
          seed: current.seed,
          runStart: message.plan.start,
          runCount: message.plan.count,
          overrides: current.overrides,
        },
        current.acc
      )
      reply({ type: 'chunk', pass: message.pass, sums: { ...sums, index: message.plan.index } })
    } else {
      if (!current || current.id !== message.pass)
        throw new Error(`end of unknown pass ${message.pass}`)
      const acc = current.acc
      current = undefined
      reply({ type: 'accumulator', pass: message.pass, acc }, accumulatorBuffers(acc))
    }
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e))
    reply({ type: 'error', message: err.message, stack: err.stack })
  }
})
