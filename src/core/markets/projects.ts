/**
 * Ex-China project economics over simulated price paths: NPV and IRR distributions with and without a floor, and
 * the break-even floor (smallest F with P(NPV > 0) ≥ 80%) by bisection on common random numbers. A project is
 * evaluated only when its output, capacity, capex and operating cost are known (from the data, a cited fact below,
 * or the caller's override); otherwise it is listed with what is missing.
 */
import { FX_RATES } from './fx'
import type { JumpOuParams } from './jumpOu'
import { simulateMonthlyPrices } from './pricePaths'
import { quantiles, type Quantiles } from './floor'

export interface ProjectRow {
  project: string
  company: string
  country_iso3: string
  products: string
  capacity: string | null
  capacity_unit: string | null
  status: string
  start_year: string | null
  capex_usd_m: string | null
  source_url: string | null
  line: number | null
}

export interface Sourced<T> {
  value: T
  source: 'data' | 'cited' | 'assumption' | 'override'
  note: string
}

const AUD_PER_USD_FY2021 = FX_RATES.find((r) => r.currency === 'AUD')!
const NOLANS_FS =
  'https://www.miningweekly.com/print-version/arafura-aims-for-nolans-fid-in-2022-2021-05-11'

/** Project facts found in cited sources (the project notes of data/projects_ex_china.csv). */
export const PROJECT_FACTS: Record<
  string,
  { opex_usd_per_kg?: Sourced<number>; life_years?: Sourced<number> }
> = {
  Nolans: {
    opex_usd_per_kg: {
      value: 46.6 / AUD_PER_USD_FY2021.per_usd,
      source: 'cited',
      note: `A$46.60/kg NdPr (2021 feasibility study, ${NOLANS_FS}) at ${AUD_PER_USD_FY2021.basis} (${AUD_PER_USD_FY2021.source_url})`,
    },
    life_years: {
      value: 38,
      source: 'cited',
      note: `38-year life (2021 feasibility study, ${NOLANS_FS})`,
    },
  },
}

export interface ViabilityAssumptions {
  discount_rate: Sourced<number>
  construction_years: Sourced<number>
  ramp: Sourced<number[]>
  life_years: Sourced<number>
  target_probability: number
}

export const DEFAULT_ASSUMPTIONS: ViabilityAssumptions = {
  discount_rate: {
    value: 0.1,
    source: 'cited',
    note: 'NPV at 10%, the rate of the Phalaborwa PEA (NPV10) in data/projects_ex_china.csv',
  },
  construction_years: {
    value: 3,
    source: 'assumption',
    note: 'years from the valuation start to first output when no start year is known',
  },
  ramp: {
    value: [0.5, 0.75, 1],
    source: 'assumption',
    note: 'share of capacity produced in the first years of output',
  },
  life_years: {
    value: 20,
    source: 'assumption',
    note: 'years of output when no cited life is known',
  },
  target_probability: 0.8,
}

export interface ProjectOverride {
  opex_usd_per_kg?: number | undefined
  capex_usd_m?: number | undefined
  capacity_t?: number | undefined
  start_year?: number | undefined
  life_years?: number | undefined
}

export interface Output {
  product: string
  t_per_year: number
}

export interface ProjectCase {
  row: ProjectRow
  outputs: Output[]
  capex_usd_m: Sourced<number>
  opex_usd_per_kg: Sourced<number>
  start_offset_years: Sourced<number>
  life_years: Sourced<number>
  warnings: string[]
}

function num(s: string): number {
  return Number(s.replace(/,/g, ''))
}

/** Reads a project row into a case, or lists what is missing. */
export function projectCase(
  row: ProjectRow,
  valuationYear: number,
  priced: ReadonlySet<string>,
  a: ViabilityAssumptions,
  override: ProjectOverride = {}
): ProjectCase | { missing: string[] } {
  const missing: string[] = []
  const warnings: string[] = []
  const unit = row.capacity_unit ?? ''
  let main: string | undefined
  if (/NdPr oxide/i.test(unit)) main = 'NdPr oxide'
  else if (/NdPr metal/i.test(unit)) main = 'NdPr metal'
  if (!main)
    missing.push(`output in tonnes of a priced product (capacity unit: "${unit || 'none'}")`)
  else if (!priced.has(main)) missing.push(`a calibrated ex-China price series for ${main}`)
  let capacity = override.capacity_t
  if (capacity === undefined && row.capacity) {
    const r = /^(\d[\d.,]*)(?:\s*-\s*(\d[\d.,]*))?$/.exec(row.capacity.trim())
    if (r) {
      capacity = num(r[1]!)
      if (r[2]) warnings.push(`capacity range ${row.capacity}: the low end is used`)
    }
  }
  if (capacity === undefined || !(capacity > 0)) missing.push('capacity')
  const outputs: Output[] = main && capacity ? [{ product: main, t_per_year: capacity }] : []
  for (const [, t, el] of unit.matchAll(/(\d[\d,]*)(?:-\d[\d,]*)? t\/yr (Dy|Tb)\b/g)) {
    const product = `${el} oxide`
    if (priced.has(product)) outputs.push({ product, t_per_year: num(t!) })
    else warnings.push(`by-product ${product} ignored: no calibrated ex-China price series`)
  }
  if (/HREO/.test(unit))
    warnings.push('heavy REO by-product ignored: basket composition not in the data')
  let capex: Sourced<number> | undefined
  if (override.capex_usd_m !== undefined)
    capex = { value: override.capex_usd_m, source: 'override', note: 'given by the caller' }
  else if (row.capex_usd_m) {
    const s = row.capex_usd_m.trim()
    const r = /^(>)?\s*(\d[\d.]*)(?:\s*-\s*(\d[\d.]*))?$/.exec(s)
    if (r) {
      const v = num(r[3] ?? r[2]!)
      capex = {
        value: v,
        source: 'data',
        note: `capex_usd_m "${s}"${r[3] ? ' (high end of the range)' : ''}`,
      }
      if (r[1]) warnings.push(`capex "${s}" is a lower bound: NPV is optimistic`)
    }
  }
  if (!capex) missing.push('capex')
  const fact = PROJECT_FACTS[row.project]
  const opex: Sourced<number> | undefined =
    override.opex_usd_per_kg !== undefined
      ? { value: override.opex_usd_per_kg, source: 'override', note: 'given by the caller' }
      : fact?.opex_usd_per_kg
  if (!opex) missing.push('operating cost per kg (no cited figure; pass one as an override)')
  if (missing.length > 0 || !capex || !opex) return { missing }
  const startYear = override.start_year ?? (row.start_year ? Number(row.start_year) : undefined)
  const operating = /^operating/i.test(row.status)
  const start: Sourced<number> =
    startYear !== undefined
      ? {
          value: Math.max(0, startYear - valuationYear),
          source: override.start_year !== undefined ? 'override' : 'data',
          note: `first output in ${startYear}`,
        }
      : operating
        ? { value: 0, source: 'data', note: `status "${row.status}"` }
        : a.construction_years
  const life: Sourced<number> =
    override.life_years !== undefined
      ? { value: override.life_years, source: 'override', note: 'given by the caller' }
      : (fact?.life_years ?? a.life_years)
  return {
    row,
    outputs,
    capex_usd_m: capex,
    opex_usd_per_kg: opex,
    start_offset_years: start,
    life_years: life,
    warnings,
  }
}

export interface PriceInput {
  params: JumpOuParams
  x0: number
  /** Months from the last observation to the start of the valuation year. */
  monthsBefore: number
}

export interface NpvSummary {
  npv_usd_m: Quantiles & { mean: number }
  p_npv_positive: number
  irr: Quantiles | null
  irr_defined_share: number
}

/** Internal rate of return by bisection; null when NPV does not change sign on [-0.99, 10]. */
export function irr(flows: Float64Array): number | null {
  const npv = (r: number) => flows.reduce((t, f, y) => t + f / (1 + r) ** y, 0)
  let lo = -0.99
  let hi = 10
  let flo = npv(lo)
  if (flo * npv(hi) > 0) return null
  for (let k = 0; k < 100 && hi - lo > 1e-7; k++) {
    const mid = (lo + hi) / 2
    const fm = npv(mid)
    if (fm * flo <= 0) hi = mid
    else {
      lo = mid
      flo = fm
    }
  }
  return (lo + hi) / 2
}

/** Simulates the product prices once and returns an evaluator of the NPV distribution at any floor. */
export function projectEvaluator(
  c: ProjectCase,
  prices: Map<string, PriceInput>,
  a: ViabilityAssumptions,
  paths: number,
  seed: number
) {
  const years = c.start_offset_years.value + c.life_years.value
  const r = a.discount_rate.value
  const sims = c.outputs.map((o, k) => {
    const p = prices.get(o.product)!
    const months = p.monthsBefore + years * 12
    return {
      o,
      p,
      months,
      prices: simulateMonthlyPrices(p.params, p.x0, months, paths, seed + 7919 * (k + 1)),
    }
  })
  const capexPerYear = (c.capex_usd_m.value * 1e6) / Math.max(1, c.start_offset_years.value)
  const flowsFor = (i: number, floor: number, upsideShare: number): Float64Array => {
    const flows = new Float64Array(years)
    for (let y = 0; y < years; y++) {
      const s0 = c.start_offset_years.value
      // Capex is spread over the years before first output, or paid in year 0 when output starts at once.
      if (s0 === 0 ? y === 0 : y < s0)
        flows[y]! -= s0 === 0 ? c.capex_usd_m.value * 1e6 : capexPerYear
      const j = y - s0
      if (j < 0) continue
      const share = a.ramp.value[j] ?? 1
      for (const s of sims) {
        let sum = 0
        const base = i * s.months + s.p.monthsBefore + y * 12
        for (let m = 0; m < 12; m++) {
          const price = s.prices[base + m] ?? 0
          const floored = s.o.product === 'NdPr oxide' || s.o.product === 'NdPr metal'
          sum +=
            !floored || floor <= 0
              ? price
              : price < floor
                ? floor
                : price - upsideShare * (price - floor)
        }
        flows[y]! += (sum / 12) * s.o.t_per_year * share * 1000
      }
      const main = c.outputs[0]!
      flows[y]! -= c.opex_usd_per_kg.value * main.t_per_year * share * 1000
    }
    return flows
  }
  const npvAt = (floor: number, withIrr: boolean, upsideShare = 0): NpvSummary => {
    const npvs = new Float64Array(paths)
    const irrs: number[] = []
    for (let i = 0; i < paths; i++) {
      const flows = flowsFor(i, floor, upsideShare)
      npvs[i] = flows.reduce((t, f, y) => t + f / (1 + r) ** y, 0) / 1e6
      if (withIrr) {
        const v = irr(flows)
        if (v !== null) irrs.push(v)
      }
    }
    const q = quantiles(npvs)
    return {
      npv_usd_m: { mean: npvs.reduce((t, v) => t + v, 0) / paths, ...q },
      p_npv_positive: npvs.filter((v) => v > 0).length / paths,
      irr: irrs.length > 0 ? quantiles(Float64Array.from(irrs)) : null,
      irr_defined_share: irrs.length / paths,
    }
  }
  return { years, npvAt }
}

/** Smallest floor (USD/kg, to `tolerance`) with P(NPV > 0) ≥ target, or null when `maxFloor` is not enough. */
export function breakEvenFloor(
  pAt: (floor: number) => number,
  target: number,
  maxFloor: number,
  tolerance = 0.5
): number | null {
  if (pAt(0) >= target) return 0
  if (pAt(maxFloor) < target) return null
  let lo = 0
  let hi = maxFloor
  while (hi - lo > tolerance) {
    const mid = (lo + hi) / 2
    if (pAt(mid) >= target) hi = mid
    else lo = mid
  }
  return hi
}
