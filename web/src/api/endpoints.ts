/**
 * The API surface the dashboard uses: path → query/params/body → response. Response types come from
 * src/contracts (type-only imports, erased at build time); where a capability has no contract type yet, the shape
 * is declared here from the route's schema and marked as such.
 */
import type { ExposureReport, ExposureRequest } from '../../../src/contracts/exposure'
import type { Determination, ShipmentInput } from '../../../src/contracts/licence'
import type { SeriesPoint, ThrottlingRow } from '../../../src/contracts/trade'
import type {
  Breakdown,
  DatasetsResponse,
  EventRow,
  LatestRelease,
  ProductCoverage,
  RuleDetail,
  RuleSummary,
  RuleTimelineEntry,
  SourcesGroup,
  StaleRule,
} from './types'

export type {
  Determination,
  ExposureReport,
  ExposureRequest,
  SeriesPoint,
  ShipmentInput,
  ThrottlingRow,
}

export interface GetEndpoints {
  '/api/datasets': { response: DatasetsResponse }
  '/api/trade/series': {
    query: { product: string; partner: string; from?: string; to?: string; flow?: string }
    response: SeriesPoint[]
  }
  '/api/trade/breakdown': { query: { product: string; month: string }; response: Breakdown }
  '/api/trade/throttling': {
    query: { product: string; month?: string; partner?: string }
    response: ThrottlingRow[]
  }
  '/api/trade/sources': {
    query: { product: string; partner?: string; period?: string; disagreements?: 'true' | 'false' }
    response: SourcesGroup[]
  }
  '/api/trade/products': { response: ProductCoverage[] }
  '/api/trade/latest': { response: LatestRelease }
  '/api/events': { response: EventRow[] }
  '/api/rules': { query: { element?: string; jurisdiction?: string }; response: RuleSummary[] }
  '/api/rules/:id': { params: { id: string }; response: RuleDetail }
  '/api/rules/timeline': { response: RuleTimelineEntry[] }
  '/api/rules/stale': { query: { as_of?: string }; response: StaleRule[] }
}

export interface PostEndpoints {
  '/api/licence/determinations': {
    body: { shipments: ShipmentInput[]; as_of?: string }
    response: Determination[]
  }
  '/api/exposure': { body: ExposureRequest; response: ExposureReport }
}
