/**
 * `npm run bench -- import [--rows N] [--repeat N] [--keep]`: imports a deterministic synthetic UN Comtrade CSV (5,000,000 rows
 * by default, the 47 columns of a Comtrade+ download) with `chokepoint import exports FILE --input-format comtrade`
 * (the CLI's own path: open the database, import, close) and, in the same run, with (a) csv-parse +
 * better-sqlite3 prepared inserts in one transaction and (b) DuckDB's `read_csv` into a table. Targets: ≥ 5× (a),
 * within 2× of (b). Also times the throttling detector over 200 partners × 20 products × 240 months (< 1 s).
 * The generated file and databases live in bench/tmp/ and are removed afterwards (unless --keep).
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { detectThrottling, type SeriesData } from '../src/core/trade/throttling'
import { createRng } from '../src/core/shared/rng'
import { monthFromIndex, monthIndex } from '../src/core/shared/months'
import { withDatabase } from '../src/db/Database'
import { importFile } from '../src/services/imports'
import { writeSyntheticComtradeCsv } from './comtradeSynthetic'
import { csvParseSqlite, duckdbReadCsv } from './importPeers'
import { peakRssMb, writeResults, type BenchRow } from './results'

const here = dirname(fileURLToPath(import.meta.url))

function option(args: string[], name: string): string | undefined {
  const k = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`))
  if (k < 0) return undefined
  const a = args[k] as string
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[k + 1]
}

function removeDb(path: string): void {
  for (const suffix of ['', '.wal']) rmSync(path + suffix, { force: true })
}

const log = (s: string): boolean => process.stdout.write(`${s}\n`)

interface Timing {
  wall: number
  cpu: number
}

/** Wall and CPU seconds (all threads of this process: DuckDB's and SQLite's work runs in-process). */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; time: Timing }> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const value = await fn()
  const used = process.cpuUsage(cpu)
  return {
    value,
    time: { wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 },
  }
}

/** Best (least) wall and CPU time over the repeats. */
function best(times: Timing[]): Timing {
  return {
    wall: Math.min(...times.map((t) => t.wall)),
    cpu: Math.min(...times.map((t) => t.cpu)),
  }
}

const fmt = (t: Timing): string => `${t.wall.toFixed(2)} s wall, ${t.cpu.toFixed(2)} s CPU`

export async function main(args: string[]): Promise<void> {
  const rows = Number(option(args, 'rows') ?? 5_000_000)
  if (!Number.isInteger(rows) || rows < 1)
    throw new Error(`--rows must be a positive integer, not ${rows}`)
  const repeat = Number(option(args, 'repeat') ?? 1)
  const keep = args.includes('--keep')
  const tmp = join(here, 'tmp')
  mkdirSync(tmp, { recursive: true })
  const csv = join(tmp, `comtrade-${rows}.csv`)
  const ourDb = join(tmp, 'import-ours.duckdb')
  const results: BenchRow[] = []
  const loadAtStart = loadavg()[0] ?? 0
  try {
    const t = performance.now()
    const gen = await writeSyntheticComtradeCsv(csv, rows)
    log(
      `generated ${gen.rows} rows (${gen.importable} importable), ${(statSync(csv).size / 1e6).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s; load average ${loadAtStart.toFixed(2)} on ${availableParallelism()} cores`
    )
    const ours: Timing[] = []
    const peerA: Timing[] = []
    const peerB: Timing[] = []
    let reimport: Timing | undefined
    for (let round = 1; round <= repeat; round++) {
      // Ours: what `chokepoint import exports FILE --input-format comtrade --db PATH` runs (writeDb + importFile).
      removeDb(ourDb)
      const run = await timed(() =>
        withDatabase(ourDb, {}, (db) =>
          importFile(db, 'exports', csv, { format: 'comtrade' }, '2026-01-01T00:00:00.000Z')
        )
      )
      if (run.value.rows_inserted !== gen.importable || run.value.rows_read !== gen.rows) {
        throw new Error(`import stored ${run.value.rows_inserted} of ${gen.importable} rows`)
      }
      ours.push(run.time)
      log(`round ${round} ours: ${fmt(run.time)} (${run.value.rows_inserted} observations stored)`)
      if (round === 1) {
        const again = await timed(() =>
          withDatabase(ourDb, {}, (db) =>
            importFile(db, 'exports', csv, { format: 'comtrade' }, '2026-01-01T00:00:00.000Z')
          )
        )
        if (again.value.status !== 'unchanged') throw new Error('re-import was not a no-op')
        reimport = again.time
        log(`re-import of the same file (checked, then a no-op): ${fmt(again.time)}`)
      }
      removeDb(ourDb)
      const b = await timed(() => duckdbReadCsv(csv, join(tmp, 'import-peer-duckdb.duckdb')))
      peerB.push(b.time)
      log(`round ${round} peer (b) DuckDB read_csv into a table: ${fmt(b.time)}`)
      const a = await timed(() => csvParseSqlite(csv, join(tmp, 'import-peer-sqlite.db')))
      if (a.value.stored !== gen.importable)
        throw new Error(`peer (a) stored ${a.value.stored} rows`)
      peerA.push(a.time)
      log(`round ${round} peer (a) csv-parse + better-sqlite3: ${fmt(a.time)}`)
    }
    const o = best(ours)
    const a = best(peerA)
    const b = best(peerB)
    const name = `comtrade_import_${rows}`
    const rate = (sec: number): number => Math.round(rows / sec)
    const peerAName = 'csv-parse + better-sqlite3 prepared inserts, one transaction'
    const peerBName = 'duckdb read_csv into a table'
    const many = repeat > 1 ? `, best of ${repeat}` : ''
    results.push(
      {
        name,
        metric: `rows/s, wall clock (higher is better${many})`,
        value: rate(o.wall),
        peer: peerAName,
        peer_value: rate(a.wall),
        ratio: a.wall / o.wall,
      },
      {
        name,
        metric: `rows/s, wall clock (higher is better${many})`,
        value: rate(o.wall),
        peer: peerBName,
        peer_value: rate(b.wall),
        ratio: b.wall / o.wall,
      },
      {
        name,
        metric: `CPU seconds, all threads (lower is better${many})`,
        value: o.cpu,
        peer: peerAName,
        peer_value: a.cpu,
        ratio: a.cpu / o.cpu,
      },
      {
        name,
        metric: `CPU seconds, all threads (lower is better${many})`,
        value: o.cpu,
        peer: peerBName,
        peer_value: b.cpu,
        ratio: b.cpu / o.cpu,
      },
      {
        name: `${name}_reimport`,
        metric: 'seconds wall (same file again: checked, then a no-op)',
        value: reimport?.wall ?? 0,
        peer: null,
        peer_value: null,
        ratio: null,
      }
    )
  } finally {
    removeDb(ourDb)
    if (!keep && existsSync(csv)) rmSync(csv)
  }

  const throttling = await timed(async () => timeThrottling())
  results.push(
    {
      name: 'throttling_200_partners_20_products_240_months',
      metric: 'seconds wall (lower is better; target 1 s)',
      value: throttling.time.wall,
      peer: 'target',
      peer_value: 1,
      ratio: 1 / throttling.time.wall,
    },
    {
      name: 'machine load average (1 min), start -> end',
      metric: `other processes on ${availableParallelism()} cores`,
      value: loadAtStart,
      peer: 'at the end',
      peer_value: loadavg()[0] ?? 0,
      ratio: null,
    }
  )
  log(`peak RSS ${peakRssMb().toFixed(0)} MB`)
  writeResults('import', results)
}

/** Runs the detector for the last month of 20 products, each with a world series and 200 partner series. */
function timeThrottling(): void {
  const rng = createRng(240)
  const months = 240
  const first = monthIndex('2006-01')
  const last = monthFromIndex(first + months - 1)
  const products = Array.from({ length: 20 }, () => {
    const world = new Map<number, number>()
    const partners = new Map<string, SeriesData>()
    const shares = Array.from({ length: 200 }, () => rng.next())
    const total = shares.reduce((x, y) => x + y, 0)
    for (let m = 0; m < months; m++) world.set(first + m, 1000 + rng.next() * 500)
    shares.forEach((share, p) => {
      const series = new Map<number, number>()
      const dropFrom =
        rng.next() < 0.05 ? first + months - 1 - Math.floor(rng.next() * 12) : Infinity
      for (let m = 0; m < months; m++) {
        if (rng.next() < 0.1) continue // a missing month is missing
        const idx = first + m
        const w = world.get(idx) as number
        series.set(idx, (w * share * (idx >= dropFrom ? 0.1 : 0.8 + rng.next() * 0.4)) / total)
      }
      partners.set(`P${String(p).padStart(3, '0')}`, { months: series, years: new Map() })
    })
    return { world: { months: world, years: new Map() } as SeriesData, partners }
  })
  const started = performance.now()
  let rowsOut = 0
  for (const p of products) rowsOut += detectThrottling(last, p.world, p.partners).length
  log(
    `throttling detector: ${rowsOut} partner rows for ${last} in ${((performance.now() - started) / 1000).toFixed(3)} s`
  )
}
