import { describe, expect, it } from 'vitest'
import {
  classifyEstimated,
  classifyPartner,
  classifyPeriod,
  classifyRecord,
  comtradeRowKey,
  readComtradeHeader,
  type RecordClassFields,
} from './comtrade'
import { jsonErrorOffset, looksLikeJson, readComtradeJson } from './comtradeJson'

const china: RecordClassFields = {
  typeCode: 'C',
  classificationCode: 'H6',
  reporterCode: '156',
  reporterISO: 'CHN',
  flowCode: 'X',
  cmdCode: '850511',
  partner2Code: '0',
  customsCode: 'C00',
  motCode: '0',
}

describe('classifyPeriod', () => {
  it('turns YYYYMM into a month and YYYY into a year, with the source URL of that query', () => {
    expect(classifyPeriod('202505', 'M')).toEqual({
      kind: 'ok',
      period: '2025-05',
      periodKind: 'month',
      sourceUrl: 'https://comtradeapi.un.org/data/v1/get/C/M/HS?reporterCode=156&period=202505',
    })
    expect(classifyPeriod('2024', null)).toMatchObject({
      kind: 'ok',
      period: '2024',
      periodKind: 'year',
    })
  })

  it('rejects impossible months, other shapes and a frequency that contradicts the period', () => {
    for (const p of ['202513', '202500', '2025-05', '25', '', null]) {
      expect(classifyPeriod(p, null)).toMatchObject({
        kind: 'bad',
        problems: [{ code: 'invalid_period', field: 'period' }],
      })
    }
    expect(classifyPeriod('2025', 'M')).toMatchObject({
      kind: 'bad',
      problems: [{ code: 'invalid_frequency', field: 'freqCode', found: 'M' }],
    })
  })

  it('enforces the declared range (months against months, years against years)', () => {
    const range = { periodFrom: '2025-01', periodTo: '2025-06' }
    expect(classifyPeriod('202507', 'M', range)).toMatchObject({
      kind: 'bad',
      problems: [{ code: 'period_out_of_range', expected: 'a period up to 2025-06' }],
    })
    expect(classifyPeriod('202412', 'M', range)).toMatchObject({ kind: 'bad' })
    expect(classifyPeriod('2025', 'A', range)).toMatchObject({ kind: 'ok' })
  })
})

describe('classifyPartner', () => {
  it('maps the world (0 / W00), ISO3 and numeric codes, and Comtrade customs-area codes', () => {
    expect(classifyPartner('0', 'W00')).toEqual({ kind: 'ok', partner: 'WLD' })
    expect(classifyPartner('392', 'JPN')).toEqual({ kind: 'ok', partner: 'JPN' })
    expect(classifyPartner('410', null)).toEqual({ kind: 'ok', partner: 'KOR' })
    expect(classifyPartner('842', '')).toEqual({ kind: 'ok', partner: 'USA' })
    expect(classifyPartner('699', 'IND')).toEqual({ kind: 'ok', partner: 'IND' })
    expect(classifyPartner(null, 'VNM')).toEqual({ kind: 'ok', partner: 'VNM' })
  })

  it('skips areas that are not countries and rejects unknown or contradictory codes', () => {
    expect(classifyPartner('490', 'S19')).toEqual({ kind: 'skip', reason: 'partner_not_country' })
    expect(classifyPartner('899', null)).toEqual({ kind: 'skip', reason: 'partner_not_country' })
    expect(classifyPartner('999', 'ZZZ')).toMatchObject({
      kind: 'bad',
      problems: [{ code: 'unknown_partner', field: 'partnerISO', found: 'ZZZ (partnerCode 999)' }],
    })
    expect(classifyPartner('392', 'KOR')).toMatchObject({
      kind: 'bad',
      problems: [{ code: 'partner_mismatch', expected: 'JPN (partnerCode 392)', found: 'KOR' }],
    })
    expect(classifyPartner(null, '')).toMatchObject({ problems: [{ code: 'missing_partner' }] })
  })
})

describe('classifyRecord', () => {
  it('maps China exports and imports of the HS codes in the table', () => {
    expect(classifyRecord(china)).toEqual({ kind: 'ok', flow: 'export', product: 'magnets' })
    expect(classifyRecord({ ...china, flowCode: 'M', cmdCode: '280530' })).toEqual({
      kind: 'ok',
      flow: 'import',
      product: 'rare_earth_metals_280530',
    })
    expect(classifyRecord({ ...china, cmdCode: '2846' })).toMatchObject({
      product: 'rare_earth_compounds_2846',
    })
    expect(classifyRecord({ ...china, cmdCode: '284610' })).toMatchObject({
      product: 'cerium_compounds',
    })
    expect(classifyRecord({ ...china, cmdCode: '284690' })).toMatchObject({
      product: 'other_rare_earth_compounds',
    })
    expect(classifyRecord({ ...china, reporterCode: null })).toMatchObject({ kind: 'ok' })
    expect(
      classifyRecord({ ...china, reporterISO: null, partner2Code: null, customsCode: null })
    ).toMatchObject({
      kind: 'ok',
    })
  })

  it('skips mirror records, other flows, unmapped codes and breakdowns, each with its reason', () => {
    const reason = (r: Partial<RecordClassFields>): unknown => classifyRecord({ ...china, ...r })
    expect(reason({ reporterCode: '392', reporterISO: 'JPN', flowCode: 'M' })).toEqual({
      kind: 'skip',
      reason: 'reporter_not_china',
    })
    expect(reason({ flowCode: 'RX' })).toEqual({
      kind: 'skip',
      reason: 'flow_not_export_or_import',
    })
    expect(reason({ cmdCode: '850519' })).toEqual({ kind: 'skip', reason: 'commodity_not_mapped' })
    expect(reason({ cmdCode: '2805301200' })).toEqual({
      kind: 'skip',
      reason: 'commodity_not_mapped',
    })
    expect(reason({ customsCode: 'C01' })).toEqual({ kind: 'skip', reason: 'breakdown_not_total' })
    expect(reason({ motCode: '2100' })).toEqual({ kind: 'skip', reason: 'breakdown_not_total' })
    expect(reason({ partner2Code: '392' })).toEqual({ kind: 'skip', reason: 'breakdown_not_total' })
  })

  it('reports malformed codes and a reporter whose code and ISO disagree', () => {
    const problems = (r: Partial<RecordClassFields>): unknown => {
      const c = classifyRecord({ ...china, ...r })
      return c.kind === 'bad' ? c.problems.map((p) => `${p.code}:${p.field}`) : c
    }
    expect(problems({ reporterISO: 'USA' })).toEqual(['reporter_mismatch:reporterISO'])
    expect(problems({ cmdCode: '8505.11' })).toEqual(['invalid_commodity:cmdCode'])
    expect(problems({ flowCode: '' })).toEqual(['invalid_flow:flowCode'])
    expect(problems({ typeCode: 'S', classificationCode: 'S4' })).toEqual([
      'invalid_type:typeCode',
      'invalid_classification:classificationCode',
    ])
    expect(problems({ reporterCode: null, reporterISO: null })).toEqual([
      'missing_reporter:reporterCode',
    ])
  })
})

it('classifyEstimated accepts true/false in any case, 1/0 and empty', () => {
  expect(['True', 'false', '1', '0', '', null].map((v) => classifyEstimated(v).kind)).toEqual(
    Array(6).fill('ok')
  )
  expect(classifyEstimated('TRUE')).toEqual({ kind: 'ok', estimated: true })
  expect(classifyEstimated('yes')).toMatchObject({ kind: 'bad', problems: [{ found: 'yes' }] })
})

it('comtradeRowKey names period, flow, product, partner and the Comtrade source', () => {
  expect(
    comtradeRowKey({ period: '2025-05', flow: 'export', product: 'magnets', partner: 'JPN' })
  ).toBe('2025-05|export|magnets|JPN|comtrade')
})

describe('readComtradeHeader', () => {
  it('indexes the fields it reads and accepts a BOM', () => {
    const h = readComtradeHeader(
      '\uFEFFperiod,reporterCode,flowCode,partnerISO,cmdCode,netWgt,primaryValue',
      'f.csv'
    )
    expect(h.ok && h.value.index).toEqual({
      period: 0,
      reporterCode: 1,
      flowCode: 2,
      partnerISO: 3,
      cmdCode: 4,
      netWgt: 5,
      primaryValue: 6,
    })
  })

  it('names missing columns and duplicated headers with their column', () => {
    const missing = readComtradeHeader('period,reporterCode,flowCode,cmdCode,netWgt', 'f.csv')
    expect(!missing.ok && missing.error.map((i) => i.message)).toEqual([
      'missing column "primaryValue" (UN Comtrade field names are case-sensitive)',
      'missing column "partnerCode or partnerISO" (UN Comtrade field names are case-sensitive)',
    ])
    const dup = readComtradeHeader(
      'period,reporterCode,flowCode,partnerCode,cmdCode,netWgt,primaryValue,NetWgt',
      'f.csv'
    )
    expect(!dup.ok && dup.error).toMatchObject([{ line: 1, column: 70, found: 'NetWgt' }])
  })
})

describe('readComtradeJson', () => {
  it('reads the API response and a bare array; numbers and booleans become text', () => {
    const rec = {
      period: '202505',
      reporterCode: 156,
      flowCode: 'X',
      partnerCode: 0,
      cmdCode: '850511',
      netWgt: 1238000.5,
      primaryValue: null,
      isNetWgtEstimated: true,
    }
    const api = readComtradeJson(JSON.stringify({ count: 1, data: [rec], error: '' }), 'a.json')
    expect(api.ok && api.value[0]).toMatchObject({
      period: '202505',
      reporterCode: '156',
      partnerCode: '0',
      netWgt: '1238000.5',
      primaryValue: null,
      isNetWgtEstimated: 'true',
      partnerISO: null,
    })
    expect(readComtradeJson(JSON.stringify([rec]), 'a.json').ok).toBe(true)
    expect(looksLikeJson('\uFEFF  {')).toBe(true)
    expect(looksLikeJson('period,flowCode')).toBe(false)
  })

  it('refuses other documents, naming what the API said', () => {
    const r = readComtradeJson('{"statusCode": 401, "message": "Access denied"}', 'a.json')
    expect(!r.ok && r.error[0]?.message).toBe(
      'not a Comtrade data response (the API said: Access denied)'
    )
  })

  it('locates a syntax error by line and column', () => {
    const text = '{\n  "data": [\n    { "period": "202505", }\n  ]\n}'
    const r = readComtradeJson(text, 'a.json')
    expect(!r.ok && r.error[0]).toMatchObject({ code: 'malformed_json', line: 3, column: 27 })
    expect(jsonErrorOffset('[1, 2]')).toBe(6)
    expect(jsonErrorOffset('[1, 2] x')).toBe(7)
    expect(jsonErrorOffset('{"a": tru}')).toBe(9)
  })
})
