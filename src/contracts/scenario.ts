/**
 * The stress-test contract: scenario documents (version 1, YAML or JSON) and simulation results.
 * Keys listed in issue 5 (`name, start, horizon_days, materials, suppliers, disruptions`, the output keys
 * `runs, seed, stockout_probability, first_stockout_day, unmet_demand_t, extra_cost_usd, by_day, sensitivity`)
 * are stable; new keys are added, never renamed. Units: tonnes, days, USD per kg.
 */
import { z } from 'zod'
import { elementSchema, isoDateSchema, iso3Schema } from './common'

/** The scenario schema version this build reads; older versions are migrated forward on read. */
export const SCENARIO_VERSION = 1

const finite = z.number().refine(Number.isFinite, 'expected a finite number')

/** A distribution over one uncertain input, sampled once per run (licence delays: once per application). */
export const distributionSchema = z
  .discriminatedUnion('dist', [
    z.strictObject({ dist: z.literal('constant'), value: finite }),
    z.strictObject({ dist: z.literal('uniform'), min: finite, max: finite }),
    z.strictObject({ dist: z.literal('triangular'), min: finite, mode: finite, max: finite }),
    z.strictObject({
      dist: z.literal('normal'),
      mean: finite,
      sd: finite.refine((v) => v >= 0, 'expected a standard deviation of 0 or more'),
      min: finite.optional(),
      max: finite.optional(),
    }),
    z.strictObject({
      dist: z.literal('lognormal'),
      median: finite.refine((v) => v > 0, 'expected a median above 0'),
      p90: finite.refine((v) => v > 0, 'expected a p90 above 0'),
      max: finite.optional(),
    }),
  ])
  .superRefine((d, ctx) => {
    const bad = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message })
    switch (d.dist) {
      case 'uniform':
        if (d.max < d.min) bad('max', `max (${d.max}) is below min (${d.min})`)
        break
      case 'triangular':
        if (d.max < d.min) bad('max', `max (${d.max}) is below min (${d.min})`)
        else if (d.mode < d.min || d.mode > d.max)
          bad('mode', `mode (${d.mode}) must lie between min (${d.min}) and max (${d.max})`)
        break
      case 'normal':
        if (d.min !== undefined && d.max !== undefined && d.max <= d.min)
          bad('max', `max (${d.max}) must be above min (${d.min})`)
        break
      case 'lognormal':
        if (d.p90 < d.median) bad('p90', `p90 (${d.p90}) is below the median (${d.median})`)
        if (d.max !== undefined && d.max <= d.median)
          bad('max', `max (${d.max}) must be above the median (${d.median})`)
        break
      case 'constant':
        break
    }
  })
export type Distribution = z.infer<typeof distributionSchema>

/** A number or a distribution. */
export const quantitySchema = z.union([finite, distributionSchema])
export type Quantity = z.infer<typeof quantitySchema>

/** The interval that contains every value a quantity can take: [low, high]. */
export function quantitySupport(q: Quantity): [number, number] {
  if (typeof q === 'number') return [q, q]
  switch (q.dist) {
    case 'constant':
      return [q.value, q.value]
    case 'uniform':
    case 'triangular':
      return [q.min, q.max]
    case 'normal':
      return q.sd === 0 ? [q.mean, q.mean] : [q.min ?? -Infinity, q.max ?? Infinity]
    case 'lognormal':
      return q.p90 === q.median ? [q.median, q.median] : [0, q.max ?? Infinity]
  }
}

/** A quantity whose every possible value lies in [low, high] (e.g. probabilities, non-negative capacities). */
function bounded(low: number, high: number, what: string) {
  return quantitySchema.superRefine((q, ctx) => {
    const [lo, hi] = quantitySupport(q)
    if (lo >= low && hi <= high) return
    const range = high === Infinity ? `${low} or more` : `from ${low} to ${high}`
    const found =
      typeof q === 'number'
        ? String(q)
        : `a ${q.dist} distribution reaching ${lo < low ? lo : hi}` +
          (q.dist === 'normal' || q.dist === 'lognormal' ? ' (bound it with min/max)' : '')
    ctx.addIssue({ code: 'custom', message: `${what} must be ${range}; found ${found}` })
  })
}
const nonNegative = (what: string) => bounded(0, Infinity, what)
const probability = (what: string) => bounded(0, 1, what)

/** Identifiers: letters, digits, `_`, `-`, `.`; referenced from other entries. */
export const scenarioIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'expected an id of letters, digits, _ . - (max 64)')

/** `from` is a date or a day offset from the scenario start. */
const seriesPointSchema = z.strictObject({
  from: z.union([isoDateSchema, z.number().int().min(0)]),
  t_per_day: finite.refine((v) => v >= 0, 'expected a demand of 0 or more t/day'),
})

/**
 * Demand taken from an exposure roll-up (`chokepoint exposure`) instead of being stated: the element's kg per year
 * over the bill of materials (its `annual_units`), as t/day. `file` is relative to the scenario file. CLI only:
 * the API refuses it, since it would read a file on the server.
 */
export const exposureDemandSchema = z.strictObject({
  file: z.string().min(1),
  element: elementSchema,
})

export const policySchema = z.discriminatedUnion('type', [
  /** Review every `review_days`; order up to the level (tonnes, or days of cover of current demand). */
  z.strictObject({
    type: z.literal('base_stock'),
    level_t: nonNegative('level_t').optional(),
    cover_days: nonNegative('cover_days').optional(),
    review_days: z.number().int().min(1).default(1),
  }),
  /** Daily review: when the inventory position is at or below s, order up to S. */
  z.strictObject({ type: z.literal('s_S'), s_t: nonNegative('s_t'), S_t: nonNegative('S_t') }),
  z.strictObject({ type: z.literal('none') }),
])
export type ReorderPolicy = z.infer<typeof policySchema>

export const substitutionSchema = z.strictObject({
  /** What starts the clock: the first shortage day, the first disruption on the material, or the start. */
  trigger: z.enum(['shortage', 'disruption', 'start']).default('shortage'),
  lag_days: nonNegative('lag_days').default(0),
  /** Share of demand substituted per year once started (linear), capped at `max_share`. */
  rate_per_year: nonNegative('rate_per_year'),
  max_share: probability('max_share').default(1),
  /** Extra cost per kg of demand met by the substitute instead of the material. */
  cost_usd_per_kg: nonNegative('cost_usd_per_kg').default(0),
})

export const stockpileSchema = z.strictObject({
  quantity_t: nonNegative('quantity_t'),
  /** Release starts once on-hand inventory falls below this many days of current demand (or tonnes). */
  release_below_cover_days: nonNegative('release_below_cover_days').optional(),
  release_below_t: nonNegative('release_below_t').optional(),
  max_release_t_per_day: nonNegative('max_release_t_per_day'),
  decision_lag_days: nonNegative('decision_lag_days').default(0),
  /** Extra cost per kg released, over the baseline supplier's price. */
  premium_usd_per_kg: nonNegative('premium_usd_per_kg').default(0),
})

export const materialSchema = z.strictObject({
  id: scenarioIdSchema,
  description: z.string().optional(),
  demand_t_per_day: z
    .union([
      nonNegative('demand_t_per_day'),
      z.strictObject({ series: z.array(seriesPointSchema).min(1) }),
    ])
    .optional(),
  demand_from_exposure: exposureDemandSchema.optional(),
  inventory_t: nonNegative('inventory_t').default(0),
  /** `steady`: goods already in transit at the start as if supply had been flowing; `empty`: none. */
  initial_pipeline: z.enum(['steady', 'empty']).default('steady'),
  policy: policySchema.default({ type: 'base_stock', review_days: 1 }),
  substitution: substitutionSchema.optional(),
  stockpile: stockpileSchema.optional(),
  unmet_cost_usd_per_kg: nonNegative('unmet_cost_usd_per_kg').optional(),
})
export type MaterialSpec = z.infer<typeof materialSchema>

/** A supplier that is a project of `data/projects_ex_china.csv` (dataset kind `projects`), by its name. */
export const projectRefSchema = z.strictObject({
  name: z.string().min(1),
  /** Share of the project's capacity available to this buyer (an assumption the user states). */
  share_of_capacity: probability('share_of_capacity'),
})

export const supplierSchema = z.strictObject({
  id: scenarioIdSchema,
  material: scenarioIdSchema,
  country: iso3Schema,
  priority: z.number().int().optional(),
  capacity_t_per_day: nonNegative('capacity_t_per_day').optional(),
  project: projectRefSchema.optional(),
  lead_time_days: nonNegative('lead_time_days'),
  unit_cost_usd_per_kg: nonNegative('unit_cost_usd_per_kg'),
  available_from: isoDateSchema.optional(),
  start_delay_days: nonNegative('start_delay_days').optional(),
  ramp_days: nonNegative('ramp_days').optional(),
})
export type SupplierSpec = z.infer<typeof supplierSchema>

export const effectSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ban') }),
  z.strictObject({ type: z.literal('volume_cut'), cut: probability('cut') }),
  z.strictObject({
    type: z.literal('licence'),
    approval_probability: probability('approval_probability'),
    /** Working days (Monday to Friday; public holidays are not modelled) from application to decision. */
    delay_working_days: nonNegative('delay_working_days'),
    /** After a refusal, apply again at once (true) or stay blocked until the disruption ends (false). */
    reapply: z.boolean().default(true),
    /** Calendar days a granted licence lasts; then a new application is needed. Omitted: to the end. */
    validity_days: nonNegative('validity_days').optional(),
  }),
  z.strictObject({ type: z.literal('price'), multiplier: nonNegative('multiplier') }),
])
export type DisruptionEffect = z.infer<typeof effectSchema>

const countryListSchema = z.union([iso3Schema, z.array(iso3Schema).min(1)])

export const disruptionSchema = z.strictObject({
  id: scenarioIdSchema,
  /** Optional link to a rulebook measure id; its effective date is the default start. */
  measure: z.string().min(1).optional(),
  description: z.string().optional(),
  /** Chance that the disruption happens at all in a run. */
  probability: z
    .number()
    .min(0, 'expected a probability from 0 to 1')
    .max(1, 'expected a probability from 0 to 1')
    .default(1),
  /** A date, or days after the scenario start (a number or a distribution). */
  start: z.union([isoDateSchema, quantitySchema]).optional(),
  /** Omitted: lasts to the end of the horizon. */
  duration_days: nonNegative('duration_days').optional(),
  applies_to: z
    .strictObject({
      supplier_country: countryListSchema.optional(),
      suppliers: z.array(scenarioIdSchema).min(1).optional(),
      materials: z.array(scenarioIdSchema).min(1).optional(),
    })
    .refine(
      (a) => Object.values(a).some((v) => v !== undefined),
      'expected at least one of supplier_country, suppliers, materials'
    ),
  effect: effectSchema,
})
export type DisruptionSpec = z.infer<typeof disruptionSchema>

export const scenarioSchema = z.strictObject({
  version: z.literal(SCENARIO_VERSION).default(SCENARIO_VERSION),
  name: z.string().min(1),
  description: z.string().optional(),
  start: isoDateSchema,
  horizon_days: z.number().int().min(1).max(3650),
  /** Default seed when the caller gives none. */
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  materials: z.array(materialSchema).min(1),
  suppliers: z.array(supplierSchema).min(1),
  disruptions: z.array(disruptionSchema).default([]),
  /** Free-text sources and assumptions, kept with the scenario. */
  sources: z.array(z.string()).optional(),
})
export type Scenario = z.output<typeof scenarioSchema>
export type ScenarioInput = z.input<typeof scenarioSchema>

// ---- results -------------------------------------------------------------------------------------------

const q3 = z.object({
  p10: z.number().nullable(),
  p50: z.number().nullable(),
  p90: z.number().nullable(),
})
const q4 = q3.extend({ mean: z.number() })

export const dayStatSchema = z.object({
  day: z.number().int(),
  date: z.string(),
  p_stockout: z.number(),
  inventory_t: q3,
})

const outcomeShape = {
  stockout_probability: z.number(),
  /** Day (0 = start) by which 10/50/90% of runs had stocked out; null: not within the horizon. */
  first_stockout_day: q3,
  /** Among runs that stocked out: day the shortage ended; null: still short at the horizon. */
  recovery_day: q3,
  unmet_demand_t: q4,
  extra_cost_usd: q4,
  demand_t_mean: z.number(),
  by_day: z.array(dayStatSchema),
}

export const sensitivityRowSchema = z.object({
  parameter: z.string(),
  low_input: z.number(),
  high_input: z.number(),
  unmet_demand_t_mean: z.object({ low: z.number(), high: z.number() }),
  stockout_probability: z.object({ low: z.number(), high: z.number() }),
  extra_cost_usd_mean: z.object({ low: z.number(), high: z.number() }),
  /** |high - low| of the mean unmet demand: the bar length of the tornado. */
  swing_t: z.number(),
})
export type SensitivityRow = z.infer<typeof sensitivityRowSchema>

export const simulationResultSchema = z.object({
  scenario: z.string(),
  schema_version: z.number().int(),
  start: z.string(),
  horizon_days: z.number().int(),
  runs: z.number().int(),
  seed: z.number().int(),
  ...outcomeShape,
  by_material: z.array(z.object({ material: z.string(), ...outcomeShape })),
  sensitivity: z.array(sensitivityRowSchema),
  sensitivity_runs: z.number().int(),
  quantiles: z.string(),
  notes: z.array(z.string()),
  warnings: z.array(z.string()),
})
export type SimulationResult = z.infer<typeof simulationResultSchema>

// ---- API -------------------------------------------------------------------------------------------------

export const MAX_RUNS = 200_000

export const simulationRequestSchema = z.object({
  /** The scenario as an object, or as YAML/JSON text (errors then carry line numbers). */
  scenario: z.union([z.string().max(1_000_000), z.record(z.string(), z.unknown())]),
  runs: z.number().int().min(1).max(MAX_RUNS).optional(),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  sensitivity_runs: z.number().int().min(0).max(MAX_RUNS).optional(),
})
export type SimulationRequest = z.infer<typeof simulationRequestSchema>

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const

export const simulationJobSchema = z.object({
  id: z.string(),
  status: z.enum(JOB_STATUSES),
  progress: z.object({
    done_runs: z.number().int(),
    total_runs: z.number().int(),
    fraction: z.number(),
  }),
  created_at: z.string(),
  finished_at: z.string().nullable(),
  result: simulationResultSchema.optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
})
export type SimulationJob = z.infer<typeof simulationJobSchema>
