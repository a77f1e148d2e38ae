/**
 * `npm run bench -- respond`: the diversification optimiser on HiGHS (1,000 sources × 20 materials × 200
 * scenarios, target < 10 s) against javascript-lp-solver on the largest instance it finishes (60 s cap each, in a
 * worker so it can be stopped), and a floor valuation of 100,000 paths × 120 months (target < 2 s).
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { optimizeInputSchema, type OptimizeInput } from '../src/contracts/optimize'
import { calibrateAll } from '../src/core/markets/calibrate'
import { valueFloor } from '../src/core/markets/floor'
import { normalisePrices, type PriceRow } from '../src/core/markets/priceObservations'
import { buildModel } from '../src/core/optimize/buildModel'
import { optimize, prepareProblem } from '../src/core/optimize/optimize'
import { createRng } from '../src/core/shared/rng'
import { parseCsv } from '../src/ingest/csv'
import { loadLinearSolver } from '../src/solver/highsSolver'
import { writeResults, type BenchRow } from './results'

const COUNTRIES = ['CHN', 'AUS', 'MYS', 'USA', 'BRA', 'FRA', 'EST', 'VNM', 'IND', 'CAN']

/** A synthetic but feasible instance: costs and risks are random (seeded), not data. */
function instance(sources: number, materials: number, scenarios: number, seed = 42): OptimizeInput {
  const rng = createRng(seed)
  const mats = Array.from({ length: materials }, (_, m) => ({
    id: `m${m}`,
    demand_t: 100 + Math.floor(rng.next() * 900),
  }))
  const perMat = Math.ceil(sources / materials)
  const srcs = Array.from({ length: sources }, (_, i) => {
    const m = mats[i % materials]!
    const country = COUNTRIES[Math.floor(rng.next() * COUNTRIES.length)]!
    return {
      id: `s${i}`,
      material: m.id,
      country,
      capacity_t: Math.round(((2.5 * m.demand_t) / perMat) * (0.5 + rng.next())),
      unit_cost: Math.round(50_000 + rng.next() * 50_000 + (country === 'CHN' ? -20_000 : 0)),
      disruption_risk: country === 'CHN' ? 0.15 : rng.next() * 0.1,
      disruption_severity: 0.5 + rng.next() * 0.5,
    }
  })
  return optimizeInputSchema.parse({
    materials: mats,
    sources: srcs,
    constraints: { max_country_share: 0.65 },
    scenarios: { count: scenarios, seed },
    objective: { shortfall_penalty_per_t: 500_000 },
  })
}

/** The same LP in javascript-lp-solver's JSON form (bounds as rows, as that solver needs). */
function jsModel(input: OptimizeInput) {
  const { problem: p } = prepareProblem(input)
  const built = buildModel(p)
  const m = built.model
  const constraints: Record<string, { min?: number; max?: number }> = {}
  const variables: Record<string, Record<string, number>> = {}
  for (let j = 0; j < m.numCols; j++) {
    const v: Record<string, number> = { cost: m.colCost[j] ?? 0 }
    if (Number.isFinite(m.colUpper[j] ?? Infinity)) {
      v[`ub${j}`] = 1
      constraints[`ub${j}`] = { max: m.colUpper[j] ?? 0 }
    }
    variables[`c${j}`] = v
  }
  for (let r = 0; r < m.numRows; r++) {
    const c: { min?: number; max?: number } = {}
    if (Number.isFinite(m.rowLower[r] ?? -Infinity)) c.min = m.rowLower[r] ?? 0
    if (Number.isFinite(m.rowUpper[r] ?? Infinity)) c.max = m.rowUpper[r] ?? 0
    constraints[`r${r}`] = c
    for (let k = m.starts[r] ?? 0; k < (m.starts[r + 1] ?? 0); k++) {
      variables[`c${m.index[k]}`]![`r${r}`] = m.value[k] ?? 0
    }
  }
  return { optimize: 'cost', opType: 'min', constraints, variables }
}

const here = dirname(fileURLToPath(import.meta.url))
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const solver = require(workerData.solverPath)
const t0 = performance.now()
const r = solver.Solve(workerData.model)
parentPort.postMessage({ seconds: (performance.now() - t0) / 1000, objective: r.result, feasible: r.feasible })
`

function runJsSolver(
  model: unknown,
  timeoutMs: number
): Promise<{ seconds: number; objective: number; feasible: boolean } | null> {
  const solverPath = join(here, '../node_modules/javascript-lp-solver/dist/index.cjs')
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { model, solverPath } })
    const timer = setTimeout(() => {
      void worker.terminate()
      resolve(null)
    }, timeoutMs)
    worker.once('message', (msg: { seconds: number; objective: number; feasible: boolean }) => {
      clearTimeout(timer)
      void worker.terminate()
      resolve(msg)
    })
    worker.once('error', () => {
      clearTimeout(timer)
      resolve(null)
    })
  })
}

function seconds(f: () => void): number {
  const t0 = performance.now()
  f()
  return (performance.now() - t0) / 1000
}

export async function main(args: string[]): Promise<void> {
  const jsTimeoutMs =
    Number(args.find((a) => a.startsWith('--js-timeout='))?.split('=')[1] ?? 60) * 1000
  const solve = await loadLinearSolver()
  const rows: BenchRow[] = []

  // 1. The target instance, solved through the whole optimiser (build + HiGHS + read-out, no frontier).
  const big = instance(1000, 20, 200)
  let bigResult: ReturnType<typeof optimize> | undefined
  const bigSeconds = seconds(() => {
    bigResult = optimize(big, solve, { frontier: false })
  })
  const dims = bigResult!.model
  process.stdout.write(
    `1000×20×200: ${dims.columns} columns, ${dims.rows} rows, ${dims.nonzeros} nonzeros, status ${bigResult!.status}, ${bigSeconds.toFixed(2)} s\n`
  )
  rows.push({
    name: 'optimize 1000 sources × 20 materials × 200 scenarios',
    metric: 'seconds (lower is better; ratio = target / value)',
    value: bigSeconds,
    peer: 'target',
    peer_value: 10,
    ratio: 10 / bigSeconds,
  })

  // 2. The ladder against javascript-lp-solver: same LP, same run; stop at the first size it does not finish.
  const ladder: [number, number, number][] = [
    [20, 2, 5],
    [50, 5, 10],
    [100, 5, 20],
    [200, 10, 50],
    [500, 20, 100],
    [1000, 20, 200],
  ]
  let largest: BenchRow | undefined
  for (const [s, m, w] of ladder) {
    const inp = instance(s, m, w)
    const { problem } = prepareProblem(inp)
    const model = buildModel(problem).model
    let highsObjective = 0
    const highsSeconds = seconds(() => {
      highsObjective = solve(model).objective
    })
    const js = await runJsSolver(jsModel(inp), jsTimeoutMs)
    const label = `${s}×${m}×${w}`
    if (!js) {
      process.stdout.write(
        `${label}: HiGHS ${highsSeconds.toFixed(3)} s; javascript-lp-solver did not finish in ${jsTimeoutMs / 1000} s\n`
      )
      break
    }
    const agree =
      Math.abs(js.objective - highsObjective) <= 1e-4 * Math.max(1, Math.abs(highsObjective))
    process.stdout.write(
      `${label}: HiGHS ${highsSeconds.toFixed(3)} s (obj ${highsObjective.toFixed(0)}), javascript-lp-solver ${js.seconds.toFixed(3)} s (obj ${Number(js.objective).toFixed(0)}${agree ? ', same optimum' : ', DIFFERENT optimum'})\n`
    )
    largest = {
      name: `LP solve ${label} (largest javascript-lp-solver finished)`,
      metric: 'seconds (lower is better; ratio = peer / value)',
      value: highsSeconds,
      peer: 'javascript-lp-solver',
      peer_value: js.seconds,
      ratio: js.seconds / highsSeconds,
    }
  }
  if (largest) rows.push(largest)

  // 3. Floor valuation with the NdPr (China domestic) model calibrated from the shipped prices.
  const table = parseCsv(readFileSync(join(here, '../data/prices.csv'), 'utf8'), 'prices.csv')
  if (!table.ok) throw new Error('cannot read data/prices.csv')
  const h = table.value.header
  const priceRows: PriceRow[] = table.value.records.map((r) => {
    const get = (k: string) => r.fields[h.indexOf(k)] ?? ''
    return {
      date: get('date'),
      product: get('product'),
      market: get('market'),
      price: get('price'),
      currency: get('currency'),
      unit: get('unit'),
      source_url: get('source_url'),
      line: r.line,
    }
  })
  const cal = calibrateAll(normalisePrices(priceRows).observations).calibrations.find(
    (c) => c.product === 'NdPr oxide' && c.market === 'china_domestic'
  )
  if (!cal) throw new Error('no NdPr oxide model')
  const spec = {
    params: cal.params,
    x0: Math.log(cal.last.usd_per_kg),
    monthsBeforeStart: 0,
    years: 10,
    floorUsdPerKg: 110,
    volumeTPerYear: 1000,
    paths: 100_000,
    seed: 1,
    upsideShare: 0,
    discountRate: 0,
  }
  valueFloor({ ...spec, paths: 2000 }) // warm-up
  let expected = 0
  const floorSeconds = seconds(() => {
    expected = valueFloor(spec).expected_cost_usd
  })
  process.stdout.write(
    `floor 100,000 × 120: ${floorSeconds.toFixed(2)} s, expected cost ${Math.round(expected).toLocaleString('en-US')} USD\n`
  )
  rows.push({
    name: 'floor valuation 100,000 paths × 120 months',
    metric: 'seconds (lower is better; ratio = target / value)',
    value: floorSeconds,
    peer: 'target',
    peer_value: 2,
    ratio: 2 / floorSeconds,
  })
  writeResults('respond', rows)
}
