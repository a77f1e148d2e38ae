import { readFileSync } from 'node:fs'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withDatabase } from '../../db/Database'
import { initDatabase } from '../../services/database'
import { buildApp } from '../app'

describe('respond routes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'respond-'))
  const dbPath = join(dir, 'r.duckdb')
  let app: Awaited<ReturnType<typeof buildApp>>['app']
  beforeAll(async () => {
    await withDatabase(dbPath, {}, (db) => initDatabase(db, '2026-11-28T00:00:00Z'))
    app = (await buildApp({ dbPath, dbIdleMs: 50 })).app
  })
  afterAll(async () => {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('POST /api/optimize keeps the minimal JSON contract', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/optimize',
      payload: JSON.parse(readFileSync('examples/optimize/minimal.json', 'utf8')),
    })
    expect(r.statusCode).toBe(200)
    const body = r.json()
    expect(body.status).toBe('optimal')
    expect(body.allocation).toEqual([
      { source: 'china-fob', material: 'NdPr oxide', country: 'CHN', t: 65, cost: 65 * 69000 },
      { source: 'malaysia', material: 'NdPr oxide', country: 'MYS', t: 35, cost: 35 * 80000 },
    ])
    expect(body.shadow_prices['country_share:NdPr oxide:CHN']).toBe(-11000)
  })

  it('POST /api/optimize explains an infeasible YAML model and rejects a negative capacity with its line', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/optimize',
      headers: { 'content-type': 'application/x-yaml' },
      payload: readFileSync('examples/optimize/infeasible.yaml', 'utf8'),
    })
    expect(bad.json().status).toBe('infeasible')
    expect(bad.json().explanation.conflicts[0].constraint).toBe('demand:NdPr oxide')
    const neg = await app.inject({
      method: 'POST',
      url: '/api/optimize',
      payload: {
        materials: [{ id: 'a', demand_t: 1 }],
        sources: [{ id: 's', material: 'a', country: 'AUS', capacity_t: -1, unit_cost: 1 }],
      },
    })
    expect(neg.statusCode).toBe(400)
    const issue = neg.json().error.details.issues[0]
    expect(issue.field).toBe('capacity_t')
    expect(issue.line).toBeGreaterThan(1)
  })

  it('GET /api/floor values the NdPr floor; an unknown product is named', async () => {
    const r = await app.inject({
      url: '/api/floor?product=NdPr&floor=110&years=10&volume_t=1000&paths=500&seed=3',
    })
    expect(r.statusCode).toBe(200)
    const b = r.json()
    expect(b.by_year).toHaveLength(10)
    expect(b.expected_cost_usd).toBeGreaterThan(0)
    expect(b.cost_p10).toBeLessThanOrEqual(b.cost_p90)
    const post = await app.inject({
      method: 'POST',
      url: '/api/floor',
      payload: { product: 'NdPr', floor: 110, years: 10, volume_t: 1000, paths: 500, seed: 3 },
    })
    expect(post.json().expected_cost_usd).toBe(b.expected_cost_usd)
    const missing = await app.inject({
      url: '/api/floor?product=Zz&floor=110&years=10&volume_t=1000',
    })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().error.message).toContain('no prices for product "Zz"')
  })

  it('GET /api/projects/viability lists evaluated projects and those lacking data', async () => {
    const r = await app.inject({ url: '/api/projects/viability?floor=110&paths=200' })
    expect(r.statusCode).toBe(200)
    const b = r.json()
    expect(b.projects.map((p: { project: string }) => p.project)).toEqual(['Nolans'])
    expect(b.projects[0].with_floor.p_npv_positive).toBeGreaterThanOrEqual(
      b.projects[0].without_floor.p_npv_positive
    )
    expect(b.lacking_data.length).toBe(39)
  })
})
