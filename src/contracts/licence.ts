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
})

export const determinationSchema = z.object({
  id: z.string(),
  verdict: z.enum(VERDICTS),
  review: z.string().nullable(),
  measures: z.array(measureHitSchema),
  rationale: z.array(z.string()),
  warnings: z.array(z.string()),
  expected_review_working_days: z.number().nullable(),
  rulebook_version: z.string(),
  as_of: isoDateSchema,
})
export type Determination = z.infer<typeof determinationSchema>
