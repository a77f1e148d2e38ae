/**
 * Every API route, fuzzed through `app.inject`: bodies (mutated example files and random JSON or text, under each
 * content type), query strings and path parameters. The server never answers 500, never hangs, never pollutes
 * Object.prototype, and every refusal is the one error shape without stack traces. Routes are read from the
 * OpenAPI document, so routes added later are fuzzed too (with random input until they get seeds here).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { parseCsv } from '../../src/ingest/csv'
import { DEFAULT_RATE_LIMITS } from '../../src/server/rateLimits'
import { IMPORTERS } from '../../src/services/imports'
import { tempDir } from '../helpers/tmp'
import {
  NASTY,
  expectNoPrototypePollution,
  fuzzParams,
  fuzzRuns,
  fuzzSeed,
  mutatedText,
  within,
} from './support/fuzz'
import { TOKEN, initialisedDb, isErrorShape, leaksInternals, testApp } from './support/server'

const root = join(import.meta.dirname, '../..')
const read = (p: string) => readFileSync(join(root, p), 'utf8')
const CASE_MS = 20_000
const tmp = tempDir('chokepoint-fuzz-api-')

interface Sample {
  contentType: string
  body: string
}

const csvRows = (text: string) => {
  const t = parseCsv(text, 'seed')
  if (!t.ok) throw new Error('seed does not parse')
  return t.value.records.map((r) =>
    Object.fromEntries(t.value.header.map((h, k) => [h, r.fields[k] ?? '']))
  )
}

/** The DoD–MP floor row of data/price_floors.csv gives the floor request its price and term. */
function floorSample(): Sample {
  const rows = csvRows(read('data/price_floors.csv'))
  const dod = rows.find((r) => r['id'] === 'US-DOD-MP-NDPR')
  return {
    contentType: 'application/json',
    // volume_t 1 and paths 100 keep each case cheap; they are request settings, not figures.
    body: JSON.stringify({
      floor: Number(dod?.['floor_price']),
      years: Number(dod?.['term_years']),
      volume_t: 1,
      paths: 100,
    }),
  }
}

/** Valid example bodies per route (method and OpenAPI path), the starting points of the mutations. */
function samples(): Record<string, Sample[]> {
  const bom = read('examples/ev-traction-motor.csv')
  const shipments = read('examples/shipments.csv')
  return {
    'post /api/optimize': [
      { contentType: 'application/json', body: read('examples/optimize/minimal.json') },
      { contentType: 'application/x-yaml', body: read('examples/optimize/eu-magnet-buyer.yaml') },
      { contentType: 'text/yaml', body: read('examples/optimize/contracts-mip.yaml') },
    ],
    'post /api/exposure': [
      { contentType: 'text/csv', body: bom },
      { contentType: 'application/json', body: JSON.stringify({ bom, destination: 'DEU' }) },
      { contentType: 'application/json', body: JSON.stringify(csvRows(bom)) },
    ],
    'post /api/floor': [floorSample()],
    'post /api/licence/determinations': [
      { contentType: 'text/csv', body: shipments },
      { contentType: 'application/json', body: JSON.stringify({ shipments: csvRows(shipments) }) },
    ],
    'post /api/simulations': ['eu-motor-2025-licensing.yaml', 'replay-2010-quota.yaml'].flatMap(
      (f) => {
        const text = read(`examples/scenarios/${f}`)
        // Few runs keep each accepted case cheap; the job runs in the background and is cancelled at close.
        const settings = { runs: 20, sensitivity_runs: 0 }
        return [
          {
            contentType: 'application/json',
            body: JSON.stringify({ scenario: text, ...settings }),
          },
          {
            contentType: 'application/json',
            body: JSON.stringify({ scenario: parseYaml(text) as unknown, ...settings }),
          },
        ]
      }
    ),
    'post /api/alerts': [
      {
        contentType: 'application/json',
        body: JSON.stringify({ name: 'fuzz', kind: 'throttling', product: 'magnets' }),
      },
    ],
    'post /api/imports/{kind}': IMPORTERS.filter((i) => !i.shippedFile.endsWith('.json'))
      .slice(0, 3)
      .map((i) => ({ contentType: 'text/csv', body: read(`data/${i.shippedFile}`) }))
      .concat([{ contentType: 'application/json', body: read('data/controls_measures.json') }]),
  }
}

const CONTENT_TYPES = [
  'application/json',
  'text/csv',
  'text/plain',
  'application/x-yaml',
  'text/yaml',
]

const queryValue = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 10 }),
  fc.integer().map(String)
)
const queryString = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        'as_of',
        'product',
        'partner',
        'month',
        'from',
        'to',
        'flow',
        'paths',
        'format',
        'file_name',
        'z',
        'floor',
        'x'
      ),
      queryValue
    ),
    { maxLength: 4 }
  )
  .map((pairs) => new URLSearchParams(pairs).toString())

const pathValue = fc.oneof(
  fc.constantFrom(
    '1',
    '0',
    '-1',
    '99999999999999999999',
    'magnets',
    '..',
    '%2e%2e',
    '__proto__',
    ...IMPORTERS.map((i) => i.kind)
  ),
  fc.string({ minLength: 1, maxLength: 20 })
)

/**
 * Cases that hit defects already recorded in findings.test.ts (YAML aliases in optimiser and scenario text);
 * skipped here until they are fixed.
 */
const KNOWN_DEFECTS: Record<string, (c: Case) => boolean> = {
  'post /api/optimize': (c) => (c.body ?? '').includes('*'),
  'post /api/simulations': (c) => (c.body ?? '').includes('*'),
}

interface Case {
  url: string
  contentType: string | undefined
  body: string | undefined
}

function caseArb(method: string, path: string, seeds: Sample[]): fc.Arbitrary<Case> {
  const url = fc
    .tuple(pathValue, queryString)
    .map(([p, q]) => path.replace(/\{[^}]+\}/g, encodeURIComponent(p)) + (q ? `?${q}` : ''))
  if (method === 'get' || method === 'delete')
    return url.map((u) => ({ url: u, contentType: undefined, body: undefined }))
  const random = fc.tuple(
    fc.constantFrom(...CONTENT_TYPES),
    fc.oneof(
      fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v) ?? ''),
      fc.string({ maxLength: 300 })
    )
  )
  const mutated =
    seeds.length > 0
      ? fc
          .tuple(fc.nat(), fc.boolean(), fc.constantFrom(...CONTENT_TYPES))
          .chain(([k, keepType, otherType]) => {
            const seed = seeds[k % seeds.length]!
            return mutatedText([seed.body]).map(
              (body) => [keepType ? seed.contentType : otherType, body] as const
            )
          })
      : random
  return fc
    .tuple(url, fc.oneof({ weight: 3, arbitrary: mutated }, { weight: 1, arbitrary: random }))
    .map(([u, [contentType, body]]) => ({ url: u, contentType, body }))
}

describe('API routes under fuzzed input', () => {
  let app: FastifyInstance
  let operations: { method: string; path: string }[] = []
  beforeAll(async () => {
    const dbPath = await initialisedDb(tmp.file('fuzz-api.duckdb'))
    const off = Object.fromEntries(
      Object.keys(DEFAULT_RATE_LIMITS).map((g) => [g, { max: Infinity, windowMs: 60_000 }])
    )
    app = (await testApp({ dbPath, token: TOKEN, rateLimits: off, logger: false })).app
    const spec = (await app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>
    }
    operations = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method, path }))
    )
  })
  afterAll(async () => {
    await app.close()
    tmp.remove()
  })

  it('finds the routes to fuzz in the OpenAPI document', () => {
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining([
        'post /api/imports/{kind}',
        'post /api/optimize',
        'post /api/exposure',
      ])
    )
  })

  const SEEDS = samples()
  // Routes are known only once the app is built; vitest needs the tests now, so fuzz each known operation
  // in one test per method family, and every operation the document lists in a final sweep.
  const bodyRoutes = Object.keys(SEEDS)

  async function fuzzOperation(
    method: string,
    path: string,
    runs: number,
    name: string
  ): Promise<void> {
    const seeds = SEEDS[`${method} ${path}`] ?? []
    await fc.assert(
      fc.asyncProperty(caseArb(method, path, seeds), async (c) => {
        fc.pre(!KNOWN_DEFECTS[`${method} ${path}`]?.(c))
        const r = await within(CASE_MS, `${method} ${c.url}`, () =>
          app.inject({
            method: method.toUpperCase() as 'GET',
            url: c.url,
            headers: {
              authorization: `Bearer ${TOKEN}`,
              ...(c.contentType ? { 'content-type': c.contentType } : {}),
            },
            ...(c.body !== undefined ? { payload: c.body } : {}),
          })
        )
        const label = `${name}: ${method.toUpperCase()} ${c.url} -> ${r.statusCode} ${r.body.slice(0, 300)}`
        expect(r.statusCode, label).toBeLessThan(500)
        if (r.statusCode >= 400) {
          expect(isErrorShape(r.json()), label).toBe(true)
          expect(leaksInternals(r.body), label).toBe(false)
        } else if (r.statusCode !== 204) {
          expect(() => JSON.parse(r.body), label).not.toThrow()
        }
        expectNoPrototypePollution()
      }),
      fuzzParams(fuzzSeed(name), runs)
    )
  }

  for (const key of bodyRoutes) {
    const [method = '', path = ''] = key.split(' ')
    const seed = fuzzSeed(`api:${key}`)
    const runs = fuzzRuns(60)
    it(`${method.toUpperCase()} ${path}: mutated and random bodies never give 500 (seed ${seed}, ${runs} runs)`, async (t) => {
      if (!operations.some((o) => o.method === method && o.path === path))
        return t.skip(`${key} is not registered`)
      await fuzzOperation(method, path, runs, `api:${key}`)
    })
  }

  const sweepSeed = fuzzSeed('api:sweep')
  const sweepRuns = fuzzRuns(12)
  it(`every other route: random query strings, path parameters and bodies never give 500 (seed ${sweepSeed}, ${sweepRuns} runs each)`, async () => {
    const others = operations.filter((o) => !bodyRoutes.includes(`${o.method} ${o.path}`))
    expect(others.length).toBeGreaterThan(10)
    for (const o of others)
      await fuzzOperation(o.method, o.path, sweepRuns, `api:sweep:${o.method} ${o.path}`)
  }, 180_000)
})
