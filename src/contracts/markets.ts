/**
 * Market contracts: the price model, price-floor valuation and project viability requests (CLI options, query
 * strings and JSON bodies share them) and the assumptions file for project viability.
 */
import { z } from 'zod'
import { monthSchema } from './common'

export const MARKET_NAMES = ['china_domestic', 'ex_china'] as const

export const priceModelRequestSchema = z.object({
  product: z.string().min(1).optional(),
  market: z.enum(MARKET_NAMES).optional(),
})
export type PriceModelRequest = z.output<typeof priceModelRequestSchema>

export const floorRequestSchema = z.object({
  product: z.string().min(1).default('NdPr'),
  floor: z.coerce.number().positive('expected a floor price above 0 (USD/kg)'),
  years: z.coerce.number().int().min(1).max(30),
  volume_t: z.coerce.number().positive('expected a volume above 0 (t/yr)'),
  paths: z.coerce.number().int().min(100).max(200_000).default(20_000),
  seed: z.coerce.number().int().default(1),
  /** Reference market of the floor; the DoD–MP floor is set against China's price. */
  market: z.enum(MARKET_NAMES).default('china_domestic'),
  /** First month of the floor (YYYY-MM); default: the month after the last price observation. */
  start: monthSchema.optional(),
  /** Share of the upside above the floor returned to the payer (DoD–MP: 0.3). */
  upside_share: z.coerce.number().min(0).max(1).default(0),
  discount_rate: z.coerce.number().min(0).max(1).default(0),
})
export type FloorRequest = z.output<typeof floorRequestSchema>

export const projectOverrideSchema = z
  .object({
    opex_usd_per_kg: z.number().nonnegative().optional(),
    capex_usd_m: z.number().nonnegative().optional(),
    capacity_t: z.number().positive().optional(),
    start_year: z.number().int().min(2000).max(2100).optional(),
    life_years: z.number().int().min(1).max(100).optional(),
    source: z.string().optional(),
  })
  .strict()

/** An assumptions file for `chokepoint projects viability --assumptions FILE` (YAML or JSON). */
export const viabilityAssumptionsSchema = z
  .object({
    discount_rate: z.number().min(0).max(1).optional(),
    construction_years: z.number().int().min(0).max(20).optional(),
    ramp: z.array(z.number().min(0).max(1)).min(1).optional(),
    life_years: z.number().int().min(1).max(100).optional(),
    /** Per-project overrides, keyed by the project name in data/projects_ex_china.csv. */
    projects: z.record(z.string(), projectOverrideSchema).optional(),
  })
  .strict()
export type ViabilityAssumptionsInput = z.output<typeof viabilityAssumptionsSchema>

export const viabilityRequestSchema = z.object({
  floor: z.coerce.number().positive().optional(),
  paths: z.coerce.number().int().min(100).max(20_000).default(2_000),
  seed: z.coerce.number().int().default(1),
  upside_share: z.coerce.number().min(0).max(1).default(0),
})
export type ViabilityRequest = z.output<typeof viabilityRequestSchema>
