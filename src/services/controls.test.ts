import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InputError, NotFoundError } from '../contracts/errors'
import { shipmentSchema } from '../contracts/licence'
import { withDatabase } from '../db/Database'
import {
  checkLicenceFile,
  checkLicences,
  diffRulebookFiles,
  loadRulebook,
  loadShippedRulebook,
  rulebookEvaluator,
  staleRules,
} from './controls'
import { OPERATIVE_KIND } from './controlsImporters'
import { initDatabase } from './database'
import { importerFor, IMPORTERS } from './imports'

describe('controls services (real DuckDB)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'controls-'))
  const dbPath = join(dir, 'c.duckdb')
  beforeAll(async () => {
    await withDatabase(dbPath, {}, (db) => initDatabase(db, '2026-11-28T00:00:00Z'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('db init imports the rulebook and the operative overlay, and they compile to the shipped version', async () => {
    expect(IMPORTERS.map((i) => i.kind)).toContain(OPERATIVE_KIND)
    const stored = await withDatabase(dbPath, {}, loadRulebook)
    const shipped = await loadShippedRulebook()
    expect(stored.version).toBe(shipped.version)
    const chinese = stored.measures.filter((m) => m.measure.jurisdiction === 'CN')
    expect(chinese).toHaveLength(28)
    expect(chinese.filter((m) => m.derived)).toEqual([])
    expect(chinese.filter((m) => m.role === 'control')).toHaveLength(21)
  })

  it('determines the example file row by row in input order, with no errors', async () => {
    const r = await withDatabase(dbPath, {}, (db) => checkLicenceFile(db, 'examples/shipments.csv'))
    const ids = readFileSync('examples/shipments.csv', 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0])
    expect(r.errors).toEqual([])
    expect(r.determinations.map((d) => d.id)).toEqual(ids)
    const v = Object.fromEntries(r.determinations.map((d) => [d.id, d.verdict]))
    expect(v).toMatchObject({
      'mag-dy-us': 'licence_required',
      'mag-ndpr-us': 'no_licence_required',
      'dyox-jp-military': 'prohibited',
      'la-oxide-de': 'no_licence_required',
      'foreign-mag-above': 'licence_required',
      'foreign-mag-below': 'no_licence_required',
      'foreign-mag-share-missing': 'needs_review',
      'control-mhi': 'prohibited',
      'rotor-assembly': 'no_licence_required',
      'ga-us-2026-11': 'prohibited',
    })
  })

  it('keeps valid rows of a batch with bad rows and reports the bad ones with id, field, expected', async () => {
    const r = await withDatabase(dbPath, {}, (db) =>
      checkLicences(
        db,
        {
          records: [
            { id: 'good', date: '2025-06-02', form: 'oxide', elements: 'Dy', destination: 'DEU' },
            {
              id: 'bad',
              date: '2025-06-02',
              form: 'oxide',
              elements: 'Dy',
              destination: 'DEU',
              cn_content_value_share: 2,
            },
          ],
          source: 'body',
        },
        '2025-06-02'
      )
    )
    expect(r.determinations.map((d) => [d.id, d.verdict])).toEqual([['good', 'licence_required']])
    expect(r.errors).toEqual([
      expect.objectContaining({ id: 'bad', row: 1, field: 'cn_content_value_share', found: '2' }),
    ])
    expect(r.as_of).toBe('2025-06-02')
  })

  it('refuses a malformed as-of date as invalid input', async () => {
    await expect(
      withDatabase(dbPath, {}, (db) =>
        checkLicences(db, { records: [], source: 'b' }, '2025-02-30')
      )
    ).rejects.toBeInstanceOf(InputError)
  })

  it('refuses an overlay that cites a source its measure does not list, naming the line', async () => {
    const doc = JSON.parse(readFileSync('data/controls_operative.json', 'utf8')) as {
      entries: { source_url: string }[]
    }
    doc.entries[3]!.source_url = 'https://example.org/elsewhere'
    const err = await withDatabase(dbPath, {}, (db) =>
      importerFor(OPERATIVE_KIND).importText(
        db,
        JSON.stringify(doc, null, 2),
        'bad.json',
        {},
        '2026-11-28T00:00:00Z'
      )
    ).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InputError)
    expect((err as InputError).issues[0]).toMatchObject({
      file: 'bad.json',
      line: expect.any(Number),
    })
  })

  it('binds the stored rulebook as exposure evaluators expect', async () => {
    const ev = await withDatabase(dbPath, {}, (db) => rulebookEvaluator(db, '2026-03-02'))
    const d = ev?.evaluate(
      shipmentSchema.parse({
        id: 'p',
        date: '2020-01-01',
        form: 'magnet',
        elements: 'Nd;Dy',
        destination: 'JPN',
      })
    )
    expect(d?.verdict).toBe('licence_required')
    expect(d?.as_of).toBe('2026-03-02')
  })

  it('lists stale rules and diffs a rulebook file against the stored one', async () => {
    const stale = await withDatabase(dbPath, {}, (db) => staleRules(db, '2026-11-28'))
    expect(stale.findings.some((f) => f.reason === 'lapsed_suspension')).toBe(true)
    const edited = JSON.parse(readFileSync('data/controls_measures.json', 'utf8')) as Record<
      string,
      unknown
    >[]
    edited[16]!['suspended_until'] = '2027-11-10'
    const path = join(dir, 'edited.json')
    writeFileSync(path, JSON.stringify(edited, null, 2))
    const d = await withDatabase(dbPath, {}, (db) => diffRulebookFiles(db, 'current', path))
    expect(d.changed).toEqual([
      {
        id: 'cn-mofcom-2025-61',
        fields: [{ field: 'suspended_until', old: '2026-11-10', new: '2027-11-10' }],
      },
    ])
  })

  it('says so when no rulebook is loaded', async () => {
    const empty = join(dir, 'empty.duckdb')
    await expect(withDatabase(empty, {}, loadRulebook)).rejects.toBeInstanceOf(NotFoundError)
  })
})
