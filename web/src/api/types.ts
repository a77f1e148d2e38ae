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
import type { ThrottlingRow, TradeObservation } from '../../../src/contracts/trade'

/** `GET /api/datasets` (src/services/database.ts `databaseInfo`). */
export interface DatasetInfo {
  kind: string
  title: string
  rows: number
  revised_rows: number
  period_from: string | null
  period_to: string | null
  sources: number
  last_vintage: { id: number; file_name: string; imported_at: string; file_sha256: string } | null
}
export interface DatasetsResponse {
  schema_version: number
  datasets: DatasetInfo[]
}

export type { RuleSummary, StaleFinding, TimelineEvent }

// Trade: mirrors src/services/trade.ts (Breakdown, SourcesGroup, ProductCoverage, LatestRelease).

export interface BreakdownRow {
  partner: string
  aggregate: boolean
  quantity_t: number
  share_of_world: number | null
  derived: boolean
  sources: number
  disagreement: boolean
}
export interface Breakdown {
  product: string
  flow: 'export' | 'import'
  month: string
  world_t: number | null
  partners: BreakdownRow[]
  unreported_t: number | null
  coverage_note: string
}

export interface SourceRow extends TradeObservation {
  vintage_id: number
  superseded_by: number | null
  canonical: boolean
  superseded: boolean
}
export interface SourcesGroup {
  period: string
  period_kind: string
  partner: string
  canonical_t: number | null
  disagreement: boolean
  spread: number
  rule: string
  sources: SourceRow[]
}

export interface Coverage {
  first: string | null
  last: string | null
  months_with_data: number
  months_in_range: number
  gaps: { from: string; to: string; months: number }[]
}
export interface ProductCoverage {
  product: string
  description: string
  flow: 'export' | 'import'
  partners: number
  world: Coverage
}

export interface LatestProduct {
  product: string
  month: string | null
  quantity_t: number | null
  mom: number | null
  yoy: number | null
  derived: boolean
  sources: number
}
export interface LatestRelease {
  month: string | null
  products: LatestProduct[]
  throttling: ThrottlingRow[]
}

export interface EventRow {
  date: string
  actor: string
  kind: string
  summary: string
  related_measure_id: string | null
  source_url: string
  vintage_id?: number
  line?: number | null
}

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
