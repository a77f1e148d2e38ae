/**
 * End to end: `chokepoint exposure` (the real binary) and `POST /api/exposure` give the same report through the
 * same service; the EV example's figures match a hand calculation; bad input exits 1 / answers 400.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runChokepoint } from '../../test/helpers/cli'
import { tempDir } from '../../test/helpers/tmp'
import type { ExposureReport } from '../contracts/exposure'
import { buildApp } from '../server/app'

const example = join(__dirname, '../../examples/ev-traction-motor.csv')
const AS_OF = '2026-01-15'

describe('exposure: CLI and API', () => {
  const tmp = tempDir('chokepoint-exposure-')
  const db = tmp.file('exposure.duckdb')
  let cli: ExposureReport
  beforeAll(async () => {
    const r = await runChokepoint([
      'exposure',
      example,
      '--db',
      db,
      '--as-of',
      AS_OF,
      '--format',
      'json',
    ])
    expect(r.code, r.stderr).toBe(0)
    cli = JSON.parse(r.stdout) as ExposureReport
  }, 60_000)
  afterAll(() => tmp.remove())

  it('gives the EV example element masses worked out by hand', () => {
    const el = (e: string) => cli.elements.find((x) => x.element === e)!
    // 100,000 motors/year. Per motor: 16 segments × 0.0625 kg (Nd 0.21, Pr 0.07) with 0.00125 kg Dy each,
    // plus a 0.05 kg pump magnet from @ndfeb-sintered-dy (Nd 0.195, Pr 0.065, Dy 0.04).
    // Nd: (16 × 0.0625 × 0.21 + 0.05 × 0.195) × 100,000 = (0.21 + 0.00975) × 100,000 = 21,975 kg
    // Pr: (16 × 0.0625 × 0.07 + 0.05 × 0.065) × 100,000 = (0.07 + 0.00325) × 100,000 =  7,325 kg
    // Dy: (16 × 0.00125       + 0.05 × 0.04)  × 100,000 = (0.02 + 0.002)   × 100,000 =  2,200 kg
    expect(el('Nd').kg_per_year).toBe(21975)
    expect(el('Pr').kg_per_year).toBe(7325)
    expect(el('Dy').kg_per_year).toBe(2200)
    expect(cli.products).toEqual([
      expect.objectContaining({ part_id: 'EV-MOTOR', annual_units: 100000 }),
    ])
    expect(cli.products[0]?.kg_per_unit).toMatchObject({ Nd: 0.21975, Pr: 0.07325, Dy: 0.022 })
    // China shares per stage: Dy is Chinese up to metal (2,200 of 2,200 kg); at the magnet stage only the pump
    // magnet's 200 kg is Chinese (the segments are made in Japan): 200 / 2,200.
    expect(el('Dy').china_share).toEqual({ mine: 1, separation: 1, metal: 1, magnet: 200 / 2200 })
    expect(el('Nd').china_share.mine).toBeCloseTo(975 / 21975, 12)
  })

  it('values China-origin content with the shipped price, showing price, date and source', () => {
    const dy = cli.prices.find((p) => p.element === 'Dy')!
    expect(dy).toMatchObject({
      product: 'Dy oxide 99.5% min',
      date: '2025',
      price: '239',
      source_url: 'https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-rare-earths-heavy.pdf',
    })
    // DY-GBD: 0.00125 kg Dy × 239 USD/kg oxide ÷ 0.871321 (Dy in Dy2O3) = 0.342877 USD, on a 0.35 USD part.
    const gbd = cli.parts.find((p) => p.part_id === 'DY-GBD')!
    const value = (0.00125 * 239) / (325 / 372.997)
    expect(gbd.cn_content_value_share.china_value_usd).toBeCloseTo(value, 9)
    expect(gbd.cn_content_value_share.share).toBeCloseTo(value / 0.35, 9)
    // The Japanese segment carries that Dy too (its NdPr is Australian/Malaysian): share = value / 5 USD.
    const seg = cli.parts.find((p) => p.part_id === 'MAG-SEG')!
    expect(seg.cn_content_value_share.share).toBeCloseTo(value / 5, 9)
    expect(seg.verdict).toBe('not_exported')
  })

  it('runs each part through the stored rulebook as of the date', () => {
    expect(cli.rulebook_version).toMatch(/^\d{4}-\d{2}-\d{2}\./)
    const part = (id: string) => cli.parts.find((p) => p.part_id === id)!
    // Chinese Dy metal shipped to the Japanese magnet maker: Dy metal is listed by MOFCOM/GAC No. 18 of 2025.
    expect(part('DY-GBD')).toMatchObject({
      shipment: { exporter_country: 'CHN', destination: 'JPN', made_in: 'CHN', domestic: false },
      verdict: 'licence_required',
    })
    expect(part('DY-GBD').measures.map((m) => m.id)).toContain('cn-mofcom-gac-2025-18')
    // The segment is made and used in Japan: no border crossing.
    expect(part('MAG-SEG').verdict).toBe('not_exported')
    expect(cli.warnings.join('\n')).not.toContain('no licence rulebook')
  })

  it('POST /api/exposure gives the same report for the CSV body and for the JSON body', async () => {
    const { app } = await buildApp({ dbPath: db, now: () => '2030-01-01T00:00:00Z' })
    try {
      const text = readFileSync(example, 'utf8')
      const csv = await app.inject({
        method: 'POST',
        url: `/api/exposure?as_of=${AS_OF}&file_name=ev-traction-motor.csv`,
        headers: { 'content-type': 'text/csv' },
        payload: text,
      })
      expect(csv.statusCode, csv.body).toBe(200)
      expect(csv.json()).toEqual(cli)
      const json = await app.inject({
        method: 'POST',
        url: '/api/exposure',
        payload: { bom: text, as_of: AS_OF, file_name: 'ev-traction-motor.csv' },
      })
      expect(json.statusCode, json.body).toBe(200)
      expect(json.json()).toEqual(cli)
      // Before No. 18 of 2025 took effect (2025-04-04) the same Dy metal needed no licence.
      const before = await app.inject({
        method: 'POST',
        url: '/api/exposure',
        payload: { bom: text, as_of: '2025-03-01' },
      })
      const dy = (before.json() as ExposureReport).parts.find((p) => p.part_id === 'DY-GBD')
      expect(dy?.verdict).toBe('no_licence_required')
    } finally {
      await app.close()
    }
  })

  it('rejects a broken tree with exit code 1 and HTTP 400, naming line and field', async () => {
    const bad = tmp.file('cycle.csv')
    const lines = readFileSync(example, 'utf8').split('\n')
    // Make the rotor a child of its own magnet segment: ROTOR → MAG-SEG → ROTOR.
    lines[2] = lines[2]!.replace('ROTOR,EV-MOTOR,', 'ROTOR,MAG-SEG,')
    writeFileSync(bad, lines.join('\n'))
    const r = await runChokepoint([
      'exposure',
      bad,
      '--db',
      db,
      '--as-of',
      AS_OF,
      '--format',
      'json',
    ])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('cycle.csv:3:')
    expect(r.stderr).toContain('cycle in the BOM: "ROTOR" → "MAG-SEG" → "ROTOR"')
    const { app } = await buildApp({ dbPath: db })
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/exposure',
        headers: { 'content-type': 'text/csv' },
        payload: lines.join('\n'),
      })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({
        error: {
          code: 'invalid_input',
          details: { issues: [{ code: 'bom_cycle', line: 3, field: 'parent_id' }] },
        },
      })
    } finally {
      await app.close()
    }
  })
})
