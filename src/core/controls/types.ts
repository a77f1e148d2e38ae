/**
 * The compiled rulebook: measures with their activity windows, rules with bit-mask selectors, and an index by
 * form, element, customs-code prefix and destination, so that a determination touches only candidate rules.
 */
import type { MeasureHit } from '../../contracts/licence'
import type {
  Effect,
  EntityListKind,
  Measure,
  Operative,
  ReviewCode,
  Role,
} from '../../contracts/rulebook'
import type { EntityScreener } from './screening'

/** Window states. */
export const INACTIVE = 0
export const ACTIVE = 1
export const SUSPENDED = 2
/** Applying again after a suspension ended with no recorded extension (status unverified). */
export const LAPSED = 3
export type WindowState = typeof INACTIVE | typeof ACTIVE | typeof SUSPENDED | typeof LAPSED

/** A run of days `[from, to]` (yyyymmdd integers, inclusive) in one state. */
export interface Window {
  from: number
  to: number
  state: WindowState
  /** For LAPSED windows: the warning every determination in it carries. */
  warning: string | null
}

/** A suspension as recorded: on the measure itself and/or by suspending measures (merged when they overlap). */
export interface SuspensionSpan {
  from: string
  until: string
  /** Who records it: the measure's own dates and/or the suspending instruments (with their ids). */
  by: { measure_id: string | null; instrument: string }[]
}

/** Scope bits: who ships what. */
export const SCOPE_EXPORT = 1
export const SCOPE_REEXPORT = 2
export const SCOPE_FOREIGN = 4

/** Missing-fact bits, in the order of `FACTS` in contracts/licence.ts. */
export const FACT_ELEMENTS = 1
export const FACT_END_USE = 2
export const FACT_END_USER_TYPE = 4
export const FACT_END_USER = 8
export const FACT_SHARE = 16
export const FACT_CN_TECH = 32

export interface CompiledMeasure {
  index: number
  measure: Measure
  operative: Operative
  role: Role
  /** Operative conditions derived from the measure's general fields (no overlay and none inline). */
  derived: boolean
  /** The source_url the operative conditions cite. */
  operativeSource: string
  /** First day in effect (operative.effective_from ?? effective), or null. */
  start: string | null
  ends: string | null
  suspensions: SuspensionSpan[]
  windows: Window[]
  /** Licence review limit in working days, when the measure records one. */
  reviewDays: number | null
  /** For low-confidence measures: the warning naming confidence and open questions. */
  lowConfidenceWarning: string | null
  continued: { measure_id: string; instrument: string; from: number } | null
}

export interface CompiledEntity {
  measure: number
  list: EntityListKind
  name: string
  aliases: readonly string[]
  scope: 'entity' | 'subsidiaries'
}

export interface CompiledSelector {
  /** Index among the measure's items, then its extra items. */
  index: number
  description: string
  anyLo: number
  anyHi: number
  allLo: number
  allHi: number
  noneLo: number
  noneHi: number
  /** When exclusive: the elements allowed (any ∪ all); others must be absent. */
  exclusive: boolean
  allowLo: number
  allowHi: number
  forms: number
  hsCodes: readonly string[]
  /** No element constraint: matchable by customs code only. */
  elementFree: boolean
  effect: Effect | null
  review: ReviewCode | null
  reason: string | null
  sourceUrl: string | null
}

export interface CompiledRule {
  index: number
  key: string
  ruleId: string
  measure: CompiledMeasure
  itemsKind: 'listed' | 'dual_use' | 'unlisted' | 'any'
  selectors: CompiledSelector[]
  /** Indexes into `selectors` of those that include each form (by FORMS index). */
  selectorsByForm: number[][]
  scopeMask: number
  destAll: boolean
  dests: ReadonlySet<string>
  windows: Window[]
  start: string | null
  endUseMask: number
  endUserTypeMask: number
  entity: { lists: number; own: boolean } | null
  minShare: number | null
  cnTech: boolean
  onUnknownReview: boolean
  modifier: boolean
  effect: Effect
  review: ReviewCode | null
  reason: string
  sourceUrl: string
  /** Counts towards the dual-use list (the measure lists items and the effect is a licence or a ban). */
  listing: boolean
  /** Output fragments, precomputed: per selector (same order) or for the rule as a whole. */
  selectorHits: MeasureHit[]
  selectorLines: string[]
  selectorLinesContinued: string[]
  /** Strength of the effective effect (deny 7 … excluded 0), per selector or for the rule. */
  selectorStrength: number[]
  strength: number
  /** Warnings of `flag` effects, per selector or for the rule. */
  selectorFlags: string[]
  flag: string
  hit: MeasureHit
  line: string
  lineContinued: string
  /** For thresholds: the line shown when the share is below it. */
  belowLine: string
  /** Missing-fact hits, lines and warnings by fact mask (filled on first use; deterministic). */
  missingHits: Map<number, MeasureHit>
  missingLines: Map<number, string>
  missingWarnings: string[]
  partialListWarning: string | null
}

export interface FormIndex {
  /** Item rules with a selector of this form naming the element (by element index). */
  byElement: CompiledRule[][]
  /** Item rules with a selector of this form carrying customs codes, by 6-digit prefix. */
  byHs: Map<string, CompiledRule[]>
  /** Every item rule with a selector of this form (used when the elements are unknown). */
  itemRules: CompiledRule[]
  /** `dual_use`, `unlisted` and `any` rules (not modifiers) for every destination. */
  generic: CompiledRule[]
  /** The same kinds of rules, for named destinations only (by ISO3). */
  genericByDest: Map<string, CompiledRule[]>
  /** Destination-specific rules with an entity condition: screened for other destinations too (mismatch review). */
  genericEntity: CompiledRule[]
}

export interface CompileNote {
  measure_id: string | null
  severity: 'error' | 'warning' | 'info'
  message: string
}

export interface CompiledRulebook {
  /** `<date>.<hash>`: the newest dated fact in the rulebook and the content hash. */
  version: string
  hash: string
  date: string
  measures: CompiledMeasure[]
  byId: ReadonlyMap<string, CompiledMeasure>
  rules: CompiledRule[]
  modifiersByMeasure: CompiledRule[][]
  forms: FormIndex[]
  entities: CompiledEntity[]
  screener: EntityScreener
  notes: CompileNote[]
  /** The earliest day any rule applies (before it, nothing does). */
  earliestStart: string | null
}
