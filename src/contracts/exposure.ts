/**
 * The exposure contract: a bill of materials (BOM) with supply origins in, element mass by processing stage and
 * origin country, China dependence, value shares and the measures that hit each part out.
 */
import { z } from 'zod'
import { isoDateSchema, iso3Schema } from './common'
import { END_USER_TYPES, END_USES, FACTS, VERDICTS, measureHitSchema } from './licence'

/** The processing stages a rare-earth atom passes through, upstream first. */
export const STAGES = ['mine', 'separation', 'metal', 'magnet'] as const
export type Stage = (typeof STAGES)[number]

/** How a part's origins (and so every figure derived from them) are known. Weakest last. */
export const ORIGIN_BASES = ['observed', 'inferred', 'assumed'] as const
export type OriginBasis = (typeof ORIGIN_BASES)[number]

/** The columns of a BOM/supply file, in the documented order (CSV header or JSON keys). */
export const BOM_COLUMNS = [
  'part_id',
  'parent_id',
  'description',
  'qty_per_parent',
  'annual_units',
  'form',
  'mass_kg',
  'elements',
  'supplier',
  'supplier_country',
  'mine_country',
  'separation_country',
  'metal_country',
  'magnet_country',
  'origin_basis',
  'value_usd',
  'hs_code',
] as const
export type BomColumn = (typeof BOM_COLUMNS)[number]

/** Key used in `by_stage` for mass whose country at that stage is not given. */
export const UNKNOWN_ORIGIN = 'unknown'

/** Options shared by `chokepoint exposure` and `POST /api/exposure`; every default is stated in the output. */
export const exposureOptionsSchema = z.object({
  /** Date the rulebook and prices are taken as of (default: today). */
  as_of: isoDateSchema.optional(),
  /** Country the finished products are imported into (default USA, stated as an assumption). */
  destination: iso3Schema.optional(),
  /**
   * Who exports each part: `supplier` (default) = the part's supplier_country, else the country of its last
   * processing stage, else CHN (assumed, with a warning); or one ISO3 code for every part.
   */
  exporter: z.union([z.literal('supplier'), iso3Schema]).optional(),
  end_use: z.enum(END_USES).optional(),
  end_user_type: z.enum(END_USER_TYPES).optional(),
  end_user: z.string().max(200).optional(),
  /** Only use price points whose market contains this text (case-insensitive), e.g. `FOB`. */
  price_market: z.string().min(1).max(100).optional(),
})
export type ExposureOptions = z.infer<typeof exposureOptionsSchema>

/** `POST /api/exposure` JSON body: the BOM as CSV text or as an array of row objects, plus options. */
export const exposureRequestSchema = exposureOptionsSchema.extend({
  bom: z.union([
    z.string().min(1, 'expected the BOM as CSV text'),
    z.array(z.record(z.string(), z.unknown())).min(1, 'expected at least one part'),
  ]),
  file_name: z.string().max(200).optional(),
})
export type ExposureRequest = z.infer<typeof exposureRequestSchema>

const kgByCountry = z.record(z.string(), z.number())
const byBasis = z.object({ observed: z.number(), inferred: z.number(), assumed: z.number() })
const perStage = <T extends z.ZodType>(t: T) =>
  z.object({ mine: t, separation: t, metal: t, magnet: t })

export const elementExposureSchema = z.object({
  element: z.string(),
  rare_earth: z.boolean(),
  kg_per_year: z.number(),
  kg_per_year_by_basis: byBasis,
  /** China's share of the mass at each stage (unknown origins in the denominator); null if none passed it. */
  china_share: perStage(z.number().nullable()),
  unknown_share: perStage(z.number().nullable()),
  worst_stage: z.object({ stages: z.array(z.enum(STAGES)), china_share: z.number() }).nullable(),
  by_stage: perStage(kgByCountry),
  by_stage_basis: perStage(z.record(z.string(), byBasis)),
  /** Herfindahl–Hirschman index (0–10000) over known origins at each stage. */
  hhi: perStage(z.number().nullable()),
  /** Share of the stage's mass whose origin is known (the HHI's coverage). */
  hhi_coverage: perStage(z.number().nullable()),
})
export type ElementExposure = z.infer<typeof elementExposureSchema>

export const valueShareSchema = z.object({
  /** China-origin rare-earth content value / part value; null when it cannot be computed completely. */
  share: z.number().nullable(),
  /** Value of rare-earth content with a China stage, per unit of the part (USD, priced elements only). */
  china_value_usd: z.number(),
  /** Value of rare-earth content whose origin is not known at any stage (USD). */
  unknown_origin_value_usd: z.number(),
  value_usd: z.number().nullable(),
  unpriced_elements: z.array(z.string()),
  complete: z.boolean(),
  note: z.string().nullable(),
})

export const partExposureSchema = z.object({
  part_id: z.string(),
  parent_id: z.string().nullable(),
  line: z.number().int(),
  description: z.string(),
  form: z.string(),
  units_per_year: z.number(),
  /** Element mass in one unit of this part, its sub-parts included (kg). */
  kg_per_unit: z.record(z.string(), z.number()),
  kg_per_unit_by_basis: z.object({
    observed: z.record(z.string(), z.number()),
    inferred: z.record(z.string(), z.number()),
    assumed: z.record(z.string(), z.number()),
  }),
  basis: z.enum(ORIGIN_BASES),
  composition: z.object({
    source: z.enum(['file', 'library', 'presence_only', 'unknown', 'none']),
    library_id: z.string().nullable(),
    source_url: z.string().nullable(),
  }),
  cn_content_value_share: valueShareSchema,
  shipment: z.object({
    exporter_country: z.string(),
    destination: z.string(),
    made_in: z.string(),
    domestic: z.boolean(),
  }),
  verdict: z.enum([...VERDICTS, 'not_exported', 'not_evaluated']),
  measures: z.array(measureHitSchema),
  review: z.string().nullable(),
  /** Facts whose absence kept the rulebook from deciding (the licence contract's FACTS); always present. */
  missing_facts: z.array(z.enum(FACTS)).optional(),
  expected_review_working_days: z.number().nullable().optional(),
  rationale: z.array(z.string()),
  warnings: z.array(z.string()),
})
export type PartExposure = z.infer<typeof partExposureSchema>

export const priceUsedSchema = z.object({
  element: z.string(),
  product: z.string(),
  date: z.string(),
  market: z.string(),
  price: z.string(),
  currency: z.string(),
  unit: z.string(),
  oxide: z.string(),
  element_fraction_in_oxide: z.number(),
  usd_per_kg_oxide: z.number(),
  usd_per_kg_element: z.number(),
  fx: z
    .object({
      cny_per_usd: z.number(),
      rate_date: z.string(),
      gap_days: z.number(),
      source_url: z.string(),
    })
    .nullable(),
  source_url: z.string(),
})
export type PriceUsed = z.infer<typeof priceUsedSchema>

export const exposureReportSchema = z.object({
  as_of: z.string(),
  elements: z.array(elementExposureSchema),
  parts: z.array(partExposureSchema),
  warnings: z.array(z.string()),
  products: z.array(
    z.object({
      part_id: z.string(),
      description: z.string(),
      annual_units: z.number(),
      kg_per_unit: z.record(z.string(), z.number()),
      kg_per_unit_by_basis: z
        .object({
          observed: z.record(z.string(), z.number()),
          inferred: z.record(z.string(), z.number()),
          assumed: z.record(z.string(), z.number()),
        })
        .optional(),
      basis: z.enum(ORIGIN_BASES).optional(),
    })
  ),
  prices: z.array(priceUsedSchema),
  compositions: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      elements: z.string(),
      source_url: z.string(),
      note: z.string(),
    })
  ),
  assumptions: z.array(z.string()),
  rulebook_version: z.string().nullable(),
})
export type ExposureReport = z.infer<typeof exposureReportSchema>
