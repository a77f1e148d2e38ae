import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withDatabase } from '../../db/Database'
import { checkLicenceFile } from '../../services/controls'
import { initDatabase } from '../../services/database'
import { buildApp } from '../app'

describe('controls routes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'controls-routes-'))
  const dbPath = join(dir, 'r.duckdb')
  let app: Awaited<ReturnType<typeof buildApp>>['app']
  beforeAll(async () => {
    await withDatabase(dbPath, {}, (db) => initDatabase(db, '2026-11-28T00:00:00Z'))
    app = (await buildApp({ dbPath, dbIdleMs: 50, now: () => '2026-11-28T12:00:00Z' })).app
  })
  afterAll(async () => {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('POST /api/licence/determinations agrees with the CLI service on the example file (CSV body)', async () => {
    const csv = readFileSync('examples/shipments.csv', 'utf8')
    const r = await app.inject({
      method: 'POST',
      url: '/api/licence/determinations',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    })
    expect(r.statusCode).toBe(200)
    const viaCli = await withDatabase(dbPath, {}, (db) =>
      checkLicenceFile(db, 'examples/shipments.csv')
    )
    expect(r.json()).toEqual(JSON.parse(JSON.stringify(viaCli)))
  })

  it('a JSON batch: valid rows determined in order, invalid rows listed with id, field, expected', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/licence/determinations',
      payload: {
        as_of: '2026-03-02',
        shipments: [
          {
            id: 'mhi',
            date: '2026-03-02',
            form: 'magnet',
            elements: 'Nd;Tb',
            destination: 'JPN',
            end_user: 'MHI Aero Engines',
          },
          { id: 'bad', date: '2026-03-02', form: 'powder', destination: 'JPN' },
          { id: 'la', date: '2026-03-02', form: 'oxide', elements: 'La', destination: 'DEU' },
        ],
      },
    })
    expect(r.statusCode).toBe(200)
    const body = r.json()
    expect(body.rulebook_version).toMatch(/^2026-07-02\./)
    expect(
      body.determinations.map((d: { id: string; verdict: string }) => [d.id, d.verdict])
    ).toEqual([
      ['mhi', 'prohibited'],
      ['la', 'no_licence_required'],
    ])
    expect(body.determinations[0].measures.map((m: { id: string }) => m.id)).toContain(
      'cn-mofcom-2026-11'
    )
    expect(body.errors).toEqual([
      expect.objectContaining({ id: 'bad', row: 1, field: 'form', found: '"powder"' }),
    ])
  })

  it('rejects a body that is not a batch (400) and a malformed as_of', async () => {
    const notArray = await app.inject({
      method: 'POST',
      url: '/api/licence/determinations',
      payload: { shipments: 5 },
    })
    expect(notArray.statusCode).toBe(400)
    const badDate = await app.inject({
      method: 'POST',
      url: '/api/licence/determinations',
      payload: { shipments: [], as_of: '2026-02-30' },
    })
    expect(badDate.statusCode).toBe(400)
  })

  it('GET /api/rules, /api/rules/:id, /api/rules/timeline and /api/rules/stale', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/rules?as_of=2026-11-28' })
    expect(list.statusCode).toBe(200)
    expect(list.json().rules.find((x: { id: string }) => x.id === 'cn-mofcom-2025-61').state).toBe(
      'in_force_unverified'
    )
    const one = await app.inject({ method: 'GET', url: '/api/rules/cn-mofcom-gac-2025-18' })
    expect(one.json()).toMatchObject({
      measure: { id: 'cn-mofcom-gac-2025-18' },
      state: 'in_force',
      as_of: '2026-11-28',
    })
    const missing = await app.inject({ method: 'GET', url: '/api/rules/no-such-measure' })
    expect(missing.statusCode).toBe(404)
    const tl = await app.inject({
      method: 'GET',
      url: '/api/rules/timeline?element=Dy&jurisdiction=CN',
    })
    expect(tl.json().events.length).toBeGreaterThan(10)
    const badEl = await app.inject({ method: 'GET', url: '/api/rules/timeline?element=Xx' })
    expect(badEl.statusCode).toBe(400)
    const stale = await app.inject({ method: 'GET', url: '/api/rules/stale?as_of=2026-11-28' })
    expect(
      stale.json().findings.some((f: { reason: string }) => f.reason === 'low_confidence')
    ).toBe(true)
  })
})
