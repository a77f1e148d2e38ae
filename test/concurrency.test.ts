/**
 * DuckDB lets one process hold a database file. The server lets go of the file between requests and both sides
 * retry while the other holds it, so a CLI can read and import while `npm start` serves the same file.
 */
import { writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withDatabase } from '../src/db/Database'
import { buildApp } from '../src/server/app'
import { initDatabase } from '../src/services/database'
import { runChokepoint } from './helpers/cli'
import { tempDir } from './helpers/tmp'

describe('server and CLI on the same database file', () => {
  const tmp = tempDir()
  const dbPath = tmp.file('shared.duckdb')
  let base = ''
  let close: () => Promise<void> = async () => undefined

  beforeAll(async () => {
    await withDatabase(dbPath, {}, (db) => initDatabase(db, '2026-11-28T00:00:00Z'))
    const { app } = await buildApp({ dbPath, dbIdleMs: 50 })
    await app.listen({ host: '127.0.0.1', port: 0 })
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    close = () => app.close()
  })
  afterAll(async () => {
    await close()
    tmp.remove()
  })

  it('serves requests while CLI reads and imports run against the same file, with no lock errors', async () => {
    let stop = false
    const statuses: number[] = []
    const load = (async () => {
      while (!stop) {
        const r = await fetch(
          `${base}/api/trade/series?product=magnets&partner=WLD&from=2025-05&to=2025-05`
        )
        statuses.push(r.status)
        const body = (await r.json()) as { quantity_t: number }[]
        expect(body[0]?.quantity_t).toBe(1238)
      }
    })()
    const extra = tmp.file('extra.csv')
    writeFileSync(
      extra,
      'period,product,partner,quantity_t,value_usd,basis,source_url,source_date,note\n' +
        '2025-08,magnets,KOR,640,,stated,https://example.org/kor-aug,2025-09-20,test row\n'
    )
    const read = await runChokepoint([
      'trade',
      'series',
      '--product',
      'magnets',
      '--from',
      '2025-05',
      '--to',
      '2025-05',
      '--db',
      dbPath,
      '--format',
      'json',
    ])
    const imported = await runChokepoint([
      'import',
      'exports',
      extra,
      '--db',
      dbPath,
      '--format',
      'json',
    ])
    const info = await runChokepoint(['db', 'info', '--db', dbPath, '--format', 'json'])
    stop = true
    await load
    expect(read.stderr).toBe('')
    expect(read.code).toBe(0)
    expect(JSON.parse(read.stdout)[0].quantity_t).toBe(1238)
    expect(imported.code).toBe(0)
    expect(JSON.parse(imported.stdout)).toMatchObject({ status: 'imported', rows_inserted: 1 })
    expect(info.code).toBe(0)
    expect(statuses.length).toBeGreaterThan(0)
    expect(statuses.every((s) => s === 200)).toBe(true)
    const after = await fetch(
      `${base}/api/trade/series?product=magnets&partner=KOR&from=2025-08&to=2025-08`
    )
    expect(((await after.json()) as { quantity_t: number }[])[0]?.quantity_t).toBe(640)
  })
})
