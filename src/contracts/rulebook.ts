/**
 * The export-control rulebook as data: measures (the shape of data/controls_measures.json) and their operative
 * conditions (inline `operative`, or an overlay document such as data/controls_operative.json), plus the outputs of
 * the rules commands (list, timeline, stale, diff).
 */
import { z } from 'zod'
import { elementSchema, formSchema, isoDateSchema, iso3Schema } from './common'
import { END_USER_TYPES, END_USES } from './licence'

export const MEASURE_STATUSES = [
  'in_force',
  'suspended',
  'superseded',
  'proposed',
  'expired',
] as const
export const MEASURE_KINDS = [
  'licence_requirement',
  'export_ban',
  'end_use_ban',
  'technology_ban',
  'framework',
  'other',
  'price_floor',
  'stockpile',
  'policy_target',
] as const
export const CONFIDENCES = ['high', 'medium', 'low'] as const

/** How a measure takes part in determinations. */
export const ROLES = ['control', 'suspension', 'framework', 'context', 'risk_flag'] as const
export type Role = (typeof ROLES)[number]

/**
 * What an applying rule does. `deny` → prohibited; `licence`/`case_by_case` → licence_required; `review` →
 * needs_review; `exempt` lifts the rest of the same measure; `flag` adds a warning, `note` a rationale line
 * (both listed, neither changes the verdict); `excluded` explains why a listing does not cover the item.
 */
export const EFFECTS = [
  'deny',
  'case_by_case',
  'licence',
  'review',
  'exempt',
  'flag',
  'note',
  'excluded',
] as const
export type Effect = (typeof EFFECTS)[number]

/** The review basis a determination reports, most restrictive first. */
export const REVIEW_CODES = [
  'prohibited',
  'denial_in_principle',
  'individual_no_time_limit',
  'stricter',
  'case_by_case',
  'standard',
] as const
export type ReviewCode = (typeof REVIEW_CODES)[number]

/** Who ships what: an export from China; a re-export of a China-made item; a foreign-made item shipped abroad. */
export const SCOPES = ['export', 'reexport_cn_origin', 'foreign_made'] as const
export type Scope = (typeof SCOPES)[number]
export const ENTITY_LISTS = ['control', 'watch'] as const
export type EntityListKind = (typeof ENTITY_LISTS)[number]

const urlSchema = z.string().regex(/^https?:\/\/\S+$/, 'expected an http(s) URL')
const hsCodeSchema = z.string().regex(/^\d{6,10}$/, 'expected a customs code of 6 to 10 digits')
const oneOf = (values: readonly string[]) => `expected one of ${values.join(', ')}`

export const rulebookItemSchema = z.strictObject({
  description: z.string().min(1, 'expected a description'),
  elements: z.array(elementSchema),
  forms: z.array(formSchema),
  hs_codes: z.array(hsCodeSchema),
})

/** A matcher over shipments; in `items` it refines the measure item of the same index. */
export const itemSelectorSchema = z.strictObject({
  item: z.number().int().nonnegative().optional(),
  description: z.string().optional(),
  /** At least one of these elements must be present (mass fraction > 0 or unknown). */
  elements_any: z.array(elementSchema).optional(),
  /** All of these must be present. */
  elements_all: z.array(elementSchema).optional(),
  /** None of these may be present. */
  elements_none: z.array(elementSchema).optional(),
  /** The shipment may contain no element outside elements_any ∪ elements_all (e.g. pure carbon). */
  exclusive: z.boolean().optional(),
  forms: z.array(formSchema).optional(),
  hs_codes: z.array(hsCodeSchema).optional(),
  effect: z.enum(EFFECTS, oneOf(EFFECTS)).optional(),
  review: z.enum(REVIEW_CODES, oneOf(REVIEW_CODES)).optional(),
  reason: z.string().optional(),
  source_url: urlSchema.optional(),
})
export type ItemSelector = z.infer<typeof itemSelectorSchema>

export const ruleConditionSchema = z.strictObject({
  /** Satisfied when the shipment's end_use is listed here or its end_user_type is listed below. */
  end_use: z.array(z.enum(END_USES, oneOf(END_USES))).optional(),
  end_user_type: z.array(z.enum(END_USER_TYPES, oneOf(END_USER_TYPES))).optional(),
  /** The end user is on an entity list: of this measure (`own`) or of any measure in effect (`all`). */
  entity_list: z
    .strictObject({
      lists: z.array(z.enum(ENTITY_LISTS, oneOf(ENTITY_LISTS))).min(1),
      source: z.enum(['own', 'all'], oneOf(['own', 'all'])),
    })
    .optional(),
  /** Value share of China-origin controlled content at or above which the rule applies (0.001 = 0.1%). */
  min_cn_content_value_share: z.number().min(0).max(1).optional(),
  made_with_cn_technology: z.literal(true).optional(),
  /** When a fact is unknown: `review` (needs_review naming it) or `skip` (knowledge-based catch-all). */
  on_unknown: z.enum(['review', 'skip'], oneOf(['review', 'skip'])).default('review'),
})

export const operativeRuleSchema = z.strictObject({
  id: z.string().min(1),
  /**
   * `listed`: the measure's items (or these item indexes); `dual_use`: any item on the dual-use list that day;
   * `unlisted`: any item not on it (catch-all clauses); `any`: any item.
   */
  items: z.union(
    [z.enum(['listed', 'dual_use', 'unlisted', 'any']), z.array(z.number().int().nonnegative())],
    { error: 'expected "listed", "dual_use", "unlisted", "any" or a list of item indexes' }
  ),
  scope: z
    .array(z.enum(SCOPES, oneOf(SCOPES)))
    .min(1)
    .default(['export']),
  /** A later start for this rule only (phased entry into force). */
  effective_from: isoDateSchema.optional(),
  destinations: z
    .union([z.literal('ALL'), z.array(iso3Schema).min(1)], {
      error: 'expected "ALL" or a list of ISO3 codes',
    })
    .optional(),
  /** A modifier changes the measure's effect only when one of its other rules applies. */
  modifier: z.boolean().default(false),
  when: ruleConditionSchema.optional(),
  effect: z.enum(EFFECTS, oneOf(EFFECTS)),
  review: z.enum(REVIEW_CODES, oneOf(REVIEW_CODES)).optional(),
  reason: z.string().min(1),
  source_url: urlSchema.optional(),
})
export type OperativeRule = z.infer<typeof operativeRuleSchema>

export const listedEntitySchema = z.strictObject({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  /** `subsidiaries`: the list names unnamed subsidiaries of this group; a match is never certain. */
  scope: z.enum(['entity', 'subsidiaries'], oneOf(['entity', 'subsidiaries'])).default('entity'),
  note: z.string().optional(),
  source_url: urlSchema.optional(),
})
export type ListedEntity = z.infer<typeof listedEntitySchema>

export const operativeSchema = z.strictObject({
  role: z.enum(ROLES, oneOf(ROLES)),
  note: z.string().min(1),
  /** Start when the measure records no effective date (e.g. a reported practice). */
  effective_from: isoDateSchema.optional(),
  /** Last day in effect, when the measure has ended. */
  ends: isoDateSchema.optional(),
  /** The listing continues under another instrument (e.g. the consolidated dual-use list). */
  continued_by: z
    .strictObject({
      measure_id: z.string().min(1),
      from: isoDateSchema,
      source_url: urlSchema.optional(),
    })
    .optional(),
  /** Its items are entries of the dual-use list (others' `dual_use` rules see them). */
  listing: z.boolean().default(false),
  items: z.array(itemSelectorSchema.extend({ item: z.number().int().nonnegative() })).default([]),
  extra_items: z.array(itemSelectorSchema).default([]),
  rules: z.array(operativeRuleSchema).default([]),
  suspends: z
    .array(
      z.strictObject({
        measure_id: z.string().min(1),
        from: isoDateSchema,
        until: isoDateSchema,
        source_url: urlSchema.optional(),
      })
    )
    .default([]),
  entity_list: z
    .strictObject({
      list: z.enum(ENTITY_LISTS, oneOf(ENTITY_LISTS)),
      /** How many entities the instrument lists (to warn when only part is captured). */
      listed_count: z.number().int().positive().nullable(),
      entities: z.array(listedEntitySchema).min(1),
    })
    .optional(),
})
export type Operative = z.infer<typeof operativeSchema>

export const sourceSchema = z.strictObject({
  url: urlSchema,
  date: isoDateSchema.nullable(),
  title: z.string(),
})

export const measureSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]*$/, 'expected a lower-case id such as cn-mofcom-2025-61'),
    jurisdiction: z.string().min(1),
    authority: z.string().default(''),
    instrument: z.string().min(1),
    title: z.string().min(1),
    announced: isoDateSchema.nullable().default(null),
    effective: isoDateSchema.nullable().default(null),
    status: z.enum(MEASURE_STATUSES, oneOf(MEASURE_STATUSES)),
    suspended_from: isoDateSchema.nullable().default(null),
    suspended_until: isoDateSchema.nullable().default(null),
    kind: z.enum(MEASURE_KINDS, oneOf(MEASURE_KINDS)),
    items: z.array(rulebookItemSchema),
    destinations: z
      .union([z.literal('ALL'), z.array(iso3Schema).min(1), z.null()], {
        error: 'expected "ALL", a list of ISO3 codes or null',
      })
      .default(null),
    end_use: z.record(z.string(), z.string()).nullable().default(null),
    end_users: z.string().nullable().default(null),
    extraterritorial: z
      .strictObject({
        de_minimis_value_share: z.number().min(0).max(1).nullable(),
        applies_to: z.string(),
      })
      .nullable()
      .default(null),
    licence: z
      .strictObject({
        required: z.boolean(),
        review_days: z.number().int().positive().nullable(),
        review_basis: z.enum(['working_days', 'calendar_days']).nullable(),
      })
      .nullable()
      .default(null),
    parameters: z.record(z.string(), z.unknown()).default({}),
    summary: z.string().default(''),
    sources: z.array(sourceSchema).min(1, 'expected at least one source'),
    confidence: z.enum(CONFIDENCES, oneOf(CONFIDENCES)),
    open_questions: z.string().nullable().default(null),
    operative: operativeSchema.optional(),
  })
  .superRefine((m, ctx) => {
    if ((m.suspended_from === null) !== (m.suspended_until === null)) {
      ctx.addIssue({
        code: 'custom',
        path: [m.suspended_from === null ? 'suspended_from' : 'suspended_until'],
        message: 'expected suspended_from and suspended_until both set or both null',
      })
    } else if (m.suspended_from && m.suspended_until && m.suspended_from > m.suspended_until) {
      ctx.addIssue({
        code: 'custom',
        path: ['suspended_until'],
        message: `expected a date on or after suspended_from (${m.suspended_from})`,
      })
    }
  })
export type Measure = z.output<typeof measureSchema>

/** One entry of an overlay: the operative conditions of a measure, citing where they come from. */
export const overlayEntrySchema = z.strictObject({
  measure_id: z.string().min(1),
  /** One of the measure's own `sources`. */
  source_url: urlSchema,
  operative: operativeSchema,
})
export type OverlayEntry = z.infer<typeof overlayEntrySchema>

export const overlayDocumentSchema = z.strictObject({
  overlay: z.literal('controls_operative', 'expected "controls_operative"'),
  version: z.literal(1, 'expected 1'),
  description: z.string().optional(),
  entries: z.array(overlayEntrySchema),
})

// ---- outputs of the rules commands and routes ----

/** What a measure does on a date. */
export const MEASURE_STATES = [
  'in_force',
  'in_force_unverified',
  'suspended',
  'not_yet_in_force',
  'ended',
  'no_date',
  'not_operative',
] as const
export type MeasureState = (typeof MEASURE_STATES)[number]

export const ruleSummarySchema = z.object({
  id: z.string(),
  jurisdiction: z.string(),
  instrument: z.string(),
  title: z.string(),
  kind: z.string(),
  role: z.enum(ROLES),
  effective: z.string().nullable(),
  status: z.string(),
  state: z.enum(MEASURE_STATES),
  state_note: z.string().nullable(),
  confidence: z.enum(CONFIDENCES),
})
export type RuleSummary = z.infer<typeof ruleSummarySchema>

export const TIMELINE_EVENTS = [
  'announced',
  'effective',
  'phase_effective',
  'suspended',
  'suspension_ends',
  'lapsed_unverified',
  'continued',
  'ended',
] as const
export const timelineEventSchema = z.object({
  date: z.string(),
  measure_id: z.string(),
  jurisdiction: z.string(),
  instrument: z.string(),
  event: z.enum(TIMELINE_EVENTS),
  detail: z.string(),
  confidence: z.enum(CONFIDENCES),
})
export type TimelineEvent = z.infer<typeof timelineEventSchema>

export const STALE_REASONS = [
  'lapsed_suspension',
  'low_confidence',
  'old_sources',
  'no_dated_source',
  'partial_entity_list',
  'unmatchable_item',
  'derived_conditions',
  'not_evaluated',
] as const
export const staleFindingSchema = z.object({
  measure_id: z.string(),
  instrument: z.string(),
  reason: z.enum(STALE_REASONS),
  detail: z.string(),
})
export type StaleFinding = z.infer<typeof staleFindingSchema>

export const rulebookDiffSchema = z.object({
  old_version: z.string(),
  new_version: z.string(),
  added: z.array(z.object({ id: z.string(), title: z.string() })),
  removed: z.array(z.object({ id: z.string(), title: z.string() })),
  changed: z.array(
    z.object({
      id: z.string(),
      fields: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })),
    })
  ),
})
export type RulebookDiff = z.infer<typeof rulebookDiffSchema>
