/**
 * The diversification-optimiser contract: materials with demand, candidate sources, constraints, disruption
 * scenarios in; allocation, cost, expected shortfall, shadow prices, frontier or an infeasibility explanation out.
 *
 * Minimal input that must keep working:
 * `{ "materials": [{ "id", "demand_t" }], "sources": [{ "id", "material", "country", "capacity_t", "unit_cost" }],
 *    "constraints": { "max_country_share": 0.65 } }`.
 */
import { z } from 'zod'
import { iso3Schema } from './common'

const share = z
  .number()
  .min(0, 'expected a share from 0 to 1')
  .max(1, 'expected a share from 0 to 1')
const nonNegative = (what: string) =>
  z
    .number({ error: `expected a number (${what})` })
    .refine(Number.isFinite, `expected a finite number (${what})`)
    .refine((v) => v >= 0, `expected a non-negative number (${what}), found a negative one`)

export const materialSchema = z
  .object({
    id: z.string().min(1, 'expected a non-empty material id'),
    demand_t: nonNegative('tonnes per year'),
    /** Strategic stock that covers shortfalls in disruption scenarios, paid per tonne held per year. */
    stockpile: z
      .object({
        max_t: nonNegative('tonnes').optional(),
        holding_cost_per_t: nonNegative('cost per tonne held per year'),
      })
      .strict()
      .optional(),
    shortfall_penalty_per_t: nonNegative('cost per tonne short').optional(),
  })
  .strict()

export const sourceSchema = z
  .object({
    id: z.string().min(1, 'expected a non-empty source id'),
    material: z.string().min(1),
    country: iso3Schema,
    capacity_t: nonNegative('tonnes per year'),
    unit_cost: nonNegative('cost per tonne'),
    lead_time_months: nonNegative('months').optional(),
    /** Probability (0..1) that the source is disrupted in a year; drives sampled scenarios. */
    disruption_risk: share.optional(),
    /** Fraction of the contracted volume lost when disrupted (default 1). */
    disruption_severity: share.optional(),
    /** Minimum order if used at all (binary decision: MIP). */
    min_order_t: nonNegative('tonnes').optional(),
    /** Fixed cost of contracting the source at all (binary decision: MIP). */
    fixed_cost: nonNegative('cost').optional(),
  })
  .strict()

export const scenarioSpecSchema = z
  .object({
    id: z.string().min(1),
    probability: share,
    /** Delivered fraction by country (ISO3) or by source id; unlisted sources deliver in full. */
    availability: z.record(z.string(), share),
  })
  .strict()

export const constraintsSchema = z
  .object({
    /** Largest share of a material's demand from any one country (EU CRMA benchmark: 0.65). */
    max_country_share: share.optional(),
    /** Per-country caps overriding `max_country_share`. */
    country_share_caps: z.record(iso3Schema, share).optional(),
    /** Countries the cap does not apply to (e.g. the buyer's own bloc). */
    country_share_exempt: z.array(iso3Schema).optional(),
    min_ex_china_share: share.optional(),
    budget: nonNegative('total first-stage cost').optional(),
    /** Sources whose lead time exceeds this are not eligible. */
    max_lead_time_months: nonNegative('months').optional(),
  })
  .strict()

export const optimizeInputSchema = z
  .object({
    materials: z.array(materialSchema).min(1, 'expected at least one material'),
    sources: z.array(sourceSchema).min(1, 'expected at least one source'),
    constraints: constraintsSchema.optional(),
    scenarios: z
      .object({
        /** Number of sampled scenarios (from each source's disruption_risk, seeded). */
        count: z.number().int().min(1).max(5000).optional(),
        seed: z.number().int().optional(),
        list: z.array(scenarioSpecSchema).optional(),
      })
      .strict()
      .optional(),
    objective: z
      .object({
        shortfall_penalty_per_t: nonNegative('cost per tonne short').optional(),
        frontier_points: z.number().int().min(0).max(40).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
export type OptimizeInput = z.output<typeof optimizeInputSchema>
export type MaterialInput = z.output<typeof materialSchema>
export type SourceInput = z.output<typeof sourceSchema>
export type ScenarioSpec = z.output<typeof scenarioSpecSchema>

export const OPTIMIZE_STATUSES = ['optimal', 'infeasible', 'unbounded', 'not_solved'] as const
export type OptimizeStatus = (typeof OPTIMIZE_STATUSES)[number]

export const bindingConstraintSchema = z.object({
  name: z.string(),
  kind: z.string(),
  material: z.string().nullable(),
  country: z.string().nullable(),
  source: z.string().nullable(),
  bound: z.number(),
  /** d(objective)/d(bound): objective change per unit the bound is raised. */
  shadow_price: z.number(),
  meaning: z.string(),
})
export type BindingConstraint = z.infer<typeof bindingConstraintSchema>

export const conflictSchema = z.object({
  constraint: z.string(),
  kind: z.string(),
  /** How far the constraint must be relaxed (in its own unit) in the least relaxation found. */
  relax_by: z.number(),
  unit: z.string(),
})

export const explanationSchema = z.object({
  summary: z.string(),
  conflicts: z.array(conflictSchema),
  /** Other constraints that are tight in the least relaxation (they take part in the conflict). */
  also_binding: z.array(z.string()),
})
export type Explanation = z.infer<typeof explanationSchema>

export const frontierPointSchema = z.object({
  penalty_multiplier: z.number(),
  penalty_per_t: z.number(),
  cost: z.number(),
  expected_shortfall_t: z.number(),
})
export type FrontierPoint = z.infer<typeof frontierPointSchema>

export const optimizeResultSchema = z.object({
  status: z.enum(OPTIMIZE_STATUSES),
  allocation: z.array(
    z.object({
      source: z.string(),
      material: z.string(),
      country: z.string(),
      t: z.number(),
      cost: z.number(),
    })
  ),
  /** First-stage cost: purchases + fixed contract costs + stock holding. */
  cost: z.number().nullable(),
  /** Cost plus the shortfall penalty weighted by scenario probability. */
  objective: z.number().nullable(),
  expected_shortfall_t: z.number().nullable(),
  stockpile: z.array(z.object({ material: z.string(), t: z.number(), holding_cost: z.number() })),
  shadow_prices: z.record(z.string(), z.number()),
  binding_constraints: z.array(bindingConstraintSchema),
  frontier: z.array(frontierPointSchema),
  explanation: explanationSchema.optional(),
  excluded_sources: z.array(z.object({ source: z.string(), reason: z.string() })),
  model: z.object({
    kind: z.enum(['lp', 'mip']),
    columns: z.number().int(),
    rows: z.number().int(),
    nonzeros: z.number().int(),
    scenarios: z.number().int(),
    duals: z.enum(['lp', 'mip_fixed_integers', 'none']),
    solver: z.string(),
  }),
  assumptions: z.array(z.string()),
})
export type OptimizeResult = z.infer<typeof optimizeResultSchema>
