import { describe, expect, it } from 'vitest'
import { syntheticScenario } from '../core/simulate/fixtures'
import { modelOf } from '../core/simulate/testing'
import { PoolClosedError, SimulationPool } from './SimulationPool'
import { simulateWithWorkers } from './simulateWithWorkers'

const options = (runs: number, sensitivityRuns = 0) => ({
  runs,
  seed: 42,
  sensitivityRuns,
  scenario: 'synthetic',
  start: '2025-01-06',
  notes: [],
  warnings: [],
})

describe('simulateWithWorkers', () => {
  it('gives identical results with 0 (in-process), 1, 2 and 3 workers', async () => {
    const model = modelOf(syntheticScenario(2, 4, 120))
    // 1,100 runs = nine chunks, the last one short; with sensitivity passes too.
    const results = []
    for (const workers of [0, 1, 2, 3]) {
      results.push(await simulateWithWorkers(model, options(1100, 40), { workers }))
    }
    for (const r of results.slice(1)) expect(r).toEqual(results[0])
    expect(results[0]!.sensitivity.length).toBeGreaterThan(0)
    expect(results[0]!.runs).toBe(1100)
  })

  it('reports progress up to the planned total', async () => {
    const model = modelOf(syntheticScenario(1, 4, 60))
    const seen: number[] = []
    await simulateWithWorkers(model, options(1200), {
      workers: 2,
      onProgress: (p) => {
        seen.push(p.doneRuns)
        expect(p.totalRuns).toBe(1200)
      },
    })
    expect(seen[seen.length - 1]).toBe(1200)
    expect([...seen].sort((a, b) => a - b)).toEqual(seen)
  })

  it('stops when aborted', async () => {
    const model = modelOf(syntheticScenario(3, 4, 730))
    const controller = new AbortController()
    const running = simulateWithWorkers(model, options(20_000), {
      workers: 2,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    })
    await expect(running).rejects.toBeInstanceOf(PoolClosedError)
  })

  it('refuses work after close', async () => {
    const pool = new SimulationPool(1)
    await pool.close()
    const model = modelOf(syntheticScenario(1, 4, 10))
    await expect(pool.runPass(model, { runs: 10, seed: 1, detail: false })).rejects.toBeInstanceOf(
      PoolClosedError
    )
  })
})

describe('SimulationPool', () => {
  it('fails passes once a thread has died instead of waiting for it', async () => {
    const pool = new SimulationPool(1)
    const model = modelOf(syntheticScenario(1, 4, 10))
    await pool.runPass(model, { runs: 10, seed: 1, detail: false })
    // A thread that dies (here: ended from outside) must make later passes fail, not hang.
    const worker = (pool as unknown as { workers: { terminate(): Promise<number> }[] }).workers[0]!
    await worker.terminate()
    await expect(pool.runPass(model, { runs: 10, seed: 1, detail: false })).rejects.toThrow(
      /exited/
    )
    await pool.close()
  })
})
