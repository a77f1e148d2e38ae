/**
 * Response shapes that have no type in src/contracts yet, written from the routes' schemas. When a contract type
 * appears, replace the declaration here with a type-only re-export of it.
 */
import type {
  Measure,
  MeasureState,
  RuleSummary,
  StaleFinding,
  TimelineEvent,
} from '../../../src/contracts/rulebook'
export type { DatasetInfo, DatasetsResponse, EventRow } from '../../../src/contracts/datasets'
export type {
  Breakdown,
  BreakdownRow,
  Coverage,
  LatestProduct,
  LatestRelease,
  ProductCoverage,
  SourceRow,
  SourcesGroup,
} from '../../../src/contracts/trade'

export type { RuleSummary, StaleFinding, TimelineEvent }

// Controls: the list, timeline and stale shapes wrap contract types (src/services/controls.ts).
export interface RulesResponse {
  rulebook_version: string
  as_of: string
  rules: RuleSummary[]
}
export interface TimelineResponse {
  rulebook_version: string
  as_of: string
  events: TimelineEvent[]
}
export interface StaleResponse {
  rulebook_version: string
  as_of: string
  findings: StaleFinding[]
}
/** `GET /api/rules/:id` (core/controls/timeline.ts ruleDetail). */
export interface RuleDetail {
  measure: Measure
  operative: unknown
  operative_source: string | null
  operative_derived: boolean
  role: string
  state: MeasureState
  state_note: string | null
  as_of: string
  suspensions: {
    from: string
    until: string
    by: { measure_id: string | null; instrument: string }[]
  }[]
  rules: {
    id: string
    effect: string
    modifier?: unknown
    from: string | null
    reason: string
    source_url: string | null
  }[]
  notes: { measure_id: string; [k: string]: unknown }[]
  rulebook_version: string
}

// Respond: mirrors src/services/respond.ts (floorFromData, viabilityFromData), which have no contract types yet.
export interface Quantiles {
  p10: number
  p50: number
  p90: number
}
export interface FloorResult {
  product: string
  market: string
  floor_usd_per_kg: number
  years: number
  volume_t_per_year: number
  start: string
  upside_share: number
  discount_rate: number
  paths: number
  seed: number
  expected_cost_usd: number
  cost_p10: number
  cost_p50: number
  cost_p90: number
  total_cost_p10: number
  total_cost_p50: number
  total_cost_p90: number
  p_binding: number
  first_quarter: Quantiles & { expected_cost_usd: number }
  by_year: (Quantiles & {
    year: number
    from: string
    expected_cost_usd: number
    p_binding: number
    mean_price_usd_per_kg: number
  })[]
  min_price_usd_per_kg: number
  model: {
    process: string
    product: string
    market: string
    status: string
    derived?: { long_run_usd_per_kg: number; half_life_years: number; stationary_sd_log: number }
    diagnostics?: { observations: number; from: string; to: string }
    last_observation?: { date: string; usd_per_kg: number }
    notes: string[]
  }
}

export interface Sourced<T> {
  value: T
  source: 'data' | 'cited' | 'assumption' | 'override'
  note: string
}
export interface NpvSummary {
  npv_usd_m: Quantiles & { mean: number }
  p_npv_positive: number
  irr: { p10: number | null; p50: number | null; p90: number | null }
  irr_defined_share: number
}
export interface ProjectViability {
  project: string
  company: string
  country: string
  outputs: { product: string; t_per_year: number }[]
  capex_usd_m: Sourced<number>
  opex_usd_per_kg: Sourced<number>
  start_offset_years: Sourced<number>
  life_years: Sourced<number>
  warnings: string[]
  without_floor: NpvSummary
  with_floor: NpvSummary | null
  break_even_floor_usd_per_kg: number | null
  break_even_note: string
  source_url: string
}
export interface ViabilityResult {
  valuation_year: number
  floor_usd_per_kg: number | null
  upside_share: number
  paths: number
  seed: number
  price_market: string
  assumptions: Record<string, unknown>
  projects: ProjectViability[]
  lacking_data: { project: string; company: string; country: string; missing: string[] }[]
}
