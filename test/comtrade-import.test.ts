/**
 * UN Comtrade import (`chokepoint import exports FILE --input-format comtrade`) through the bulk DuckDB path:
 * stored values and units, skipped records, vintages and revisions, located messages for bad input.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InputError } from '../src/contracts/errors'
import { createRng } from '../src/core/shared/rng'
import { formatIssue } from '../src/core/shared/result'
import { Database } from '../src/db/Database'
import { loadRevisions } from '../src/db/trade'
import {
  ESTIMATED_WEIGHT_NOTE,
  classifyEstimated,
  classifyPartner,
  classifyPeriod,
  classifyRecord,
  comtradeRowKey,
  type ComtradeRecord,
} from '../src/ingest/comtrade'
import { importerFor, importFile } from '../src/services/imports'
import { initDatabase } from '../src/services/database'
import { tradeSeries } from '../src/services/trade'
import { runChokepoint } from './helpers/cli'
import { tempDir } from './helpers/tmp'

const fixtures = join(import.meta.dirname, 'fixtures', 'comtrade')
const at = '2026-11-28T12:00:00.000Z'
const comtrade = { format: 'comtrade' }
const may = 'https://comtradeapi.un.org/data/v1/get/C/M/HS?reporterCode=156&period=202505'
const april = 'https://comtradeapi.un.org/data/v1/get/C/M/HS?reporterCode=156&period=202504'
const year2024 = 'https://comtradeapi.un.org/data/v1/get/C/A/HS?reporterCode=156&period=2024'

interface Stored {
  period: string
  period_kind: string
  flow: string
  product: string
  partner: string
  quantity_t: number | null
  value_usd: number | null
  basis: string
  source_url: string
  note: string | null
  line: number | null
  row_key: string
  vintage_id: number
  superseded_by: number | null
}

const stored = (db: Database, where = 'TRUE'): Promise<Stored[]> =>
  db.all<Stored>(
    `SELECT period, period_kind, flow, product, partner, quantity_t, value_usd, basis, source_url, note, line,
       row_key, vintage_id, superseded_by
     FROM trade_observations WHERE ${where} ORDER BY vintage_id, period, flow, product, partner, superseded_by NULLS LAST`
  )

const count = async (db: Database, table: string): Promise<number> =>
  (await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n ?? -1

async function rejection(db: Database, path: string, options = {}): Promise<string[]> {
  try {
    await importFile(db, 'exports', path, { ...comtrade, ...options }, at)
  } catch (e) {
    if (e instanceof InputError) return e.issues.map(formatIssue)
    throw e
  }
  throw new Error(`expected ${path} to be rejected`)
}

describe('UN Comtrade import', () => {
  const tmp = tempDir('comtrade-')
  let db: Database
  beforeAll(async () => {
    db = await Database.open(':memory:')
  })
  afterAll(() => {
    db.close()
    tmp.remove()
  })

  it('imports the API JSON: China totals of mapped HS codes, kg → t, USD kept, the rest skipped with reasons', async () => {
    const s = await importFile(
      db,
      'exports',
      join(fixtures, 'china-2025-05.api.json'),
      comtrade,
      at
    )
    expect(s).toEqual({
      kind: 'exports',
      file_name: 'china-2025-05.api.json',
      vintage_id: 1,
      status: 'imported',
      rows_read: 13,
      rows_inserted: 8,
      rows_revised: 0,
      rows_unchanged: 0,
      rows_skipped: 5,
      skipped: {
        partner_not_country: 1,
        flow_not_export_or_import: 1,
        commodity_not_mapped: 1,
        breakdown_not_total: 1,
        reporter_not_china: 1,
      },
    })
    const row = (
      flow: string,
      product: string,
      partner: string,
      q: number,
      v: number | null,
      note: string | null = null
    ) => ({
      period: '2025-05',
      period_kind: 'month',
      flow,
      product,
      partner,
      quantity_t: q,
      value_usd: v,
      basis: 'stated',
      source_url: may,
      note,
      line: null,
      row_key: comtradeRowKey({ period: '2025-05', flow, product, partner }),
      vintage_id: 1,
      superseded_by: null,
    })
    expect(await stored(db)).toEqual([
      row('export', 'cerium_compounds', 'WLD', 2.5, 40000),
      row('export', 'magnets', 'DEU', 209, null),
      row('export', 'magnets', 'IND', 150, null),
      row('export', 'magnets', 'VNM', 235, null, ESTIMATED_WEIGHT_NOTE),
      row('export', 'magnets', 'WLD', 1238, 60000000),
      row('export', 'other_rare_earth_compounds', 'WLD', 3.5, 110000),
      row('export', 'rare_earth_compounds_2846', 'WLD', 6, 150000),
      row('import', 'rare_earth_metals_280530', 'WLD', 12.5005, 480000),
    ])
  })

  it('re-importing the same file changes nothing', async () => {
    const before = await count(db, 'trade_observations')
    const s = await importFile(
      db,
      'exports',
      join(fixtures, 'china-2025-05.api.json'),
      comtrade,
      at
    )
    expect(s).toMatchObject({ status: 'unchanged', vintage_id: 1, rows_inserted: 0 })
    expect(await count(db, 'trade_observations')).toBe(before)
    expect(await count(db, 'vintages')).toBe(1)
  })

  it('the same records as CSV are recognised as the same observations (unchanged, nothing added)', async () => {
    const { data } = JSON.parse(readFileSync(join(fixtures, 'china-2025-05.api.json'), 'utf8')) as {
      data: Record<string, unknown>[]
    }
    const cols = Object.keys(data[0] ?? {})
    const cell = (v: unknown): string => {
      const s = v === null || v === undefined ? '' : String(v)
      return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
    }
    const csv = [cols.join(','), ...data.map((r) => cols.map((c) => cell(r[c])).join(','))].join(
      '\n'
    )
    const path = tmp.file('same-records.csv')
    writeFileSync(path, csv + '\n')
    const before = await stored(db)
    const s = await importFile(db, 'exports', path, comtrade, at)
    expect(s).toMatchObject({
      status: 'imported',
      rows_inserted: 0,
      rows_unchanged: 8,
      rows_revised: 0,
      rows_skipped: 5,
    })
    expect(await stored(db)).toEqual(before)
  })

  it('imports the bulk CSV: annual and monthly rows, code-only and customs-area partners, lines across a quoted line break', async () => {
    const s = await importFile(
      db,
      'exports',
      join(fixtures, 'china-2024-2025.bulk.csv'),
      comtrade,
      at
    )
    expect(s).toMatchObject({ status: 'imported', rows_read: 7, rows_inserted: 7, rows_skipped: 0 })
    const rows = await stored(db, `vintage_id = ${s.vintage_id}`)
    expect(
      rows.map((r) => [
        r.period,
        r.period_kind,
        r.flow,
        r.product,
        r.partner,
        r.quantity_t,
        r.value_usd,
        r.line,
        r.source_url,
        r.note,
      ])
    ).toEqual([
      ['2024', 'year', 'export', 'magnets', 'WLD', 58000, 2900000000, 8, year2024, null],
      [
        '2024',
        'year',
        'export',
        'rare_earth_metals_280530',
        'WLD',
        1500,
        90000000,
        9,
        year2024,
        ESTIMATED_WEIGHT_NOTE,
      ],
      ['2025-04', 'month', 'export', 'magnets', 'FRA', 42.00025, 2100000, 5, april, null],
      ['2025-04', 'month', 'export', 'magnets', 'KOR', 148, 7000000, 4, april, null],
      ['2025-04', 'month', 'export', 'magnets', 'USA', 176, 9500000, 3, april, null],
      ['2025-04', 'month', 'export', 'magnets', 'WLD', 2600, null, 2, april, null],
      [
        '2025-04',
        'month',
        'import',
        'other_rare_earth_compounds',
        'WLD',
        0.8,
        null,
        7,
        april,
        null,
      ],
    ])
  })

  it('a revised value supersedes the stored one, which is kept and listed as a revision', async () => {
    const original = readFileSync(join(fixtures, 'china-2024-2025.bulk.csv'), 'utf8')
    const path = tmp.file('revised.csv')
    writeFileSync(
      path,
      original
        .replace(',176000,False,-1,', ',180000,False,-1,')
        .replace(',176000,False,,', ',180000,False,,')
    )
    const s = await importFile(db, 'exports', path, comtrade, at)
    expect(s).toMatchObject({
      status: 'imported',
      rows_inserted: 1,
      rows_revised: 1,
      rows_unchanged: 6,
    })
    const usa = await stored(db, `partner = 'USA'`)
    expect(usa.map((r) => [r.quantity_t, r.vintage_id, r.superseded_by])).toEqual([
      [176, s.vintage_id - 1, s.vintage_id],
      [180, s.vintage_id, null],
    ])
    expect(await loadRevisions(db, 'magnets')).toEqual([
      expect.objectContaining({
        period: '2025-04',
        partner: 'USA',
        old_quantity_t: 176,
        new_quantity_t: 180,
        new_file: 'revised.csv',
      }),
    ])
  })

  it('accepts a UTF-8 BOM and CRLF line ends, and CSV text posted to the API', async () => {
    const s = await importFile(db, 'exports', join(fixtures, 'bom-crlf.csv'), comtrade, at)
    // The world row repeats the JSON fixture's May figure: the same observation, unchanged.
    expect(s).toMatchObject({
      status: 'imported',
      rows_read: 2,
      rows_inserted: 1,
      rows_unchanged: 1,
    })
    const text =
      'period,reporterISO,flowCode,partnerISO,cmdCode,netWgt,primaryValue\n202506,CHN,X,JPN,850511,300500,\n'
    const posted = await importerFor('exports').importText(db, text, 'posted.csv', comtrade, at)
    expect(posted).toMatchObject({ status: 'imported', rows_inserted: 1 })
    expect(
      (await stored(db, `period = '2025-06'`)).map((r) => [r.partner, r.quantity_t, r.line])
    ).toEqual([['JPN', 300.5, 2]])
  })

  const cases: [string, string[], object?][] = [
    [
      'bad-values.csv',
      [
        'bad-values.csv:3:3: period: expected a month YYYYMM (01-12) or a year YYYY, found "202513" (field period)',
        'bad-values.csv:4:35: netWgt: expected a non-negative number of kilograms or empty, found "-5" (field netWgt)',
        'bad-values.csv:5:35: netWgt: expected a non-negative number of kilograms or empty, found "12a" (field netWgt)',
        'bad-values.csv:5:45: primaryValue: expected a non-negative number of US dollars or empty, found "abc" (field primaryValue)',
        'bad-values.csv:6:1: freqCode A does not match period 202505 (monthly) (field freqCode)',
        'bad-values.csv:7:24: partnerISO: expected an ISO 3166 country (alpha-3 or numeric, or a Comtrade customs-area code), W00/0 for the world, found "ZZZ (partnerCode 999)" (field partnerISO)',
        'bad-values.csv:8:26: duplicate of line 2: same period, flow, commodity and partner (field cmdCode)',
        'bad-values.csv:9:14: reporterISO USA does not match reporterCode 156 (field reporterISO)',
        'bad-values.csv:10:34: isNetWgtEstimated: expected true or false, found "maybe" (field isNetWgtEstimated)',
        'bad-values.csv:10:33: netWgt: expected a net weight (or at least a primaryValue), found an empty value (field netWgt)',
      ],
    ],
    ['bad-ragged.csv', ['bad-ragged.csv:3:29: row has 6 fields, header has 7']],
    ['bad-quote.csv', ['bad-quote.csv:3:26: unexpected character after a closing quote']],
    [
      'bad-missing-column.csv',
      [
        'bad-missing-column.csv:1:1: missing column "netWgt" (UN Comtrade field names are case-sensitive) (field netWgt)',
      ],
    ],
    ['bad-empty.csv', ['bad-empty.csv:1:1: the file is empty']],
    [
      'bad-blank-first-line.csv',
      [
        'bad-blank-first-line.csv:1:1: the first line is blank: expected a header row with the UN Comtrade field names',
      ],
    ],
    [
      'bad-records.json',
      [
        'bad-records.json: data[0]: missing field flowCode (field flowCode)',
        'bad-records.json: data[2]: expected a record object, found string',
        'bad-records.json: data[3].period: expected a string, number, boolean or null, found object (field period)',
      ],
    ],
    [
      'bad-values.json',
      [
        'bad-values.json: data[1].netWgt: expected a non-negative number of kilograms or empty, found "-1" (field netWgt)',
        'bad-values.json: data[2].period: expected a month YYYYMM (01-12) or a year YYYY, found "2025-05" (field period)',
        'bad-values.json: data[3]: duplicate of data[0] (same period, flow, commodity and partner) (field cmdCode)',
      ],
    ],
    [
      'bad-syntax.json',
      ['bad-syntax.json:3:41: malformed JSON: Expected double-quoted property name'],
    ],
    [
      'china-2024-2025.bulk.csv',
      [
        "china-2024-2025.bulk.csv:8:22: period 2024 is before the file's declared range 2025-01..2025-12 (field period)",
        "china-2024-2025.bulk.csv:9:22: period 2024 is before the file's declared range 2025-01..2025-12 (field period)",
      ],
      { periodFrom: '2025-01', periodTo: '2025-12' },
    ],
  ]
  it.each(cases)('%s is rejected whole with located messages', async (name, messages, options) => {
    const rows = await count(db, 'trade_observations')
    const vintages = await count(db, 'vintages')
    expect(await rejection(db, join(fixtures, name), options)).toEqual(messages)
    expect(await count(db, 'trade_observations')).toBe(rows)
    expect(await count(db, 'vintages')).toBe(vintages)
  })
})

describe('UN Comtrade bulk path against the rules applied record by record', () => {
  const tmp = tempDir('comtrade-gen-')
  afterAll(() => tmp.remove())

  it('stores exactly the observations the rules give for a generated file (seed 7)', async () => {
    const rng = createRng(7)
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)] as T
    const header = [
      'freqCode',
      'period',
      'reporterCode',
      'reporterISO',
      'flowCode',
      'partnerCode',
      'partnerISO',
      'cmdCode',
      'customsCode',
      'netWgt',
      'isNetWgtEstimated',
      'primaryValue',
    ] as const
    const records: Record<(typeof header)[number], string>[] = []
    const seen = new Set<string>()
    while (records.length < 400) {
      const period = pick(['202401', '202402', '202412', '2023', '2024'])
      const [partnerCode, partnerISO] = pick([
        ['0', 'W00'],
        ['392', 'JPN'],
        ['842', ''],
        ['410', 'KOR'],
        ['490', 'S19'],
        ['276', 'DEU'],
        ['', 'VNM'],
      ] as const)
      const r = {
        freqCode: period.length === 6 ? 'M' : 'A',
        period,
        reporterCode: pick(['156', '156', '156', '392']),
        reporterISO: '',
        flowCode: pick(['X', 'X', 'M', 'RX']),
        partnerCode,
        partnerISO,
        cmdCode: pick(['850511', '280530', '2846', '284610', '284690', '850519']),
        customsCode: pick(['C00', 'C00', 'C00', 'C01']),
        netWgt: pick([
          '',
          String(Math.round(rng.next() * 1e7) / 10),
          String(Math.round(rng.next() * 1e6)),
        ]),
        isNetWgtEstimated: pick(['True', 'False', '']),
        primaryValue: String(Math.round(rng.next() * 1e9) / 100),
      }
      r.reporterISO = r.reporterCode === '156' ? 'CHN' : 'JPN'
      const key = [
        r.period,
        r.reporterCode,
        r.flowCode,
        r.partnerCode,
        r.partnerISO,
        r.cmdCode,
        r.customsCode,
      ].join('|')
      if (seen.has(key)) continue
      seen.add(key)
      records.push(r)
    }
    const path = tmp.file('generated.csv')
    writeFileSync(
      path,
      [header.join(','), ...records.map((r) => header.map((h) => r[h]).join(','))].join('\n') + '\n'
    )

    const expected: (string | number | null)[][] = []
    records.forEach((r, k) => {
      const text = {
        ...r,
        typeCode: null,
        classificationCode: null,
        partner2Code: null,
        motCode: null,
      } as ComtradeRecord
      const cls = classifyRecord(text)
      const partner = classifyPartner(text.partnerCode, text.partnerISO)
      const period = classifyPeriod(text.period, text.freqCode)
      const est = classifyEstimated(text.isNetWgtEstimated)
      if (cls.kind !== 'ok' || partner.kind !== 'ok' || period.kind !== 'ok' || est.kind !== 'ok')
        return
      expected.push([
        period.period,
        cls.flow,
        cls.product,
        partner.partner,
        r.netWgt === '' ? null : Number(r.netWgt) / 1000,
        Number(r.primaryValue),
        est.estimated ? ESTIMATED_WEIGHT_NOTE : null,
        k + 2,
      ])
    })
    expect(expected.length).toBeGreaterThan(100)

    const db = await Database.open(':memory:')
    try {
      const s = await importFile(db, 'exports', path, comtrade, at)
      expect(s).toMatchObject({
        rows_read: 400,
        rows_inserted: expected.length,
        rows_skipped: 400 - expected.length,
      })
      const rows = await db.all<Record<string, string | number | null>>(
        `SELECT period, flow, product, partner, quantity_t, value_usd, note, line FROM trade_observations ORDER BY line`
      )
      expect(rows.map((x) => Object.values(x))).toEqual(expected)
    } finally {
      db.close()
    }
  })
})

describe('UN Comtrade bulk path on a file DuckDB reads in parallel', () => {
  const tmp = tempDir('comtrade-big-')
  afterAll(() => tmp.remove())

  it('stores every record with its own line (net weight = line number; 120,000 records, ~45 MB)', async () => {
    const partners = ['JPN', 'KOR', 'USA', 'DEU', 'VNM', 'IND', 'FRA', 'ITA', 'NLD', 'THA']
    const cmds = ['850511', '280530', '2846', '284610', '284690']
    // A wide ignored column makes the file (~45 MB) span several of DuckDB's read buffers.
    const desc = `"${'wide ignored text, '.repeat(18)}"`
    const lines = ['period,reporterCode,flowCode,partnerISO,cmdCode,cmdDesc,netWgt,primaryValue']
    for (let m = 0; lines.length <= 120_000; m++) {
      const period = `${1900 + Math.floor(m / 12)}${String((m % 12) + 1).padStart(2, '0')}`
      for (const cmd of cmds)
        for (const flow of ['X', 'M'])
          for (const p of partners)
            lines.push(`${period},156,${flow},${p},${cmd},${desc},${lines.length + 1},1`)
    }
    const path = tmp.file('big.csv')
    writeFileSync(path, lines.join('\n') + '\n')
    const db = await Database.open(':memory:')
    try {
      const s = await importFile(db, 'exports', path, comtrade, at)
      expect(s).toMatchObject({ rows_read: lines.length - 1, rows_inserted: lines.length - 1 })
      const check = await db.one<{ n: number; wrong: number; first: number; last: number }>(
        `SELECT count(*) AS n, count(*) FILTER (WHERE round(quantity_t * 1000) <> line) AS wrong,
           min(line) AS first, max(line) AS last FROM trade_observations`
      )
      expect(check).toEqual({ n: lines.length - 1, wrong: 0, first: 2, last: lines.length })
    } finally {
      db.close()
    }
  })
})

describe('with the shipped data and through the CLI', () => {
  const tmp = tempDir('comtrade-cli-')
  afterAll(() => tmp.remove())

  it('Comtrade rows join the other sources of a series', async () => {
    const db = await Database.open(':memory:')
    try {
      await initDatabase(db, at)
      const [before] = await tradeSeries(db, {
        product: 'magnets',
        partner: 'WLD',
        from: '2025-05',
        to: '2025-05',
      })
      await importFile(db, 'exports', join(fixtures, 'china-2025-05.api.json'), comtrade, at)
      const [after] = await tradeSeries(db, {
        product: 'magnets',
        partner: 'WLD',
        from: '2025-05',
        to: '2025-05',
      })
      expect(after).toMatchObject({ quantity_t: 1238, sources: (before?.sources ?? 0) + 1 })
    } finally {
      db.close()
    }
  })

  it('exits 1 with located messages for a bad file and 0 for a good one', async () => {
    const dbPath = tmp.file('cli.duckdb')
    const bad = await runChokepoint([
      'import',
      'exports',
      join(fixtures, 'bad-ragged.csv'),
      '--input-format',
      'comtrade',
      '--db',
      dbPath,
      '--format',
      'json',
    ])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('bad-ragged.csv:3:29: row has 6 fields, header has 7')
    const good = await runChokepoint([
      'import',
      'exports',
      join(fixtures, 'china-2024-2025.bulk.csv'),
      '--input-format',
      'comtrade',
      '--db',
      dbPath,
      '--format',
      'json',
    ])
    expect(good.code).toBe(0)
    expect(JSON.parse(good.stdout)).toMatchObject({ status: 'imported', rows_inserted: 7 })
  })
})
