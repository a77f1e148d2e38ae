/**
 * The API surface the dashboard uses: path → query/params/body → response. Response types come from
 * src/contracts (type-only imports, erased at build time); where a capability has no contract type yet, the shape
 * is declared here from the route's schema and marked as such.
 */
import type { ExposureReport, ExposureRequest } from '../../../src/contracts/exposure'
import type {
  Determination,
  LicenceBatchResult,
  ShipmentInput,
} from '../../../src/contracts/licence'
import type { OptimizeResult } from '../../../src/contracts/optimize'
import type {
  SimulationJob,
  SimulationRequest,
  SimulationResult,
} from '../../../src/contracts/scenario'
import type { SeriesPoint, ThrottlingRow } from '../../../src/contracts/trade'
import type {
  Breakdown,
  DatasetsResponse,
  EventRow,
  FloorResult,
  LatestRelease,
  ProductCoverage,
  RuleDetail,
  RulesResponse,
  StaleResponse,
  TimelineResponse,
  SourcesGroup,
  ViabilityResult,
} from './types'

export type {
  Determination,
  LicenceBatchResult,
  ExposureReport,
  ExposureRequest,
  OptimizeResult,
  SeriesPoint,
  SimulationJob,
  SimulationRequest,
  SimulationResult,
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
  '/api/rules': { query: { as_of?: string }; response: RulesResponse }
  '/api/rules/:id': { params: { id: string }; query: { as_of?: string }; response: RuleDetail }
  '/api/rules/timeline': {
    query: { as_of?: string; element?: string | undefined; jurisdiction?: string | undefined }
    response: TimelineResponse
  }
  '/api/rules/stale': { query: { as_of?: string }; response: StaleResponse }
  '/api/floor': {
    query: {
      product?: string
      floor: number
      years: number
      volume_t: number
      paths?: number
      seed?: number
      upside_share?: number
      discount_rate?: number
    }
    response: FloorResult
  }
  '/api/simulations/:id': { params: { id: string }; response: SimulationJob }
  '/api/projects/viability': {
    query: { floor?: number; paths?: number; seed?: number; upside_share?: number }
    response: ViabilityResult
  }
}

export interface PostEndpoints {
  '/api/licence/determinations': {
    body: { shipments: ShipmentInput[]; as_of?: string }
    response: LicenceBatchResult
  }
  '/api/exposure': { body: ExposureRequest; response: ExposureReport }
  '/api/simulations': { body: SimulationRequest; response: SimulationJob }
  /** JSON object, or YAML/JSON text through apiPostText. */
  '/api/optimize': { body: Record<string, unknown>; response: OptimizeResult }
}
