/** The CLI as a user runs it: first-start import, db info, exit codes and messages. */
import { writeFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { runChokepoint } from './helpers/cli'
import { tempDir } from './helpers/tmp'

describe('chokepoint CLI', () => {
  const tmp = tempDir()
  const db = tmp.file('cli.duckdb')
  afterAll(() => tmp.remove())

  it('db init imports every shipped dataset once; a second run changes nothing', async () => {
    const first = await runChokepoint(['db', 'init', '--db', db, '--format', 'json'])
    expect(first.code).toBe(0)
    const kinds = JSON.parse(first.stdout) as {
      kind: string
      status: string
      rows_inserted: number
    }[]
    expect(kinds.map((k) => k.kind)).toEqual([
      'exports',
      'controls',
      'controls_operative',
      'events',
      'production',
      'shares',
      'projects',
      'prices',
      'floors',
      'demand',
    ])
    expect(kinds.every((k) => k.status === 'imported' && k.rows_inserted > 0)).toBe(true)
    const again = await runChokepoint(['db', 'init', '--db', db, '--format', 'json'])
    expect(
      (JSON.parse(again.stdout) as { status: string }[]).every((k) => k.status === 'unchanged')
    ).toBe(true)
  })

  it('db info reports rows, periods, sources and the last vintage per dataset', async () => {
    const r = await runChokepoint(['db', 'info', '--db', db, '--format', 'json'])
    const info = JSON.parse(r.stdout) as {
      datasets: {
        kind: string
        rows: number
        period_from: string
        period_to: string
        sources: number
        last_vintage: { file_name: string }
      }[]
    }
    const exports = info.datasets.find((d) => d.kind === 'exports')
    expect(exports).toMatchObject({
      rows: 282,
      period_from: '2014',
      period_to: '2026-03',
      last_vintage: { file_name: 'china_re_exports_monthly.csv' },
    })
    expect(info.datasets.every((d) => d.rows > 0 && d.sources > 0)).toBe(true)
  })

  it('trade throttling returns one row per partner with data that month', async () => {
    const r = await runChokepoint([
      'trade',
      'throttling',
      '--product',
      'magnets',
      '--month',
      '2025-05',
      '--db',
      db,
      '--format',
      'json',
    ])
    expect(r.code).toBe(0)
    const rows = JSON.parse(r.stdout) as { partner: string; month: string; targeted: boolean }[]
    expect(rows.map((x) => x.partner).sort()).toEqual(['DEU', 'IND', 'VNM'])
    expect(rows.every((x) => x.month === '2025-05' && typeof x.targeted === 'boolean')).toBe(true)
  })

  it('exit 1 with a located message for a bad file, 2 for a usage error', async () => {
    const bad = tmp.file('bad.csv')
    writeFileSync(
      bad,
      'period,product,partner,quantity_t,value_usd,basis,source_url,source_date,note\n2025-05,magnets,WLD,abc,,stated,https://x.org,2025-06-20,\n'
    )
    const r = await runChokepoint(['import', 'exports', bad, '--db', db])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      'bad.csv:2:21: quantity_t: expected a non-negative number of tonnes, found "abc"'
    )
    expect(r.stderr).toContain('nothing was imported')
    const usage = await runChokepoint(['trade', 'series', '--db', db])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain("required option '--product <product>' not specified")
    const unknownKind = await runChokepoint(['import', 'nonsense', bad, '--db', db])
    expect(unknownKind.code).toBe(1)
    expect(unknownKind.stderr).toContain('unknown import kind "nonsense"')
  })

  it('--format csv prints a header and every source row', async () => {
    const r = await runChokepoint([
      'trade',
      'sources',
      '--product',
      'magnets',
      '--partner',
      'JPN',
      '--period',
      '2025-12',
      '--db',
      db,
      '--format',
      'csv',
    ])
    expect(r.code).toBe(0)
    expect(r.stdout.split('\n')[0]).toBe(
      'period,kind,partner,quantity_t,canonical,disagree,basis,flag,source_date,source_url'
    )
    expect(r.stdout).toContain('411.3')
  })
})
