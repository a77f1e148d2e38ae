/** Alert rules end to end: validation, storage, checking against the shipped data, and the token on the API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InputError } from '../src/contracts/errors'
import { withDatabase } from '../src/db/Database'
import { buildApp } from '../src/server/app'
import { checkAlerts, createAlertRule } from '../src/services/alerts'
import { initDatabase } from '../src/services/database'
import { tempDir } from './helpers/tmp'

describe('alerts', () => {
  const tmp = tempDir()
  const dbPath = tmp.file('alerts.duckdb')
  beforeAll(() => withDatabase(dbPath, {}, (db) => initDatabase(db, '2026-11-28T00:00:00Z')))
  afterAll(() => tmp.remove())

  it('rejects an invalid rule with the field named', async () => {
    await withDatabase(dbPath, {}, async (db) => {
      const e = await createAlertRule(
        db,
        { name: 'x', kind: 'drop', product: 'magnets', threshold: 0.5 },
        '2026-11-28T00:00:00Z'
      ).catch((x: unknown) => x)
      expect(e).toBeInstanceOf(InputError)
      expect((e as InputError).issues[0]?.message).toMatch(/^threshold: /)
    })
  })

  it('checks stored rules against the data as of a date', async () => {
    await withDatabase(dbPath, {}, async (db) => {
      await createAlertRule(
        db,
        { name: 'fresh', kind: 'release_overdue', product: 'magnets' },
        '2026-11-28T00:00:00Z'
      )
      await createAlertRule(
        db,
        { name: 'cn', kind: 'rule_status', jurisdiction: 'CN' },
        '2026-11-28T00:00:00Z'
      )
      const late = await checkAlerts(db, '2026-11-28')
      expect(late.alerts.find((a) => a.rule_name === 'fresh')?.message).toContain(
        'the latest month held is 2026-03'
      )
      const lapsed = late.alerts
        .filter((a) => a.rule_name === 'cn' && a.severity === 'critical')
        .map((a) => a.subject)
      expect(lapsed).toEqual(
        expect.arrayContaining(['cn-mofcom-2025-61', 'cn-mofcom-2024-46-art2'])
      )
      const earlier = await checkAlerts(db, '2026-04-25')
      expect(earlier.alerts.filter((a) => a.rule_name === 'fresh')).toEqual([])
      expect(
        earlier.alerts.filter((a) => a.rule_name === 'cn' && a.severity === 'critical')
      ).toEqual([])
    })
  })

  it('changing rules over HTTP needs the bearer token; reading and checking do not', async () => {
    const { app } = await buildApp({ dbPath, token: 'secret-token' })
    try {
      const body = { name: 'JPN', kind: 'throttling', product: 'magnets', partner: 'JPN' }
      expect(
        (await app.inject({ method: 'POST', url: '/api/alerts', payload: body })).statusCode
      ).toBe(401)
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/alerts',
        payload: body,
        headers: { authorization: 'Bearer nope' },
      })
      expect(wrong.json()).toMatchObject({ error: { code: 'unauthorized' } })
      const ok = await app.inject({
        method: 'POST',
        url: '/api/alerts',
        payload: body,
        headers: { authorization: 'Bearer secret-token' },
      })
      expect(ok.statusCode).toBe(201)
      const list = await app.inject({ method: 'GET', url: '/api/alerts' })
      expect((list.json() as { name: string }[]).map((r) => r.name)).toContain('JPN')
      const check = await app.inject({ method: 'GET', url: '/api/alerts/check?as_of=2026-11-28' })
      expect(check.statusCode).toBe(200)
    } finally {
      await app.close()
    }
    const { app: open } = await buildApp({ dbPath })
    try {
      const refused = await open.inject({
        method: 'POST',
        url: '/api/alerts',
        payload: { name: 'x', kind: 'release_overdue', product: 'magnets' },
      })
      expect(refused.statusCode).toBe(403)
    } finally {
      await open.close()
    }
  })
})
