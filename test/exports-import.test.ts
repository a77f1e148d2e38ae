/** Importing China customs export files: vintages, revisions, bad input (exact messages), transactions. */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InputError } from '../src/contracts/errors'
import { formatIssue } from '../src/core/shared/result'
import { Database } from '../src/db/Database'
import { loadRevisions } from '../src/db/trade'
import { importFile } from '../src/services/imports'
import { initDatabase } from '../src/services/database'
import { tradeSeries, tradeSources } from '../src/services/trade'
import { tempDir } from './helpers/tmp'

const fixtures = join(import.meta.dirname, 'fixtures')
const at = '2026-11-28T12:00:00.000Z'

async function importError(db: Database, file: string, options = {}): Promise<string[]> {
  try {
    await importFile(db, 'exports', file, options, at)
  } catch (e) {
    if (e instanceof InputError) return e.issues.map(formatIssue)
    throw e
  }
  throw new Error(`expected ${file} to be rejected`)
}

describe('exports import', () => {
  const tmp = tempDir()
  let db: Database
  beforeAll(async () => {
    db = await Database.open(':memory:')
    await initDatabase(db, at)
  })
  afterAll(() => {
    db.close()
    tmp.remove()
  })

  it('loads the shipped series: world magnets May 2025 = 1,238 t from 3 sources', async () => {
    const [may] = await tradeSeries(db, {
      product: 'magnets',
      partner: 'WLD',
      from: '2025-05',
      to: '2025-05',
    })
    expect(may).toMatchObject({ period: '2025-05', quantity_t: 1238, derived: false, sources: 3 })
  })

  it('re-importing the same file changes nothing', async () => {
    const before = await db.one<{ n: number }>('SELECT count(*) AS n FROM trade_observations')
    const s = await importFile(db, 'exports', 'data/china_re_exports_monthly.csv', {}, at)
    expect(s.status).toBe('unchanged')
    expect((await db.one<{ n: number }>('SELECT count(*) AS n FROM trade_observations'))?.n).toBe(
      before?.n
    )
  })

  it('a revised value supersedes the old one, which is kept and shown as revised', async () => {
    const original = readFileSync('data/china_re_exports_monthly.csv', 'utf8')
    const line = original.split('\n').find((l) => l.startsWith('2025-06,magnets,WLD,3188'))
    expect(line).toBeDefined()
    const revisedFile = tmp.file('revised.csv')
    writeFileSync(revisedFile, original.replace(line!, line!.replace(',3188,', ',3190,')))
    const s = await importFile(db, 'exports', revisedFile, {}, at)
    expect(s).toMatchObject({ status: 'imported', rows_revised: 1, rows_inserted: 1 })
    const [june] = await tradeSeries(db, {
      product: 'magnets',
      partner: 'WLD',
      from: '2025-06',
      to: '2025-06',
    })
    expect(june?.quantity_t).toBe(3190)
    const groups = await tradeSources(db, { product: 'magnets', partner: 'WLD', period: '2025-06' })
    const group = groups.find((g) => g.period_kind === 'month')
    const revisions = await loadRevisions(db, 'magnets')
    expect(revisions).toEqual([
      expect.objectContaining({
        period: '2025-06',
        partner: 'WLD',
        old_quantity_t: 3188,
        new_quantity_t: 3190,
        new_file: 'revised.csv',
      }),
    ])
    expect(group?.sources.map((x) => [x.quantity_t, x.canonical, x.superseded])).toEqual(
      expect.arrayContaining([
        [3190, true, false],
        [3188, false, true],
      ])
    )
  })

  it('accepts a UTF-8 BOM, CRLF line ends and quoted commas', async () => {
    const s = await importFile(db, 'exports', join(fixtures, 'exports-bom-crlf.csv'), {}, at)
    expect(s.rows_read).toBe(1)
  })

  const cases: [string, string[], object?][] = [
    ['exports-ragged.csv', ['exports-ragged.csv:3:33: row has 6 fields, header has 9']],
    [
      'exports-bad-quote.csv',
      ['exports-bad-quote.csv:2:71: stray double quote inside an unquoted field'],
    ],
    [
      'exports-unknown-product.csv',
      [
        'exports-unknown-product.csv:2:9: product: expected a known product code such as magnets or rare_earths_ytd, found "magnetz" (field product)',
      ],
    ],
    [
      'exports-unknown-partner.csv',
      [
        'exports-unknown-partner.csv:2:17: partner: expected an ISO 3166-1 alpha-3 code or WLD/EUN/XEU, found "XXX" (field partner)',
      ],
    ],
    [
      'exports-negative-quantity.csv',
      [
        'exports-negative-quantity.csv:2:21: quantity_t: expected a non-negative number of tonnes, found "-5" (field quantity_t)',
      ],
    ],
    [
      'exports-non-numeric-quantity.csv',
      [
        'exports-non-numeric-quantity.csv:2:21: quantity_t: expected a non-negative number of tonnes, found "1 238 t" (field quantity_t)',
      ],
    ],
    [
      'exports-impossible-month.csv',
      [
        'exports-impossible-month.csv:2:1: period: expected a month YYYY-MM (01-12) or a year YYYY, found "2025-13" (field period)',
      ],
    ],
    [
      'exports-impossible-date.csv',
      [
        'exports-impossible-date.csv:2:56: source_date: expected a calendar date YYYY-MM-DD, found "2025-02-30" (field source_date)',
      ],
    ],
    [
      'exports-out-of-range.csv',
      [
        "exports-out-of-range.csv:2:1: period 2024-12 is before the file's declared range 2025-01..2025-12 (field period)",
      ],
      { periodFrom: '2025-01', periodTo: '2025-12' },
    ],
    [
      'exports-duplicated-header.csv',
      ['exports-duplicated-header.csv:1:79: duplicated header "partner"'],
    ],
    ['exports-empty.csv', ['exports-empty.csv:1:1: the file is empty']],
  ]
  it.each(cases)('%s is rejected whole with a located message', async (name, messages, options) => {
    const before = await db.one<{ n: number }>('SELECT count(*) AS n FROM trade_observations')
    const vintages = await db.one<{ n: number }>('SELECT count(*) AS n FROM vintages')
    expect(await importError(db, join(fixtures, 'bad', name), options ?? {})).toEqual(messages)
    expect((await db.one<{ n: number }>('SELECT count(*) AS n FROM trade_observations'))?.n).toBe(
      before?.n
    )
    expect((await db.one<{ n: number }>('SELECT count(*) AS n FROM vintages'))?.n).toBe(vintages?.n)
  })

  it('lists every bad row of a file, and imports none of its good rows', async () => {
    const file = tmp.file('mixed.csv')
    writeFileSync(
      file,
      'period,product,partner,quantity_t,value_usd,basis,source_url,source_date,note\n' +
        '2025-07,magnets,KOR,700,,stated,https://example.org/k,2025-08-20,\n' +
        '2025-07,magnets,ZZZ,700,,stated,https://example.org/k,2025-08-20,\n' +
        '2025-07,magnets,JPN,-1,,guessed,https://example.org/k,2025-08-20,\n'
    )
    const messages = await importError(db, file)
    expect(messages).toHaveLength(3)
    expect(messages[0]).toContain('mixed.csv:3:17')
    expect(messages[2]).toContain('basis: expected stated or derived')
    const kor = await tradeSeries(db, {
      product: 'magnets',
      partner: 'KOR',
      from: '2025-07',
      to: '2025-07',
    })
    expect(kor[0]?.quantity_t).toBeNull()
  })
})
