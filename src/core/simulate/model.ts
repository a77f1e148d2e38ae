/**
 * The compiled model: a validated scenario turned into plain numbers and index tables, the only thing the
 * kernels read. It is structured-cloneable, so it travels to worker threads as is.
 */
import type { Dist } from './distributions'

/** One uncertain (or fixed) input. Init parameters take one uniform per run, in index order. */
export interface ParamSpec {
  /** Where it comes from, e.g. `suppliers.cn_magnets.lead_time_days`. */
  label: string
  dist: Dist
  /** Drawn at each event (a licence application's delay), not once per run. */
  dynamic: boolean
}

export const POLICY_NONE = 0
export const POLICY_BASE_STOCK = 1
export const POLICY_S_S = 2

export const TRIGGER_NONE = 0
export const TRIGGER_SHORTAGE = 1
export const TRIGGER_DISRUPTION = 2
export const TRIGGER_START = 3

export const EFFECT_BAN = 0
export const EFFECT_CUT = 1
export const EFFECT_LICENCE = 2
export const EFFECT_PRICE = 3

/** Parameter index meaning "not given". */
export const NONE = -1

export interface CompiledMaterial {
  id: string
  /** Demand level parameter (t/day), or NONE when `demandSeries` holds one value per day. */
  demandParam: number
  demandSeries: number[] | null
  inventoryParam: number
  steadyPipeline: boolean
  policy: number
  /** base_stock: level in tonnes, or days of cover; both NONE = hold the starting inventory position. */
  levelParam: number
  coverDaysParam: number
  reviewDays: number
  sParam: number
  bigSParam: number
  subTrigger: number
  subLagParam: number
  subRateParam: number
  subMaxParam: number
  subCostParam: number
  /** Stockpile: NONE when there is none. */
  spQuantityParam: number
  spBelowCoverParam: number
  spBelowTParam: number
  spRateParam: number
  spLagParam: number
  spPremiumParam: number
  unmetCostParam: number
  /** Lane indexes in priority order (first = baseline price). */
  lanes: number[]
}

export interface CompiledLane {
  id: string
  material: number
  country: string
  /** Capacity (t/day) = scale x product of these parameters. */
  capParams: number[]
  capScale: number
  leadParam: number
  costParam: number
  /** First day (offset from the start) the lane can ship, before the delays below; may be negative. */
  onlineDay: number
  onlineDelayParams: number[]
  rampParam: number
}

export interface CompiledDisruption {
  id: string
  measure: string | null
  probability: number
  startParam: number
  /** NONE: lasts to the end of the horizon. */
  durationParam: number
  kind: number
  /** cut share, price multiplier or approval probability. */
  valueParam: number
  delayParam: number
  reapply: boolean
  validityParam: number
  lanes: number[]
}

/** One (disruption, lane) pair: the unit of disruption state (each lane applies for its own licence). */
export interface Slot {
  disruption: number
  lane: number
}

export interface CompiledModel {
  horizon: number
  /** Days since 1970-01-01 of day 0. */
  startDayNumber: number
  params: ParamSpec[]
  materials: CompiledMaterial[]
  lanes: CompiledLane[]
  disruptions: CompiledDisruption[]
  slots: Slot[]
}
