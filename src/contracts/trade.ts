/**
 * Trade vocabulary: the product catalogue (what each product code means, with its customs codes) and the shapes
 * of trade observations and series points.
 */
import { z } from 'zod'
import { monthSchema, partnerSchema } from './common'

export interface ProductInfo {
  description: string
  /** HS codes (digits) the product corresponds to, where known. */
  hs: string[]
}

/**
 * Base products. A file's product column may add `_imports` (import flow) and `_ytd` (year-to-date cumulative),
 * in that order: `rare_earths_imports_ytd`. `rare_earths` and `rare_earth_products` are different totals and are
 * never merged.
 */
export const PRODUCTS: Record<string, ProductInfo> = {
  magnets: { description: 'Rare-earth permanent magnets (HS 8505.11)', hs: ['850511'] },
  magnets_incl_powder_alloys: {
    description:
      'Magnets including magnetic powders and alloys (broader scope some outlets report)',
    hs: [],
  },
  magnets_incl_alloys: { description: 'Magnets including alloys (broader scope)', hs: [] },
  rare_earths: {
    description: "China customs' 'rare earths' category (the 17 elements: compounds and metals)",
    hs: ['280530', '2846'],
  },
  rare_earth_products: {
    description: 'Rare-earth products: a broader total than rare_earths that some outlets report',
    hs: [],
  },
  rare_earth_metals_280530: {
    description: 'Rare-earth metals, scandium and yttrium (HS 2805.30)',
    hs: ['280530'],
  },
  rare_earth_compounds_2846: {
    description: 'Compounds of rare-earth metals (HS 2846)',
    hs: ['2846'],
  },
  cerium_compounds: { description: 'Cerium compounds (HS 2846.10)', hs: ['284610'] },
  other_rare_earth_compounds: {
    description: 'Other rare-earth compounds (HS 2846.90)',
    hs: ['284690'],
  },
  dysprosium: { description: 'Dysprosium products (oxide, metal, compounds) as reported', hs: [] },
  dysprosium_oxide: { description: 'Dysprosium oxide', hs: [] },
  terbium: { description: 'Terbium products (oxide, metal, compounds) as reported', hs: [] },
  rare_earth_ore: { description: 'Rare-earth ores', hs: [] },
  rare_earth_concentrate: { description: 'Rare-earth concentrates', hs: [] },
  bastnaesite: { description: 'Bastnaesite ore/concentrate', hs: [] },
  monazite: { description: 'Monazite ore/concentrate', hs: [] },
  mixed_re_carbonate: { description: 'Mixed rare-earth carbonate', hs: [] },
  mixed_re_oxides_ndpr: { description: 'Mixed rare-earth oxides containing NdPr', hs: [] },
  re_oxide_unlisted: { description: 'Unlisted rare-earth oxides', hs: [] },
  rare_earth_oxides: { description: 'Rare-earth oxides', hs: [] },
  rare_earth_metals_alloys: { description: 'Rare-earth metals and alloys', hs: [] },
  rare_earth_metals_sc_y_niche: { description: 'Niche rare-earth metals (Sc, Y)', hs: [] },
  rare_earth_raw_materials: { description: 'Rare-earth raw materials', hs: [] },
  rare_earth_separation_products: { description: 'Rare-earth separation products', hs: [] },
}

export type PeriodKind = 'month' | 'ytd' | 'year'
export type Flow = 'export' | 'import'

export interface ProductCode {
  /** Base product, a key of PRODUCTS. */
  product: string
  flow: Flow
  ytd: boolean
}

/** Splits `rare_earths_imports_ytd` into its base product, flow and ytd flag; undefined if the base is unknown. */
export function parseProductCode(code: string): ProductCode | undefined {
  let rest = code
  let ytd = false
  let flow: Flow = 'export'
  if (rest.endsWith('_ytd')) {
    ytd = true
    rest = rest.slice(0, -4)
  }
  if (rest.endsWith('_imports')) {
    flow = 'import'
    rest = rest.slice(0, -8)
  }
  return Object.hasOwn(PRODUCTS, rest) ? { product: rest, flow, ytd } : undefined
}

/** One stored source row: a figure for a period, product, flow and partner from one source. */
export interface TradeObservation {
  period: string
  period_kind: PeriodKind
  flow: Flow
  product: string
  partner: string
  quantity_t: number | null
  value_usd: number | null
  basis: 'stated' | 'derived'
  source_url: string
  source_date: string | null
  note: string | null
  /** Set from a note that starts with ERROR-LIKELY or CONFLICT: kept as a source, never canonical over an unflagged one. */
  flag: 'error_likely' | 'conflict' | null
  line: number | null
}

export const seriesQuerySchema = z.object({
  product: z.string().min(1).default('magnets'),
  partner: partnerSchema.default('WLD'),
  flow: z.enum(['export', 'import']).default('export'),
  from: monthSchema.optional(),
  to: monthSchema.optional(),
})
export type SeriesQuery = z.output<typeof seriesQuerySchema>

/** One month of a series (the `series` API/CLI shape, with analytics). */
export const seriesPointSchema = z.object({
  period: z.string(),
  product: z.string(),
  partner: z.string(),
  quantity_t: z.number().nullable(),
  derived: z.boolean(),
  sources: z.number().int(),
  value_usd: z.number().nullable(),
  mom: z.number().nullable(),
  yoy: z.number().nullable(),
  rolling_12m_t: z.number().nullable(),
  share_of_world: z.number().nullable(),
  disagreement: z.boolean(),
  missing: z.boolean(),
})
export type SeriesPoint = z.infer<typeof seriesPointSchema>

export const throttlingRowSchema = z.object({
  partner: z.string(),
  month: z.string(),
  actual_t: z.number(),
  expected_t: z.number().nullable(),
  score: z.number().nullable(),
  targeted: z.boolean(),
  since: z.string().nullable(),
  baseline_share: z.number().nullable(),
  baseline_months: z.number().int(),
  world_change: z.number().nullable(),
  partner_change: z.number().nullable(),
  recovered: z.string().nullable(),
  note: z.string().nullable(),
})
export type ThrottlingRow = z.infer<typeof throttlingRowSchema>

// Response shapes of the trade routes (`/api/trade/breakdown`, `/sources`, `/products`, `/latest`).

/** One partner of a product in one month. */
export interface BreakdownRow {
  partner: string
  aggregate: boolean
  quantity_t: number
  share_of_world: number | null
  derived: boolean
  sources: number
  disagreement: boolean
}
/** Partners of a product in a month; `unreported_t` is the world total minus the countries reported. */
export interface Breakdown {
  product: string
  flow: 'export' | 'import'
  month: string
  world_t: number | null
  partners: BreakdownRow[]
  unreported_t: number | null
  coverage_note: string
}

/** A stored source row with its vintage, and whether it is the canonical one or was revised. */
export interface SourceRow extends TradeObservation {
  vintage_id: number
  superseded_by: number | null
  canonical: boolean
  superseded: boolean
}
/** Every source of one period and partner, with the canonical value and the rule that chose it. */
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

/** First and last month with data, and runs of missing months between. */
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
/** Each headline product's newest month, and the magnets throttling flags then. */
export interface LatestRelease {
  month: string | null
  products: LatestProduct[]
  throttling: ThrottlingRow[]
}
