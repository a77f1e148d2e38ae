/**
 * Secure server defaults: loopback bind, bearer token on writes (refused when unset, checked before the body is
 * read), security headers, body limit, request timeout, rate limits on expensive routes, request ids in structured
 * logs, one error shape and no stack traces, host check against DNS rebinding, storage failures named.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOOPBACK_HOSTS } from '../../src/server/app'
import {
  DEFAULT_RATE_LIMITS,
  RATE_LIMITED_ROUTES,
  rateLimitsFromEnv,
} from '../../src/server/rateLimits'
import { serverSettingsFromEnv } from '../../src/server/settings'
import { tempDir } from '../helpers/tmp'
import { TOKEN, initialisedDb, isErrorShape, leaksInternals, testApp } from './support/server'

const tmp = tempDir('chokepoint-defaults-')
afterAll(() => tmp.remove())

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
}

describe('settings from the environment', () => {
  it('binds 127.0.0.1 and answers only loopback host names by default', () => {
    const s = serverSettingsFromEnv({})
    expect(s.host).toBe('127.0.0.1')
    expect(s.port).toBe(4173)
    expect(s.token).toBeUndefined()
    expect(s.allowedHosts).toEqual(LOOPBACK_HOSTS)
    expect(s.rateLimits).toEqual(DEFAULT_RATE_LIMITS)
    expect(s.warnings).toEqual([])
  })

  it('warns when told to listen beyond loopback', () => {
    const s = serverSettingsFromEnv({ HOST: '0.0.0.0', CHOKEPOINT_ALLOWED_HOSTS: 'intel.example' })
    expect(s.allowedHosts).toEqual(['intel.example'])
    expect(s.warnings[0]).toMatch(/listening on 0.0.0.0, beyond this machine/)
  })

  it('names the variable when a value is malformed', () => {
    expect(() => serverSettingsFromEnv({ PORT: '70000' })).toThrow(
      'PORT: expected a whole number from 1 to 65535, found "70000"'
    )
    expect(() => serverSettingsFromEnv({ CHOKEPOINT_BODY_LIMIT: '1e6' })).toThrow(
      /^CHOKEPOINT_BODY_LIMIT: expected a whole number/
    )
    expect(() => serverSettingsFromEnv({ CHOKEPOINT_TOKEN: 'short' })).toThrow(
      'CHOKEPOINT_TOKEN: expected at least 16 characters'
    )
    expect(() => rateLimitsFromEnv({ CHOKEPOINT_RATE_OPTIMIZE: 'lots' })).toThrow(
      'CHOKEPOINT_RATE_OPTIMIZE: expected <max>[/<window seconds>] (e.g. 20/60) or off, found "lots"'
    )
  })

  it('reads rate limits per group', () => {
    const limits = rateLimitsFromEnv({
      CHOKEPOINT_RATE_SIMULATIONS: '20/30',
      CHOKEPOINT_RATE_FLOOR: 'off',
      CHOKEPOINT_RATE_EXPOSURE: '5',
    })
    expect(limits['simulations']).toEqual({ max: 20, windowMs: 30_000 })
    expect(limits['floor']?.max).toBe(Infinity)
    expect(limits['exposure']).toEqual({ max: 5, windowMs: 60_000 })
    expect(limits['optimize']).toEqual(DEFAULT_RATE_LIMITS['optimize'])
  })
})

describe('the running app', () => {
  let dbPath = ''
  beforeAll(async () => {
    dbPath = await initialisedDb(tmp.file('app.duckdb'))
  })

  const csv =
    'period,product,partner,quantity_t,value_usd,basis,source_url,source_date,note\n' +
    '2025-08,magnets,KOR,640,,stated,https://example.org/defaults-test,2025-09-20,synthetic test row\n'

  it('refuses every write route when no token is configured; reads and computations stay open', async () => {
    const { app } = await testApp({ dbPath })
    const writes = [
      { method: 'POST' as const, url: '/api/imports/exports', payload: csv, ct: 'text/csv' },
      {
        method: 'POST' as const,
        url: '/api/alerts',
        payload: '{"name":"x"}',
        ct: 'application/json',
      },
      { method: 'DELETE' as const, url: '/api/alerts/1', payload: undefined, ct: undefined },
    ]
    for (const w of writes) {
      const r = await app.inject({
        method: w.method,
        url: w.url,
        ...(w.payload !== undefined ? { payload: w.payload } : {}),
        headers: { authorization: `Bearer ${TOKEN}`, ...(w.ct ? { 'content-type': w.ct } : {}) },
      })
      expect(r.statusCode, w.url).toBe(403)
      expect(r.json().error.code).toBe('writes_disabled')
    }
    expect((await app.inject({ url: '/api/datasets' })).statusCode).toBe(200)
    expect((await app.inject({ url: '/api/trade/products' })).statusCode).toBe(200)
    await app.close()
  })

  it('with a token: missing or wrong bearer gets 401, the right one imports', async () => {
    const { app } = await testApp({ dbPath, token: TOKEN })
    const post = (authorization?: string) =>
      app.inject({
        method: 'POST',
        url: '/api/imports/exports?file_name=defaults.csv',
        payload: csv,
        headers: { 'content-type': 'text/csv', ...(authorization ? { authorization } : {}) },
      })
    for (const auth of [
      undefined,
      'Bearer ',
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Basic ${TOKEN}`,
      TOKEN,
    ]) {
      const r = await post(auth)
      expect(r.statusCode, String(auth)).toBe(401)
      expect(r.json()).toEqual({
        error: { code: 'unauthorized', message: 'missing or wrong bearer token' },
      })
    }
    const ok = await post(`Bearer ${TOKEN}`)
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ status: 'imported', rows_inserted: 1 })
    await app.close()
  })

  it('checks the token before reading the body: an unauthenticated bad body is 401, not 400', async () => {
    const { app } = await testApp({ dbPath, token: TOKEN })
    const r = await app.inject({
      method: 'POST',
      url: '/api/alerts',
      payload: '{"not json',
      headers: { 'content-type': 'application/json' },
    })
    expect(r.statusCode).toBe(401)
    const big = await app.inject({
      method: 'POST',
      url: '/api/imports/exports',
      payload: 'x'.repeat(30 * 1024 * 1024),
      headers: { 'content-type': 'text/csv' },
    })
    expect(big.statusCode).toBe(401)
    await app.close()
  })

  it('sends the security headers and a request id on every answer, errors included', async () => {
    const { app } = await testApp({ dbPath })
    for (const url of [
      '/healthz',
      '/api/datasets',
      '/api/nothing',
      '/api/trade/series?flow=sideways',
    ]) {
      const r = await app.inject({ url })
      expect(r.headers, url).toMatchObject(SECURITY_HEADERS)
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'")
      expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    }
    await app.close()
  })

  it('keeps a plain client request id and replaces one that could forge log lines', async () => {
    const { app, logs } = await testApp({ dbPath })
    const kept = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'trace-42.a' } })
    expect(kept.headers['x-request-id']).toBe('trace-42.a')
    expect(logs.forRequest('trace-42.a').map((l) => l['msg'])).toEqual([
      'incoming request',
      'request completed',
    ])
    const replaced = await app.inject({
      url: '/healthz',
      headers: { 'x-request-id': 'a"},{"level":60' },
    })
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    await app.close()
  })

  it('answers an internal error with the error shape and the request id, the stack only in the log', async () => {
    const { app, logs } = await testApp({ dbPath })
    app.get('/api/test/boom', async () => {
      throw new Error('secret detail at /srv/private/path')
    })
    const r = await app.inject({ url: '/api/test/boom' })
    expect(r.statusCode).toBe(500)
    const id = String(r.headers['x-request-id'])
    expect(r.json()).toEqual({
      error: {
        code: 'internal',
        message: `internal error (see the server log for request ${id})`,
      },
    })
    expect(r.body).not.toContain('secret')
    expect(leaksInternals(r.body)).toBe(false)
    const logged = logs.forRequest(id).find((l) => l['msg'] === 'unhandled error')
    expect(logged?.['level']).toBe(50)
    expect((logged?.['err'] as { stack: string }).stack).toContain('secret detail')
    await app.close()
  })

  it('never logs the bearer token', async () => {
    const { app, logs } = await testApp({ dbPath, token: TOKEN })
    await app.inject({
      method: 'DELETE',
      url: '/api/alerts/999',
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    expect(JSON.stringify(logs.lines)).not.toContain(TOKEN)
    await app.close()
  })

  it('refuses bodies over the limit with 413 in the error shape', async () => {
    const { app } = await testApp({ dbPath, bodyLimit: 4096 })
    const r = await app.inject({
      method: 'POST',
      url: '/api/optimize',
      payload: JSON.stringify({ pad: 'x'.repeat(5000) }),
      headers: { 'content-type': 'application/json' },
    })
    expect(r.statusCode).toBe(413)
    expect(r.json().error.code).toBe('body_too_large')
    expect(isErrorShape(r.json())).toBe(true)
    await app.close()
  })

  it('answers 421 to a host name it does not serve (DNS rebinding) unless told any host is fine', async () => {
    const { app } = await testApp({ dbPath })
    const r = await app.inject({
      url: '/api/datasets',
      headers: { host: 'rebind.attacker.example' },
    })
    expect(r.statusCode).toBe(421)
    expect(r.json().error.code).toBe('host_not_allowed')
    for (const host of ['127.0.0.1:4173', 'localhost', '[::1]:80'])
      expect((await app.inject({ url: '/healthz', headers: { host } })).statusCode).toBe(200)
    await app.close()
    const open = await testApp({ dbPath, allowedHosts: 'any' })
    const o = await open.app.inject({ url: '/healthz', headers: { host: 'intel.example' } })
    expect(o.statusCode).toBe(200)
    await open.app.close()
  })

  it('closes a connection whose request does not arrive within the request timeout', async () => {
    const { app } = await testApp({ dbPath, requestTimeoutMs: 600 })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const port = (app.server.address() as AddressInfo).port
    const started = performance.now()
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        // Headers sent, body promised but never sent.
        socket.write(
          'POST /api/optimize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
            'Content-Length: 100\r\n\r\n{'
        )
      })
      let data = ''
      socket.on('data', (d) => (data += d.toString()))
      socket.on('close', () => resolve(data))
      socket.on('error', reject)
      setTimeout(() => reject(new Error('no timeout within 10 s')), 10_000).unref()
    })
    const waited = performance.now() - started
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/)
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'request_timeout', message: 'the request did not arrive in time' },
    })
    expect(waited).toBeGreaterThan(500)
    expect(waited).toBeLessThan(5_000)
    await app.close()
  })

  it('names a storage failure instead of answering 500 (the database path is a folder)', async () => {
    const folder = tmp.file('not-a-file.duckdb')
    mkdirSync(folder)
    const { app } = await testApp({ dbPath: folder })
    const r = await app.inject({ url: '/api/datasets' })
    expect(r.statusCode).toBe(503)
    expect(r.json().error.code).toBe('storage_error')
    const ready = await app.inject({ url: '/readyz' })
    expect(ready.statusCode).toBe(503)
    expect(ready.json().error.code).toBe('not_ready')
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200)
    await app.close()
  })
})

describe('rate limits on the expensive routes', () => {
  let dbPath = ''
  beforeAll(async () => {
    dbPath = await initialisedDb(tmp.file('rate.duckdb'))
  })
  const limits = Object.fromEntries(
    Object.keys(DEFAULT_RATE_LIMITS).map((g) => [g, { max: 2, windowMs: 60_000 }])
  )

  for (const route of RATE_LIMITED_ROUTES) {
    for (const method of route.methods) {
      it(`${method} ${route.url} (${route.group}) answers 429 past its limit`, async (t) => {
        const { app } = await testApp({ dbPath, rateLimits: limits })
        await app.ready()
        if (!app.hasRoute({ method, url: route.url })) {
          await app.close()
          t.skip(`${method} ${route.url} is not registered yet`)
          return
        }
        const send = () =>
          app.inject({
            method: method as 'GET' | 'POST',
            url: route.url,
            ...(method === 'POST'
              ? { payload: '{}', headers: { 'content-type': 'application/json' } }
              : {}),
          })
        const first = await send()
        const second = await send()
        expect(first.statusCode).not.toBe(429)
        expect(second.statusCode).not.toBe(429)
        const third = await send()
        expect(third.statusCode).toBe(429)
        expect(third.json().error.code).toBe('rate_limited')
        expect(isErrorShape(third.json())).toBe(true)
        expect(Number(third.headers['retry-after'])).toBeGreaterThan(0)
        // Other routes are not limited.
        for (let i = 0; i < 5; i++)
          expect((await app.inject({ url: '/api/datasets' })).statusCode).toBe(200)
        await app.close()
      })
    }
  }

  it('a limit set to off lifts it', async () => {
    const { app } = await testApp({
      dbPath,
      rateLimits: { ...limits, optimize: { max: Infinity, windowMs: 60_000 } },
    })
    for (let i = 0; i < 5; i++) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/optimize',
        payload: '{}',
        headers: { 'content-type': 'application/json' },
      })
      expect(r.statusCode).not.toBe(429)
    }
    await app.close()
  })
})

describe('the shipped docs mention every limit', () => {
  it('docs/security.md names each rate-limit variable', () => {
    const doc = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8')
    for (const group of Object.keys(DEFAULT_RATE_LIMITS))
      expect(doc).toContain(`CHOKEPOINT_RATE_${group.toUpperCase()}`)
  })
})
