/** Alert rules (stored settings) and fired alerts. */
import { z } from 'zod'
import { partnerSchema } from './common'
import { STALE_REASONS } from './rulebook'

const base = { name: z.string().min(1).max(120) }
const product = z.string().min(1).max(64)

export const alertRuleInputSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('throttling'), product, partner: partnerSchema.optional() }),
  z.object({
    ...base,
    kind: z.literal('drop'),
    product,
    partner: partnerSchema.default('WLD'),
    metric: z.enum(['mom', 'yoy']).default('yoy'),
    /** Fire when the metric is at or below this (e.g. -0.3 = a fall of 30% or more). */
    threshold: z.number().min(-1).max(0),
  }),
  z.object({ ...base, kind: z.literal('release_overdue'), product }),
  z.object({
    ...base,
    kind: z.literal('rule_status'),
    jurisdiction: z.string().min(2).max(8).optional(),
    /** Which rulebook findings alert (default: lapsed suspensions and low-confidence entries). */
    reasons: z.array(z.enum(STALE_REASONS)).min(1).default(['lapsed_suspension', 'low_confidence']),
  }),
])
export type AlertRuleInput = z.output<typeof alertRuleInputSchema>
export type AlertRule = AlertRuleInput & { id: number; created_at: string }
export type AlertKind = AlertRule['kind']

export const firedAlertSchema = z.object({
  rule_id: z.number(),
  rule_name: z.string(),
  kind: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  subject: z.string(),
  message: z.string(),
  period: z.string().nullable(),
  /** Where to look: an API path or a source URL. */
  evidence: z.array(z.string()),
})
export type FiredAlert = z.infer<typeof firedAlertSchema>
