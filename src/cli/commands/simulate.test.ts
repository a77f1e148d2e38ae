/** `chokepoint simulate` as a user runs it (the real binary in a child process). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runChokepoint } from '../../../test/helpers/cli'

describe('chokepoint simulate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'simulate-cli-'))
  const db = join(dir, 's.duckdb')
  beforeAll(async () => {
    expect((await runChokepoint(['db', 'init', '--db', db, '--format', 'json'])).code).toBe(0)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('runs a reference scenario; same seed, same JSON with 1 or 2 workers; no progress bar off a terminal', async () => {
    const args = (workers: string) => [
      'simulate',
      'examples/scenarios/eu-motor-2025-licensing.yaml',
      '--runs',
      '1200',
      '--sensitivity-runs',
      '100',
      '--workers',
      workers,
      '--db',
      db,
    ]
    const one = await runChokepoint(args('1'))
    const two = await runChokepoint(args('2'))
    expect(one.code).toBe(0)
    expect(one.stderr).toBe('')
    expect(two.stdout).toBe(one.stdout)
    const result = JSON.parse(one.stdout)
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining([
        'runs',
        'seed',
        'stockout_probability',
        'first_stockout_day',
        'unmet_demand_t',
        'extra_cost_usd',
        'by_day',
        'sensitivity',
      ])
    )
    expect(result.runs).toBe(1200)
    expect(result.seed).toBe(20250404)
    expect(Object.keys(result.unmet_demand_t)).toEqual(['mean', 'p10', 'p50', 'p90'])
    expect(Object.keys(result.by_day[0])).toEqual(['day', 'date', 'p_stockout', 'inventory_t'])
  })

  it('prints tables and a tornado on request', async () => {
    const r = await runChokepoint([
      'simulate',
      'examples/scenarios/replay-2010-quota.yaml',
      '--runs',
      '200',
      '--sensitivity-runs',
      '50',
      '--format',
      'table',
      '--db',
      db,
    ])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Replay of the 2010 export-quota crisis: 200 runs, seed 2010')
    expect(r.stdout).toContain('materials.reo_ex_china.substitution.rate_per_year')
  })

  it('rejects a bad scenario before running: file, line and field; exit 1', async () => {
    const text = readFileSync('examples/scenarios/eu-motor-2025-licensing.yaml', 'utf8')
      .replace('capacity_t_per_day: 1.0', 'capacity_t_per_day: -1.0')
      .replace('measure: cn-mofcom-gac-2025-18', 'measure: cn-mofcom-gac-2025-81')
    const file = join(dir, 'bad.yaml')
    writeFileSync(file, text)
    const schema = await runChokepoint(['simulate', file, '--db', db])
    expect(schema.code).toBe(1)
    expect(schema.stdout).toBe('')
    expect(schema.stderr).toMatch(
      /^bad\.yaml:\d+:\d+: suppliers\[0\]\.capacity_t_per_day: capacity_t_per_day must be 0 or more; found -1/
    )
    writeFileSync(file, text.replace('capacity_t_per_day: -1.0', 'capacity_t_per_day: 1.0'))
    const link = await runChokepoint(['simulate', file, '--db', db])
    expect(link.code).toBe(1)
    expect(link.stderr).toMatch(
      /bad\.yaml:\d+:\d+: disruptions\[0\]\.measure: no measure "cn-mofcom-gac-2025-81" in the stored rulebook/
    )
  })

  it('usage errors exit 2', async () => {
    const r = await runChokepoint([
      'simulate',
      'examples/scenarios/replay-2010-quota.yaml',
      '--runs',
      '0',
    ])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--runs must be a whole number from 1 to 200000')
  })
})
