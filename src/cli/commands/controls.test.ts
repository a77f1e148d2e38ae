/** The controls commands as a user runs them (the real binary in a child process). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runChokepoint } from '../../../test/helpers/cli'

describe('chokepoint licence / rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'controls-cli-'))
  const db = join(dir, 'c.duckdb')
  beforeAll(async () => {
    const init = await runChokepoint(['db', 'init', '--db', db, '--format', 'json'])
    expect(init.code).toBe(0)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('licence check returns a determination per row with cited measures, exit 0', async () => {
    const r = await runChokepoint([
      'licence',
      'check',
      'examples/shipments.csv',
      '--db',
      db,
      '--format',
      'json',
    ])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as {
      id: string
      verdict: string
      measures: { id: string; instrument: string }[]
    }[]
    expect(out.length).toBeGreaterThanOrEqual(25)
    expect(out.find((d) => d.id === 'mag-dy-us')?.measures[0]).toMatchObject({
      id: 'cn-mofcom-gac-2025-18',
      instrument: 'MOFCOM/GAC Announcement No. 18 of 2025',
    })
  })

  it('bad rows: listed on stderr with id, line and field; valid rows still printed; exit 1', async () => {
    const file = join(dir, 'bad.csv')
    writeFileSync(
      file,
      'id,date,form,destination,elements\r\nok,2025-06-02,oxide,DEU,Dy\r\nbad,2025-06-31,oxide,DEU,Dy\r\n'
    )
    const r = await runChokepoint([
      'licence',
      'check',
      file,
      '--db',
      db,
      '--format',
      'csv',
      '--explain',
    ])
    expect(r.code).toBe(1)
    expect(r.stdout.split('\n')[1]).toMatch(/^ok,licence_required,standard,45,/)
    expect(r.stderr).toContain(
      'bad.csv:3:5: row bad: date: expected a calendar date YYYY-MM-DD, found "2025-06-31"'
    )
    expect(r.stderr).toContain('the 1 valid row(s) were determined')
  })

  it('rules stale and timeline as of a date; usage and input errors', async () => {
    const stale = await runChokepoint([
      'rules',
      'stale',
      '--as-of',
      '2026-11-28',
      '--db',
      db,
      '--format',
      'json',
    ])
    expect(stale.code).toBe(0)
    expect(JSON.parse(stale.stdout).findings.length).toBeGreaterThan(0)
    const tl = await runChokepoint([
      'rules',
      'timeline',
      '--element',
      'Dy',
      '--jurisdiction',
      'CN',
      '--db',
      db,
      '--format',
      'table',
    ])
    expect(tl.code).toBe(0)
    expect(tl.stdout).toContain('cn-mofcom-gac-2025-18')
    const badDate = await runChokepoint(['rules', 'list', '--as-of', '28/11/2026', '--db', db])
    expect(badDate.code).toBe(1)
    const unknown = await runChokepoint(['rules', 'show', 'nope', '--db', db])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('no measure "nope"')
  })
})
