/**
 * Response shapes that have no type in src/contracts yet, written from the routes' schemas. When a contract type
 * appears, replace the declaration here with a type-only re-export of it.
 */
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

export interface RuleSummary {
  id: string
  [k: string]: unknown
}
export type RuleDetail = RuleSummary
export type RuleTimelineEntry = Record<string, unknown>
export type StaleRule = Record<string, unknown>
