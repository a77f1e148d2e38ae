/**
 * Respond use cases shared by the CLI and the API: the diversification optimiser (HiGHS), the price model
 * calibrated from the stored prices, price-floor valuation, and ex-China project viability.
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { parseDocument } from 'yaml'
import { yamlValue } from '../ingest/yamlValue'
import {
  viabilityAssumptionsSchema,
  type FloorRequest,
  type PriceModelRequest,
  type ViabilityAssumptionsInput,
  type ViabilityRequest,
} from '../contracts/markets'
import { InputError } from '../contracts/errors'
import type { OptimizeResult } from '../contracts/optimize'
import { calibrateAll, type Calibration } from '../core/markets/calibrate'
import { valueFloor } from '../core/markets/floor'
import { FX_RATES } from '../core/markets/fx'
import { normalisePrices, resolveProduct, type PriceRow } from '../core/markets/priceObservations'
import {
  breakEvenFloor,
  DEFAULT_ASSUMPTIONS,
  projectCase,
  projectEvaluator,
  type PriceInput,
  type ProjectRow,
  type ViabilityAssumptions,
} from '../core/markets/projects'
import { optimize, type OptimizeOptions } from '../core/optimize/optimize'
import { monthFromIndex } from '../core/shared/months'
import type { Database } from '../db/Database'
import { loadDataset } from '../db/datasets'
import { readOptimizeInput } from '../ingest/optimizeInput'
import { loadLinearSolver } from '../solver/highsSolver'

/** Validates and solves an optimiser input (YAML or JSON text). */
export async function optimizeText(
  text: string,
  fileName: string,
  options: OptimizeOptions = {}
): Promise<OptimizeResult> {
  const input = readOptimizeInput(text, fileName)
  if (!input.ok) throw new InputError(input.error)
  const solve = await loadLinearSolver()
  return optimize(input.value, solve, options)
}

export async function optimizeFile(
  path: string,
  options: OptimizeOptions = {}
): Promise<OptimizeResult> {
  return optimizeText(await readFile(path, 'utf8'), basename(path), options)
}

/** The issues an infeasible (or unbounded) result turns into, for exit code 1. */
export function infeasibilityIssues(result: OptimizeResult, file: string): InputError {
  const conflicts = result.explanation?.conflicts ?? []
  return new InputError(
    conflicts.length > 0
      ? conflicts.map((c) => ({
          code: result.status,
          message: `${result.status}: constraint ${c.constraint} must be relaxed by ${c.relax_by} ${c.unit}`,
          path: [c.constraint],
          file,
        }))
      : [
          {
            code: result.status,
            message: `${result.status}: ${result.explanation?.summary ?? ''}`,
            path: [],
            file,
          },
        ]
  )
}

export interface MarketData {
  key: string
  observations: ReturnType<typeof normalisePrices>['observations']
  excluded: ReturnType<typeof normalisePrices>['excluded']
  calibration: ReturnType<typeof calibrateAll>
}
let cache: MarketData | undefined

/** Normalised prices and calibrations from the stored `prices` dataset (cached per set of stored rows). */
export async function loadMarketData(db: Database): Promise<MarketData> {
  const stored = await loadDataset(db, 'prices')
  const key = stored.map((r) => `${r.vintage_id}:${r.row_key}`).join('\n')
  if (cache && cache.key === key) return cache
  if (stored.length === 0) {
    throw new InputError([
      {
        code: 'no_prices',
        message: 'no prices are loaded: run `chokepoint db init` (or import a prices file) first',
        path: ['prices'],
      },
    ])
  }
  const rows: PriceRow[] = stored.map((r) => ({
    date: r.data['date'] ?? '',
    product: r.data['product'] ?? '',
    market: r.data['market'] ?? '',
    price: r.data['price'] ?? '',
    currency: r.data['currency'] ?? '',
    unit: r.data['unit'] ?? '',
    source_url: r.source_url,
    line: r.line,
  }))
  const { observations, excluded } = normalisePrices(rows)
  cache = { key, observations, excluded, calibration: calibrateAll(observations) }
  return cache
}

/** The calibration for a product and market, or an input error naming the product and what exists. */
export function calibrationFor(data: MarketData, product: string, market: string): Calibration {
  const products = [...new Set(data.observations.map((o) => o.product))].sort()
  const key = resolveProduct(product, products)
  if (!key) {
    throw new InputError([
      {
        code: 'no_prices',
        message: `no prices for product "${product}" (products with prices: ${products.join(', ')})`,
        path: ['product'],
        field: 'product',
        found: product,
      },
    ])
  }
  const cal = data.calibration.calibrations.find((c) => c.product === key && c.market === market)
  if (!cal) {
    const why = data.calibration.uncalibrated.find((u) => u.product === key && u.market === market)
    throw new InputError([
      {
        code: 'no_price_model',
        message: `no price model for ${key} in market ${market}: ${why?.reason ?? 'no observations in that market'}`,
        path: ['product'],
        field: 'product',
        found: product,
      },
    ])
  }
  return cal
}

function modelView(cal: Calibration) {
  return {
    process:
      'mean-reverting log-price (Ornstein–Uhlenbeck) with compound-Poisson jumps, monthly steps',
    product: cal.product,
    market: cal.market,
    status: cal.status,
    params: cal.params,
    provenance: cal.provenance,
    derived: cal.derived,
    diagnostics: cal.diagnostics,
    last_observation: cal.last,
  }
}

export async function priceModel(db: Database, req: PriceModelRequest) {
  const data = await loadMarketData(db)
  let cals = data.calibration.calibrations
  if (req.product) {
    const key = calibrationFor(
      data,
      req.product,
      req.market ??
        cals.find((c) => c.product === resolveProduct(req.product ?? '', [c.product]))?.market ??
        'ex_china'
    ).product
    cals = cals.filter((c) => c.product === key)
  }
  if (req.market) cals = cals.filter((c) => c.market === req.market)
  return {
    pooled_dynamics: data.calibration.pooled,
    models: cals.map(modelView),
    uncalibrated: data.calibration.uncalibrated,
    excluded_rows: data.excluded,
    fx_rates: FX_RATES.map((r) => ({ ...r, per_usd: Math.round(r.per_usd * 1e6) / 1e6 })),
    observations: data.observations.length,
  }
}

function monthIndexOfT(t: number): number {
  return Math.floor(t * 12 + 1e-9)
}

export async function floorValuation(db: Database, req: FloorRequest) {
  return floorFromData(await loadMarketData(db), req)
}

/** Floor valuation from loaded market data (CPU only: call it outside the database gate). */
export function floorFromData(data: MarketData, req: FloorRequest) {
  const cal = calibrationFor(data, req.product, req.market)
  const lastMonth = monthIndexOfT(cal.last.t)
  const notes: string[] = []
  let startMonth = lastMonth + 1
  if (req.start) {
    const [y, m] = req.start.split('-').map(Number) as [number, number]
    const wanted = y * 12 + m - 1
    if (wanted < startMonth)
      notes.push(
        `start ${req.start} is before the month after the last observation (${cal.last.date}); the floor starts in ${monthFromIndex(startMonth)}`
      )
    startMonth = Math.max(startMonth, wanted)
  }
  const value = valueFloor({
    params: cal.params,
    x0: Math.log(cal.last.usd_per_kg),
    monthsBeforeStart: startMonth - lastMonth - 1,
    years: req.years,
    floorUsdPerKg: req.floor,
    volumeTPerYear: req.volume_t,
    paths: req.paths,
    seed: req.seed,
    upsideShare: req.upside_share,
    discountRate: req.discount_rate,
  })
  const r = (v: number) => Math.round(v)
  return {
    product: cal.product,
    market: cal.market,
    floor_usd_per_kg: req.floor,
    years: req.years,
    volume_t_per_year: req.volume_t,
    start: monthFromIndex(startMonth),
    upside_share: req.upside_share,
    discount_rate: req.discount_rate,
    paths: req.paths,
    seed: req.seed,
    expected_cost_usd: r(value.expected_cost_usd),
    cost_p10: r(value.cost_p10),
    cost_p50: r(value.cost_p50),
    cost_p90: r(value.cost_p90),
    total_cost_p10: r(value.total_cost.p10),
    total_cost_p50: r(value.total_cost.p50),
    total_cost_p90: r(value.total_cost.p90),
    p_binding: Math.round(value.p_binding * 1e4) / 1e4,
    first_quarter: {
      expected_cost_usd: r(value.first_quarter.expected_cost_usd),
      p10: r(value.first_quarter.p10),
      p50: r(value.first_quarter.p50),
      p90: r(value.first_quarter.p90),
    },
    by_year: value.by_year.map((y) => ({
      year: y.year,
      from: monthFromIndex(startMonth + 12 * (y.year - 1)),
      expected_cost_usd: r(y.expected_cost_usd),
      p10: r(y.p10),
      p50: r(y.p50),
      p90: r(y.p90),
      p_binding: Math.round(y.p_binding * 1e4) / 1e4,
      mean_price_usd_per_kg: Math.round(y.mean_price_usd_per_kg * 100) / 100,
    })),
    min_price_usd_per_kg: Math.round(value.min_price_usd_per_kg * 100) / 100,
    model: { ...modelView(cal), notes },
  }
}

/** Reads a viability assumptions file (YAML or JSON). */
export async function readAssumptionsFile(path: string): Promise<ViabilityAssumptionsInput> {
  const text = await readFile(path, 'utf8')
  const doc = parseDocument(text)
  const malformed = doc.errors[0]
  if (malformed) {
    const pos = malformed.linePos?.[0]
    throw new InputError([
      {
        code: 'malformed_yaml',
        message: `not valid YAML/JSON: ${malformed.message.split('\n')[0]}`,
        path: [],
        file: basename(path),
        ...(pos ? { line: pos.line, column: pos.col } : {}),
      },
    ])
  }
  const value = yamlValue(doc, basename(path))
  if (!value.ok) throw new InputError(value.error)
  const parsed = viabilityAssumptionsSchema.safeParse(value.value)
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((i) => ({
        code: `invalid_${i.code}`,
        message: `${i.path.join('.')}: ${i.message}`,
        path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
        file: basename(path),
        field: String(i.path.at(-1) ?? ''),
      }))
    )
  }
  return parsed.data
}

export async function projectViability(
  db: Database,
  req: ViabilityRequest,
  file: ViabilityAssumptionsInput = {}
) {
  return viabilityFromData(await loadMarketData(db), await loadProjects(db), req, file)
}

export async function loadProjects(db: Database): Promise<ProjectRow[]> {
  return (await loadDataset(db, 'projects')).map((r): ProjectRow => ({
    project: r.data['project'] ?? '',
    company: r.data['company'] ?? '',
    country_iso3: r.data['country_iso3'] ?? '',
    products: r.data['products'] ?? '',
    capacity: r.data['capacity'] ?? null,
    capacity_unit: r.data['capacity_unit'] ?? null,
    status: r.data['status'] ?? '',
    start_year: r.data['start_year'] ?? null,
    capex_usd_m: r.data['capex_usd_m'] ?? null,
    source_url: r.source_url,
    line: r.line,
  }))
}

/** Project viability from loaded data (CPU only: call it outside the database gate). */
export function viabilityFromData(
  data: MarketData,
  rows: ProjectRow[],
  req: ViabilityRequest,
  file: ViabilityAssumptionsInput = {}
) {
  const a: ViabilityAssumptions = {
    ...DEFAULT_ASSUMPTIONS,
    ...(file.discount_rate !== undefined
      ? {
          discount_rate: {
            value: file.discount_rate,
            source: 'override' as const,
            note: 'assumptions file',
          },
        }
      : {}),
    ...(file.construction_years !== undefined
      ? {
          construction_years: {
            value: file.construction_years,
            source: 'override' as const,
            note: 'assumptions file',
          },
        }
      : {}),
    ...(file.ramp
      ? { ramp: { value: file.ramp, source: 'override' as const, note: 'assumptions file' } }
      : {}),
    ...(file.life_years !== undefined
      ? {
          life_years: {
            value: file.life_years,
            source: 'override' as const,
            note: 'assumptions file',
          },
        }
      : {}),
  }
  const exChina = data.calibration.calibrations.filter((c) => c.market === 'ex_china')
  const priced = new Set(exChina.map((c) => c.product))
  const nd = exChina.find((c) => c.product === 'NdPr oxide')
  const valuationYear = nd ? Math.floor(nd.last.t) + 1 : 2026
  const prices = new Map<string, PriceInput>(
    exChina.map((c) => [
      c.product,
      {
        params: c.params,
        x0: Math.log(c.last.usd_per_kg),
        monthsBefore: Math.max(0, valuationYear * 12 - monthIndexOfT(c.last.t) - 1),
      },
    ])
  )
  const unknown = Object.keys(file.projects ?? {}).filter((n) => !rows.some((r) => r.project === n))
  if (unknown.length > 0) {
    throw new InputError(
      unknown.map((n) => ({
        code: 'unknown_project',
        message: `unknown project "${n}" in the assumptions file`,
        path: ['projects', n],
      }))
    )
  }
  const evaluated = []
  const lacking = []
  for (const row of rows) {
    const c = projectCase(row, valuationYear, priced, a, file.projects?.[row.project] ?? {})
    if ('missing' in c) {
      lacking.push({
        project: row.project,
        company: row.company,
        country: row.country_iso3,
        missing: c.missing,
      })
      continue
    }
    const ev = projectEvaluator(c, prices, a, req.paths, req.seed)
    const without = ev.npvAt(0, true, 0)
    const withFloor = req.floor !== undefined ? ev.npvAt(req.floor, true, req.upside_share) : null
    const current = prices.get(c.outputs[0]!.product)
    const maxFloor = 10 * Math.exp(current?.x0 ?? Math.log(100))
    const breakEven = breakEvenFloor(
      (f) => ev.npvAt(f, false, req.upside_share).p_npv_positive,
      a.target_probability,
      maxFloor
    )
    evaluated.push({
      project: row.project,
      company: row.company,
      country: row.country_iso3,
      outputs: c.outputs,
      capex_usd_m: c.capex_usd_m,
      opex_usd_per_kg: c.opex_usd_per_kg,
      start_offset_years: c.start_offset_years,
      life_years: c.life_years,
      warnings: c.warnings,
      without_floor: without,
      with_floor: withFloor,
      break_even_floor_usd_per_kg: breakEven === null ? null : Math.round(breakEven * 10) / 10,
      break_even_note:
        breakEven === null
          ? `P(NPV > 0) stays below ${a.target_probability} even at a floor of ${Math.round(maxFloor)} USD/kg (10 × the last price)`
          : `smallest floor with P(NPV > 0) ≥ ${a.target_probability}, by bisection to 0.5 USD/kg`,
      source_url: row.source_url,
    })
  }
  return {
    valuation_year: valuationYear,
    floor_usd_per_kg: req.floor ?? null,
    upside_share: req.upside_share,
    paths: req.paths,
    seed: req.seed,
    price_market: 'ex_china',
    assumptions: {
      discount_rate: a.discount_rate,
      construction_years: a.construction_years,
      ramp: a.ramp,
      life_years: a.life_years,
      target_probability: a.target_probability,
      simplifications: [
        'no taxes, royalties, working capital or sustaining capex',
        'product prices simulated independently of each other',
        'capex spread evenly over the construction years',
        'the floor applies to NdPr output only; the payer shares in the upside only when upside_share > 0',
      ],
    },
    projects: evaluated,
    lacking_data: lacking,
  }
}
