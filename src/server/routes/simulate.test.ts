import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withDatabase } from '../../db/Database'
import { initDatabase } from '../../services/database'
import { buildApp } from '../app'

describe('simulation routes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'simulate-api-'))
  const dbPath = join(dir, 's.duckdb')
  let app: Awaited<ReturnType<typeof buildApp>>['app']
  beforeAll(async () => {
    await withDatabase(dbPath, {}, (db) => initDatabase(db, '2026-11-28T00:00:00Z'))
    app = (await buildApp({ dbPath, dbIdleMs: 50 })).app
  })
  afterAll(async () => {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const poll = async (id: string) => {
    for (;;) {
      const r = await app.inject({ method: 'GET', url: `/api/simulations/${id}` })
      expect(r.statusCode).toBe(200)
      const job = r.json()
      if (job.status !== 'queued' && job.status !== 'running') return job
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  it('runs each reference scenario sent as YAML text: 202 with id and progress, then the result', async () => {
    for (const name of ['eu-motor-2025-licensing', 'jp-defence-2026-ban', 'replay-2010-quota']) {
      const start = await app.inject({
        method: 'POST',
        url: '/api/simulations',
        payload: {
          scenario: readFileSync(`examples/scenarios/${name}.yaml`, 'utf8'),
          runs: 400,
          sensitivity_runs: 20,
        },
      })
      expect(start.statusCode).toBe(202)
      const job = start.json()
      expect(job.id).toMatch(/^[0-9a-f-]{36}$/)
      expect(start.headers['location']).toBe(`/api/simulations/${job.id}`)
      expect(job.progress.total_runs).toBeGreaterThan(400)
      const done = await poll(job.id)
      expect(done.status).toBe('done')
      expect(done.progress.fraction).toBe(1)
      expect(done.result.runs).toBe(400)
      expect(done.result.sensitivity.length).toBeGreaterThan(0)
    }
  })

  it('rejects bad input with 400 before starting: line and field for text, path for objects', async () => {
    const text = readFileSync('examples/scenarios/jp-defence-2026-ban.yaml', 'utf8').replace(
      'demand_t_per_day: 0.02',
      'demand_t_per_day: { dist: lognormal, median: 0.02, p90: 0.01 }'
    )
    const r = await app.inject({
      method: 'POST',
      url: '/api/simulations',
      payload: { scenario: text },
    })
    expect(r.statusCode).toBe(400)
    const issue = r.json().error.details.issues[0]
    expect(issue).toMatchObject({ file: 'request body', field: 'p90', line: 12 })
    const obj = await app.inject({
      method: 'POST',
      url: '/api/simulations',
      payload: { scenario: { name: 'x', start: '2025-01-01', horizon_days: 0 } },
    })
    expect(obj.statusCode).toBe(400)
    expect(obj.json().error.details.issues[0].path).toEqual(['horizon_days'])
    const runs = await app.inject({
      method: 'POST',
      url: '/api/simulations',
      payload: { scenario: text, runs: 10_000_000 },
    })
    expect(runs.statusCode).toBe(400)
  })

  it('takes the scenario file itself as the body, settings in the query', async () => {
    const start = await app.inject({
      method: 'POST',
      url: '/api/simulations?runs=300&seed=9&sensitivity_runs=0',
      headers: { 'content-type': 'application/x-yaml' },
      payload: readFileSync('examples/scenarios/jp-defence-2026-ban.yaml', 'utf8'),
    })
    expect(start.statusCode).toBe(202)
    const done = await poll(start.json().id)
    expect(done.result).toMatchObject({ runs: 300, seed: 9, sensitivity: [] })
  })

  it('404 for unknown ids; DELETE cancels', async () => {
    const missing = await app.inject({
      method: 'GET',
      url: '/api/simulations/00000000-0000-4000-8000-000000000000',
    })
    expect(missing.statusCode).toBe(404)
    const start = await app.inject({
      method: 'POST',
      url: '/api/simulations',
      payload: {
        scenario: readFileSync('examples/scenarios/replay-2010-quota.yaml', 'utf8'),
        runs: 100_000,
        sensitivity_runs: 0,
      },
    })
    const id = start.json().id
    const del = await app.inject({ method: 'DELETE', url: `/api/simulations/${id}` })
    expect(del.statusCode).toBe(200)
    expect((await poll(id)).status).toBe('cancelled')
  })

  it('documents the routes in OpenAPI', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json()
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/simulations', '/api/simulations/{id}'])
    )
  })
})
