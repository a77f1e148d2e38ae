import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InputError, RefusedError } from '../contracts/errors'
import { plainScenario, syntheticScenario } from '../core/simulate/fixtures'
import { withDatabase } from '../db/Database'
import { initDatabase } from './database'
import {
  SimulationJobs,
  prepareRun,
  readScenarioFile,
  runPrepared,
  scenarioFromValue,
  type WithDatabase,
} from './simulate'

const until = async (check: () => boolean, ms = 60_000) => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('simulate service', () => {
  const dir = mkdtempSync(join(tmpdir(), 'simulate-'))
  const dbPath = join(dir, 's.duckdb')
  const withDb: WithDatabase = (fn) => withDatabase(dbPath, {}, fn)
  beforeAll(async () => {
    await withDatabase(dbPath, {}, (db) => initDatabase(db, '2026-11-28T00:00:00Z'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('runs each reference scenario against the stored rulebook and projects', async () => {
    for (const name of ['eu-motor-2025-licensing', 'jp-defence-2026-ban', 'replay-2010-quota']) {
      const run = await prepareRun(
        await readScenarioFile(`examples/scenarios/${name}.yaml`),
        withDb
      )
      const r = await runPrepared(run, { runs: 300, sensitivityRuns: 0, workers: 0 })
      expect(r.runs).toBe(300)
      expect(r.stockout_probability).toBeGreaterThan(0)
    }
  })

  it('checks measure links in the database before running', async () => {
    const source = scenarioFromValue(
      {
        ...plainScenario(),
        disruptions: [
          {
            id: 'x',
            measure: 'cn-no-such-measure',
            applies_to: { supplier_country: 'CHN' },
            effect: { type: 'ban' },
          },
        ],
      },
      'request body'
    )
    const e = await prepareRun(source, withDb).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(InputError)
    expect((e as InputError).issues[0]).toMatchObject({
      code: 'unknown_measure',
      file: 'request body',
      path: ['disruptions', 0, 'measure'],
    })
  })

  it('rolls demand up from an exposure file next to the scenario', async () => {
    const file = join(dir, 'expo.yaml')
    writeFileSync(
      file,
      JSON.stringify({
        ...plainScenario(),
        materials: [
          {
            id: 'dy_magnet',
            demand_from_exposure: {
              file: join(process.cwd(), 'examples/ev-traction-motor.csv'),
              element: 'Dy',
            },
          },
        ],
      })
    )
    const run = await prepareRun(await readScenarioFile(file), withDb)
    // 2,200 kg of Dy a year (examples/README.md hand check) = 2.2 t / 365 per day.
    const r = await runPrepared(run, { runs: 5, sensitivityRuns: 0, workers: 0 })
    expect(r.demand_t_mean).toBeCloseTo((2.2 / 365) * 120, 5)
    expect(r.notes.some((n) => n.includes('2200.00 kg/yr of Dy'))).toBe(true)
    // Without file access (an API body) the key is refused, not guessed.
    const body = scenarioFromValue(
      {
        ...plainScenario(),
        materials: [{ id: 'dy_magnet', demand_from_exposure: { file: 'x.csv', element: 'Dy' } }],
      },
      'request body'
    )
    const refused = await prepareRun(body, withDb).catch((x: unknown) => x)
    expect((refused as InputError).issues[0]!.code).toBe('exposure_unavailable')
  })
})

describe('simulation jobs', () => {
  const now = () => '2026-11-28T00:00:00Z'
  const prepared = async (runs = 1) =>
    prepareRun(scenarioFromValue(syntheticScenario(1, 4, runs === 1 ? 60 : 730), 'body'), undefined)

  it('runs a job to its result, with progress', async () => {
    const jobs = new SimulationJobs(now, {
      maxRunning: 1,
      maxQueued: 2,
      maxStored: 5,
      workersPerJob: 1,
      maxWork: 1e12,
    })
    const run = await prepared()
    const job = jobs.start(run, { runs: 600, seed: 3, sensitivityRuns: 0 })
    expect(job.status).toMatch(/queued|running/)
    expect(job.progress).toEqual({ done_runs: 0, total_runs: 600, fraction: 0 })
    await until(() => jobs.get(job.id)?.status === 'done')
    const done = jobs.get(job.id)!
    expect(done.progress.fraction).toBe(1)
    expect(done.result?.runs).toBe(600)
    expect(done.finished_at).toBe(now())
    await jobs.close()
  })

  it('bounds the queue, refuses oversized jobs, cancels, and stops everything on close', async () => {
    const jobs = new SimulationJobs(now, {
      maxRunning: 1,
      maxQueued: 1,
      maxStored: 5,
      workersPerJob: 1,
      maxWork: 1e10,
    })
    const big = await prepared(2)
    const first = jobs.start(big, { runs: 20_000, sensitivityRuns: 0 })
    const second = jobs.start(big, { runs: 20_000, sensitivityRuns: 0 })
    expect(() => jobs.start(big, { runs: 100, sensitivityRuns: 0 })).toThrow(RefusedError)
    expect(() => jobs.start(big, { runs: 200_000, sensitivityRuns: 200_000 })).toThrow(InputError)
    expect(jobs.cancel(second.id)).toBe(true)
    expect(jobs.get(second.id)?.status).toBe('cancelled')
    await until(() => (jobs.get(first.id)?.progress.done_runs ?? 0) > 0)
    await jobs.close()
    expect(jobs.get(first.id)?.status).toBe('cancelled')
    expect(() => jobs.start(big, { runs: 10 })).toThrow(RefusedError)
  })

  it('keeps only the newest finished jobs', async () => {
    const jobs = new SimulationJobs(now, {
      maxRunning: 1,
      maxQueued: 10,
      maxStored: 2,
      workersPerJob: 1,
      maxWork: 1e12,
    })
    const run = await prepared()
    const ids = [1, 2, 3].map(() => jobs.start(run, { runs: 10, sensitivityRuns: 0 }).id)
    await until(() => jobs.get(ids[2]!)?.status === 'done')
    expect(jobs.get(ids[0]!)).toBeUndefined()
    expect(jobs.get(ids[1]!)?.status).toBe('done')
    await jobs.close()
  })
})
