/**
 * The two peers of the import benchmark, doing their version of the same job on the same file:
 * (a) the common Node approach — csv-parse (records as objects) and better-sqlite3 prepared inserts in one
 *     transaction, with the same mapping (China, X/M, mapped HS codes, totals; kg → t; partner ISO3; row key and
 *     hash) into a table shaped like trade_observations, with its row_key index;
 * (b) DuckDB's own `read_csv` into a table: no mapping and no checks, the limit of what reading costs.
 */
import { createHash } from 'node:crypto'
import { createReadStream, rmSync } from 'node:fs'
import { DuckDBInstance } from '@duckdb/node-api'
import BetterSqlite3 from 'better-sqlite3'
import { parse } from 'csv-parse'
import {
  COMTRADE_PRODUCTS,
  comtradeRowKey,
  comtradeSourceUrl,
  partnerFromCode,
} from '../src/ingest/comtrade'

export interface PeerResult {
  seconds: number
  rows: number
  stored: number
}

function removeDb(path: string): void {
  for (const suffix of ['', '.wal', '-journal', '-wal', '-shm'])
    rmSync(path + suffix, { force: true })
}

export async function csvParseSqlite(csvPath: string, dbPath: string): Promise<PeerResult> {
  removeDb(dbPath)
  const started = performance.now()
  const db = new BetterSqlite3(dbPath)
  db.exec(`CREATE TABLE trade_observations (period TEXT NOT NULL, period_kind TEXT NOT NULL, flow TEXT NOT NULL,
    product TEXT NOT NULL, partner TEXT NOT NULL, quantity_t REAL, value_usd REAL, basis TEXT NOT NULL,
    source_url TEXT NOT NULL, source_date TEXT, note TEXT, flag TEXT, row_key TEXT NOT NULL, row_hash TEXT NOT NULL,
    vintage_id INTEGER NOT NULL, line INTEGER, superseded_by INTEGER);
    CREATE INDEX trade_obs_key ON trade_observations(row_key);`)
  const insert = db.prepare(
    `INSERT INTO trade_observations (period, period_kind, flow, product, partner, quantity_t, value_usd, basis,
       source_url, note, row_key, row_hash, vintage_id, line) VALUES (?, ?, ?, ?, ?, ?, ?, 'stated', ?, ?, ?, ?, 1, ?)`
  )
  const partners = new Map<string, string | undefined>()
  let rows = 0
  let stored = 0
  db.exec('BEGIN')
  const parser = createReadStream(csvPath).pipe(parse({ columns: true, bom: true }))
  for await (const r of parser as AsyncIterable<Record<string, string>>) {
    rows++
    if (r['reporterCode'] !== '156' || (r['flowCode'] !== 'X' && r['flowCode'] !== 'M')) continue
    const product = COMTRADE_PRODUCTS[r['cmdCode'] ?? '']
    if (!product || (r['customsCode'] ?? 'C00') !== 'C00' || (r['motCode'] ?? '0') !== '0') continue
    const p = r['period'] ?? ''
    if (!/^\d{4}(0[1-9]|1[0-2])?$/.test(p)) throw new Error(`bad period on record ${rows}`)
    const iso = r['partnerISO'] ?? ''
    let partner = partners.get(iso)
    if (!partners.has(iso)) {
      partner = iso === 'W00' ? 'WLD' : partnerFromCode(r['partnerCode'] ?? '')
      partners.set(iso, partner)
    }
    if (!partner) continue
    const q = r['netWgt'] === '' ? null : Number(r['netWgt']) / 1000
    const v = r['primaryValue'] === '' ? null : Number(r['primaryValue'])
    if ((q !== null && !(q >= 0)) || (v !== null && !(v >= 0)))
      throw new Error(`bad number on record ${rows}`)
    const month = p.length === 6
    const period = month ? `${p.slice(0, 4)}-${p.slice(4)}` : p
    const kind = month ? 'month' : 'year'
    const flow = r['flowCode'] === 'X' ? 'export' : 'import'
    const note = r['isNetWgtEstimated'] === 'True' ? 'net weight estimated by UN Comtrade' : null
    const hash = createHash('sha1')
      .update(JSON.stringify([q, v, 'stated', null, note]))
      .digest('hex')
      .slice(0, 20)
    insert.run(
      period,
      kind,
      flow,
      product,
      partner,
      q,
      v,
      comtradeSourceUrl(month ? 'M' : 'A', p),
      note,
      comtradeRowKey({ period, flow, product, partner }),
      hash,
      rows + 1
    )
    stored++
  }
  db.exec('COMMIT')
  db.close()
  const seconds = (performance.now() - started) / 1000
  removeDb(dbPath)
  return { seconds, rows, stored }
}

/** `CREATE TABLE ... AS SELECT * FROM read_csv(file)` (types detected) into a fresh database file. */
export async function duckdbReadCsv(csvPath: string, dbPath: string): Promise<PeerResult> {
  removeDb(dbPath)
  const started = performance.now()
  const instance = await DuckDBInstance.create(dbPath)
  const connection = await instance.connect()
  try {
    await connection.run(
      `CREATE TABLE raw AS SELECT * FROM read_csv('${csvPath.replace(/'/g, "''")}')`
    )
    const reader = await connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM raw')
    const n = Number(reader.getRows()[0]?.[0] ?? 0)
    connection.closeSync()
    instance.closeSync()
    const seconds = (performance.now() - started) / 1000
    return { seconds, rows: n, stored: n }
  } finally {
    removeDb(dbPath)
  }
}
