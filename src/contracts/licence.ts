/**
 * The licence-determination contract (DESIGN.md, "Licence determination"): one shipment in, one determination out.
 */
import { z } from 'zod'
import { formSchema, isoDateSchema, iso3Schema } from './common'
import { elementContentSchema } from './elements'

export const END_USER_TYPES = ['civilian', 'military', 'government', 'research', 'unknown'] as const
export const END_USES = [
  'civilian',
  'military',
  'military_capability',
  'wmd',
  'advanced_chips',
  'ai_military',
  'medical_emergency',
  'unknown',
] as const

/** One row of a licence-check file, after validation. */
export const shipmentSchema = z.object({
  id: z.string().min(1, 'expected a non-empty id'),
  date: isoDateSchema,
  exporter_country: iso3Schema.default('CHN'),
  made_in: iso3Schema.optional(),
  cn_content_value_share: z.number().min(0).max(1).optional(),
  hs_code: z
    .string()
    .regex(/^\d{6,10}$/, 'expected a customs code of 6 to 10 digits')
    .optional(),
  elements: elementContentSchema.optional(),
  form: formSchema,
  destination: iso3Schema,
  end_user: z.string().optional(),
  end_user_type: z.enum(END_USER_TYPES).default('unknown'),
  end_use: z.enum(END_USES).default('unknown'),
  value_usd: z.number().nonnegative().optional(),
  /** Made abroad with China-origin rare-earth technology (No. 61's foreign-direct-product rule). */
  made_with_cn_technology: z.boolean().optional(),
})
export type Shipment = z.output<typeof shipmentSchema>
export type ShipmentInput = z.input<typeof shipmentSchema>

export const VERDICTS = [
  'prohibited',
  'licence_required',
  'needs_review',
  'no_licence_required',
] as const
export type Verdict = (typeof VERDICTS)[number]

export const measureHitSchema = z.object({
  id: z.string(),
  instrument: z.string(),
  effect: z.string(),
  reason: z.string(),
  /** The measure's confidence in the rulebook (`low` answers also carry its open questions as a warning). */
  confidence: z.enum(['high', 'medium', 'low']),
  /** Where the condition that decided this hit is documented. */
  source_url: z.string(),
})
export type MeasureHit = z.infer<typeof measureHitSchema>

/** Facts whose absence kept the rulebook from deciding (named by `needs_review`). */
export const FACTS = [
  'elements',
  'end_use',
  'end_user_type',
  'end_user',
  'cn_content_value_share',
  'made_with_cn_technology',
] as const
export type Fact = (typeof FACTS)[number]

export const determinationSchema = z.object({
  id: z.string(),
  verdict: z.enum(VERDICTS),
  review: z.string().nullable(),
  measures: z.array(measureHitSchema),
  rationale: z.array(z.string()),
  warnings: z.array(z.string()),
  expected_review_working_days: z.number().nullable(),
  /** Facts that would change or settle the answer if given. */
  missing_facts: z.array(z.enum(FACTS)),
  rulebook_version: z.string(),
  as_of: isoDateSchema,
})
export type Determination = z.infer<typeof determinationSchema>

/** A row of a licence file or batch that failed validation (DESIGN.md: id, field, expected, found). */
export const shipmentErrorSchema = z.object({
  id: z.string().nullable(),
  /** 0-based position in the input. */
  row: z.number().nullable(),
  line: z.number().nullable(),
  column: z.number().nullable(),
  field: z.string().nullable(),
  expected: z.string().nullable(),
  found: z.string().nullable(),
  message: z.string(),
})
export type ShipmentError = z.infer<typeof shipmentErrorSchema>

/** Body of `POST /api/licence/determinations`. */
export const licenceBatchRequestSchema = z.object({
  shipments: z.array(z.unknown()).max(100_000, 'at most 100000 shipments per request'),
  as_of: isoDateSchema.optional(),
})

/** What the CLI and the API return for a batch: determinations of the valid rows and the rows' errors. */
export const licenceBatchResultSchema = z.object({
  rulebook_version: z.string(),
  as_of: isoDateSchema.nullable(),
  determinations: z.array(determinationSchema),
  errors: z.array(shipmentErrorSchema),
})
export type LicenceBatchResult = z.infer<typeof licenceBatchResultSchema>
