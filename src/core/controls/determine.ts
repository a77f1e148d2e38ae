/**
 * The licence evaluator (DESIGN.md, "Licence determination"): a pure function of a compiled rulebook, a validated
 * shipment and an as-of date. Hot path: integer dates, bit-mask item matching, precomputed sentences, and scratch
 * buffers reused across calls (so beyond the output object it allocates next to nothing).
 */
import {
  FACTS as FACTS_,
  type Determination,
  type MeasureHit,
  type Shipment,
} from '../../contracts/licence'
import type { Effect, ReviewCode } from '../../contracts/rulebook'
import { dateInt as dateInt_ } from './dates'
import * as masks from './masks'
import { destinationMismatchText, missingHitFor, missingLineFor, nearMatchText } from './texts'
import * as types from './types'
import type { CompiledRule, CompiledRulebook, CompiledSelector } from './types'
import * as windows from './windows'

// Module bindings copied into locals once: through the ESM loader every use of an imported binding is a getter
// call, which shows up in the hot path.
const FACTS = FACTS_
const dateInt = dateInt_
const { ELEMENT_INDEX, END_USE_INDEX, END_USER_TYPE_INDEX, FORM_INDEX } = masks
const { stateAt, windowAt } = windows
const {
  FACT_CN_TECH,
  FACT_ELEMENTS,
  FACT_END_USE,
  FACT_END_USER,
  FACT_END_USER_TYPE,
  FACT_SHARE,
  LAPSED,
  SCOPE_EXPORT,
  SCOPE_FOREIGN,
  SCOPE_REEXPORT,
  SUSPENDED,
} = types

/** Contribution kinds. */
const APPLIES = 1
const MISSING = 2
const BELOW = 3
const WARN_ONLY = 4
/** Condition results besides a missing-fact mask (>= 0). */
const COND_NO = -1
const COND_BELOW = -2

/** Effect strengths (see compile.ts EFFECT_STRENGTH). */
const S_DENY = 7
const S_CBC = 6
const S_LICENCE = 5
const S_REVIEW = 4
const S_FLAG = 3
const S_EXEMPT = 1
const S_EXCLUDED = 0
const EFFECT_BY_STRENGTH: readonly Effect[] = [
  'excluded', 'exempt', 'note', 'flag', 'review', 'licence', 'case_by_case', 'deny',
] // prettier-ignore
const LEVEL_BY_STRENGTH = [0, 0, 0, 0, 1, 2, 2, 3]
const VERDICT_BY_LEVEL = [
  'no_licence_required',
  'needs_review',
  'licence_required',
  'prohibited',
] as const
const REVIEW_RANK: Record<ReviewCode, number> = {
  prohibited: 6, denial_in_principle: 5, individual_no_time_limit: 4, stricter: 3, case_by_case: 2, standard: 1,
} // prettier-ignore
const DEFAULT_REVIEW: Partial<Record<Effect, ReviewCode>> = {
  deny: 'prohibited',
  case_by_case: 'case_by_case',
  licence: 'standard',
}

/** Per-rulebook scratch buffers (reused: determinations are synchronous). */
class Scratch {
  gen = 0
  readonly stamp: Int32Array
  n = 0
  readonly rule: CompiledRule[] = []
  readonly sel: number[] = []
  readonly kind: number[] = []
  readonly facts: number[] = []
  readonly text: (string | null)[] = []
  readonly lapsed: (string | null)[] = []
  readonly order: number[] = []
  readonly key: number[] = []
  /** Indexes of the selectors of one rule that matched. */
  readonly applied = new Int16Array(1024)
  /** The line of a determination where nothing applies. */
  readonly nothing: string
  readonly mStamp: Int32Array
  readonly f: Facts = {
    s: undefined as unknown as Shipment,
    d: 0,
    formIndex: 0,
    formBit: 0,
    cls: 0,
    dest: '',
    known: false,
    lo: 0,
    hi: 0,
    euBit: 0,
    eutBit: 0,
    dual: 0,
    near: null,
    el: new Int8Array(64),
    nEl: 0,
  }
  constructor(c: CompiledRulebook) {
    this.stamp = new Int32Array(c.rules.length)
    this.mStamp = new Int32Array(c.measures.length)
    this.nothing = `No Chinese export-control measure in rulebook ${c.version} applies to this shipment on the as-of date.`
  }
}
const scratches = new WeakMap<CompiledRulebook, Scratch>()

/** The facts of one shipment in the form the rules test them. */
interface Facts {
  s: Shipment
  d: number
  formIndex: number
  formBit: number
  cls: number
  dest: string
  known: boolean
  lo: number
  hi: number
  euBit: number
  eutBit: number
  dual: number
  near: string | null
  /** Indexes of the elements present, `nEl` of them. */
  el: Int8Array
  nEl: number
}

function hsMatch(hs: string, sel: CompiledSelector): number {
  let best = 0
  for (let i = 0; i < sel.hsCodes.length; i++) {
    const code = sel.hsCodes[i] as string
    if (hs.startsWith(code)) return 2
    if (code.startsWith(hs)) best = 1
  }
  return best
}

/** 1 applies, 2 cannot tell without the elements, 0 does not apply. */
function matchSelector(f: Facts, sel: CompiledSelector): number {
  if ((sel.forms & f.formBit) === 0) return 0
  const hs = f.s.hs_code
  if (f.known) {
    if (sel.elementFree) return hs !== undefined && hsMatch(hs, sel) === 2 ? 1 : 0
    if ((sel.anyLo | sel.anyHi) !== 0 && ((f.lo & sel.anyLo) | (f.hi & sel.anyHi)) === 0) return 0
    if ((f.lo & sel.allLo) !== sel.allLo || (f.hi & sel.allHi) !== sel.allHi) return 0
    if (((f.lo & sel.noneLo) | (f.hi & sel.noneHi)) !== 0) return 0
    if (sel.exclusive && ((f.lo & ~sel.allowLo) | (f.hi & ~sel.allowHi)) !== 0) return 0
    return 1
  }
  if (hs !== undefined && sel.hsCodes.length > 0) {
    const h = hsMatch(hs, sel)
    return h === 2 ? 1 : h === 1 ? 2 : 0
  }
  return sel.elementFree ? 0 : 2
}

function entityActive(c: CompiledRulebook, measure: number, d: number): boolean {
  const st = stateAt((c.measures[measure] as CompiledRulebook['measures'][number]).windows, d)
  return st !== 0 && st !== SUSPENDED
}

/** Condition check: a missing-fact mask (0 = satisfied), COND_NO or COND_BELOW. Sets `f.near` for candidates. */
function evalCond(c: CompiledRulebook, f: Facts, rule: CompiledRule, destOk: boolean): number {
  const s = f.s
  let facts = 0
  if ((rule.endUseMask | rule.endUserTypeMask) !== 0) {
    if ((f.euBit & rule.endUseMask) === 0 && (f.eutBit & rule.endUserTypeMask) === 0) {
      let unknown = 0
      if (rule.endUseMask !== 0 && s.end_use === 'unknown') unknown |= FACT_END_USE
      if (rule.endUserTypeMask !== 0 && s.end_user_type === 'unknown') unknown |= FACT_END_USER_TYPE
      if (unknown === 0 || !rule.onUnknownReview) return COND_NO
      facts |= unknown
    }
  }
  if (rule.cnTech) {
    if (s.made_with_cn_technology === undefined) {
      if (!rule.onUnknownReview) return COND_NO
      facts |= FACT_CN_TECH
    } else if (!s.made_with_cn_technology) return COND_NO
  }
  if (rule.minShare !== null) {
    const share = s.cn_content_value_share
    if (share === undefined) {
      if (!rule.onUnknownReview) return COND_NO
      facts |= FACT_SHARE
    } else if (share < rule.minShare) return COND_BELOW
  }
  if (rule.entity !== null) {
    const name = s.end_user
    if (name === undefined || name.trim() === '') {
      if (!destOk || !rule.onUnknownReview) return COND_NO
      return facts | FACT_END_USER
    }
    const hits = c.screener.screen(name)
    let found = -1
    for (let i = 0; i < hits.length; i++) {
      const h = hits[i] as (typeof hits)[number]
      const e = c.entities[h.candidate] as CompiledRulebook['entities'][number]
      const relevant = rule.entity.own
        ? e.measure === rule.measure.index
        : (rule.entity.lists & (e.list === 'control' ? 1 : 2)) !== 0 &&
          entityActive(c, e.measure, f.d)
      if (!relevant) continue
      found = i
      break
    }
    if (found < 0) return COND_NO
    const h = hits[found] as (typeof hits)[number]
    const e = c.entities[h.candidate] as CompiledRulebook['entities'][number]
    const listInstrument = (c.measures[e.measure] as CompiledRulebook['measures'][number]).measure
      .instrument
    if (h.certain && destOk) return facts
    facts |= FACT_END_USER
    f.near = !destOk
      ? destinationMismatchText(rule, name, h.matched)
      : nearMatchText(rule, name, h.matched, listInstrument, h.score, e.scope === 'subsidiaries')
  }
  return facts
}

function push(
  sc: Scratch,
  rule: CompiledRule,
  sel: number,
  kind: number,
  facts: number,
  text: string | null,
  lapsed: string | null
): void {
  const i = sc.n++
  sc.rule[i] = rule
  sc.sel[i] = sel
  sc.kind[i] = kind
  sc.facts[i] = facts
  sc.text[i] = text
  sc.lapsed[i] = lapsed
}

/** Window check: null when the rule does not apply on the day, else the lapsed warning or ''. */
function activeWarning(rule: CompiledRule, d: number): string | null {
  const w = windowAt(rule.windows, d)
  if (w === null || w.state === SUSPENDED) return null
  return w.state === LAPSED ? (w.warning ?? '') : ''
}

function evalItemRule(c: CompiledRulebook, sc: Scratch, f: Facts, rule: CompiledRule): void {
  // Listing rules also decide whether the item is on the dual-use list, whoever ships it and wherever.
  const inScope = (rule.scopeMask & f.cls) !== 0 && (rule.destAll || rule.dests.has(f.dest))
  if (!inScope && !rule.listing) return
  const lapsed = activeWarning(rule, f.d)
  if (lapsed === null) return
  const applied = sc.applied
  let nApplied = 0
  let missing = false
  let listed = false
  const sels = rule.selectors
  const ks = rule.selectorsByForm[f.formIndex] as number[]
  for (let j = 0; j < ks.length; j++) {
    const k = ks[j] as number
    const m = matchSelector(f, sels[k] as CompiledSelector)
    if (m === 1) {
      applied[nApplied++] = k
      if ((rule.selectorStrength[k] as number) >= S_LICENCE) listed = true
    } else if (m === 2) missing = true
  }
  if (nApplied === 0 && !missing) return
  if (rule.listing) {
    if (listed) f.dual = 2
    else if (missing && f.dual === 0) f.dual = 1
  }
  if (!inScope) return
  f.near = null
  const cond = evalCond(c, f, rule, true)
  if (cond === COND_NO) return
  if (cond === COND_BELOW) {
    push(sc, rule, -1, BELOW, 0, null, null)
    return
  }
  if (nApplied > 0 && cond === 0) {
    let seen = 0
    for (let i = 0; i < nApplied; i++) {
      const k = applied[i] as number
      const bit = 1 << (rule.selectorStrength[k] as number)
      if ((seen & bit) !== 0) continue
      seen |= bit
      push(sc, rule, k, APPLIES, 0, null, lapsed)
    }
    return
  }
  if ((!rule.onUnknownReview || rule.strength < S_REVIEW) && nApplied === 0) return
  push(sc, rule, -1, MISSING, cond | (nApplied === 0 ? FACT_ELEMENTS : 0), f.near, lapsed)
}

function evalGenericRule(
  c: CompiledRulebook,
  sc: Scratch,
  f: Facts,
  rule: CompiledRule,
  modifier: boolean
): void {
  if ((rule.scopeMask & f.cls) === 0) return
  const destOk = rule.destAll || rule.dests.has(f.dest)
  if (!destOk && rule.entity === null) return
  const lapsed = activeWarning(rule, f.d)
  if (lapsed === null) return
  let item = 1
  if (!modifier && rule.itemsKind === 'dual_use') {
    if (f.dual === 0) return
    item = f.dual === 2 ? 1 : 2
  } else if (!modifier && rule.itemsKind === 'unlisted' && f.dual === 2) return
  f.near = null
  const cond = evalCond(c, f, rule, destOk)
  if (cond === COND_NO) {
    if (rule.partialListWarning !== null && destOk && item === 1 && f.s.end_user)
      push(sc, rule, -1, WARN_ONLY, 0, rule.partialListWarning, null)
    return
  }
  if (cond === COND_BELOW) return
  if (item === 2) {
    if (rule.onUnknownReview) push(sc, rule, -1, MISSING, cond | FACT_ELEMENTS, f.near, lapsed)
    return
  }
  if (cond === 0) push(sc, rule, -1, APPLIES, 0, null, lapsed)
  else push(sc, rule, -1, MISSING, cond, f.near, lapsed)
}

function setFacts(f: Facts, s: Shipment, date: string): void {
  let lo = 0
  let hi = 0
  let nEl = 0
  const els = s.elements
  if (els !== undefined) {
    for (let i = 0; i < els.length && nEl < 64; i++) {
      const e = els[i] as NonNullable<Shipment['elements']>[number]
      if (e.fraction === 0) continue
      const k = ELEMENT_INDEX[e.element] as number
      f.el[nEl++] = k
      if (k < 32) lo |= 1 << k
      else hi |= 1 << (k - 32)
    }
  }
  f.nEl = nEl
  const exp = s.exporter_country
  const made = s.made_in ?? exp
  const formIndex = FORM_INDEX[s.form] as number
  f.s = s
  f.d = dateInt(date)
  f.formIndex = formIndex
  f.formBit = 1 << formIndex
  f.cls = exp === 'CHN' ? SCOPE_EXPORT : made === 'CHN' ? SCOPE_REEXPORT : SCOPE_FOREIGN
  f.dest = s.destination
  f.known = els !== undefined && els.length > 0
  f.lo = lo
  f.hi = hi
  f.euBit = 1 << (END_USE_INDEX[s.end_use] as number)
  f.eutBit = 1 << (END_USER_TYPE_INDEX[s.end_user_type] as number)
  f.dual = 0
  f.near = null
}

function visitList(
  c: CompiledRulebook,
  sc: Scratch,
  f: Facts,
  list: readonly CompiledRule[] | undefined
): void {
  if (list === undefined) return
  const gen = sc.gen
  for (let i = 0; i < list.length; i++) {
    const r = list[i] as CompiledRule
    if (sc.stamp[r.index] === gen) continue
    sc.stamp[r.index] = gen
    evalItemRule(c, sc, f, r)
  }
}

function collect(c: CompiledRulebook, sc: Scratch, f: Facts): void {
  if (f.dest === 'CHN') return
  const fx = c.forms[f.formIndex] as CompiledRulebook['forms'][number]
  const gen = sc.gen
  if (f.known) {
    for (let i = 0; i < f.nEl; i++) visitList(c, sc, f, fx.byElement[f.el[i] as number])
    if (f.s.hs_code !== undefined) visitList(c, sc, f, fx.byHs.get(f.s.hs_code.slice(0, 6)))
  } else {
    visitList(c, sc, f, fx.itemRules)
  }
  for (let i = 0; i < fx.generic.length; i++)
    evalGenericRule(c, sc, f, fx.generic[i] as CompiledRule, false)
  const forDest = fx.genericByDest.get(f.dest)
  if (forDest !== undefined)
    for (let i = 0; i < forDest.length; i++)
      evalGenericRule(c, sc, f, forDest[i] as CompiledRule, false)
  if (f.s.end_user !== undefined) {
    // Entity lists of other destinations: a listed name shipped elsewhere is a review, not a pass.
    for (let i = 0; i < fx.genericEntity.length; i++) {
      const r = fx.genericEntity[i] as CompiledRule
      if (!r.dests.has(f.dest)) evalGenericRule(c, sc, f, r, false)
    }
  }
  // Modifiers of measures whose own rules apply with a licence or a ban.
  const n = sc.n
  for (let i = 0; i < n; i++) {
    if (sc.kind[i] !== APPLIES) continue
    const rule = sc.rule[i] as CompiledRule
    const mi = rule.measure.index
    if (sc.mStamp[mi] === gen) continue
    const sel = sc.sel[i] as number
    if (strengthOf(rule, sel) < S_LICENCE) continue
    sc.mStamp[mi] = gen
    const mods = c.modifiersByMeasure[mi] as CompiledRule[]
    for (let k = 0; k < mods.length; k++) evalGenericRule(c, sc, f, mods[k] as CompiledRule, true)
  }
}

function addWarning(list: string[], w: string | null): void {
  if (w === null || w === '') return
  for (let i = 0; i < list.length; i++) if (list[i] === w) return
  list.push(w)
}

/** One determination. `asOf` overrides the shipment's date (the rulebook is evaluated as of that day). */
export function determine(c: CompiledRulebook, s: Shipment, asOf?: string): Determination {
  let sc = scratches.get(c)
  if (sc === undefined) {
    sc = new Scratch(c)
    scratches.set(c, sc)
  }
  sc.gen = (sc.gen + 1) | 0
  if (sc.gen === 0) {
    sc.stamp.fill(0)
    sc.mStamp.fill(0)
    sc.gen = 1
  }
  sc.n = 0
  const date = asOf ?? s.date
  const f = sc.f
  setFacts(f, s, date)
  collect(c, sc, f)
  return assemble(c, sc, f, s, date)
}

function strengthOf(rule: CompiledRule, k: number): number {
  return k < 0 ? rule.strength : (rule.selectorStrength[k] as number)
}

function assemble(
  c: CompiledRulebook,
  sc: Scratch,
  f: Facts,
  s: Shipment,
  date: string
): Determination {
  const n = sc.n
  // Insertion sort by (measure, rule, selector): contributions are few and nearly ordered.
  const order = sc.order
  const key = sc.key
  for (let i = 0; i < n; i++) {
    const r = sc.rule[i] as CompiledRule
    const k = (r.measure.index * 4096 + r.index) * 1024 + (sc.sel[i] as number) + 1
    let j = i - 1
    while (j >= 0 && (key[j] as number) > k) {
      key[j + 1] = key[j] as number
      order[j + 1] = order[j] as number
      j--
    }
    key[j + 1] = k
    order[j + 1] = i
  }
  const measures: MeasureHit[] = []
  const rationale: string[] = []
  const warnings: string[] = []
  let factsAll = 0
  let level = 0
  let review: ReviewCode | null = null
  let days: number | null = null
  let noLimit = false
  let i = 0
  while (i < n) {
    const mi = (sc.rule[order[i] as number] as CompiledRule).measure.index
    let j = i
    let best = -1
    let bestAt = -1
    let baseMissing = -1
    let modDeny = -1
    let modCbc = -1
    let modExempt = -1
    for (; j < n; j++) {
      const x = order[j] as number
      const rule = sc.rule[x] as CompiledRule
      if (rule.measure.index !== mi) break
      const kind = sc.kind[x] as number
      const lapsed = sc.lapsed[x] as string | null
      if (lapsed !== null && lapsed !== '') addWarning(warnings, lapsed)
      if (kind === WARN_ONLY) {
        addWarning(warnings, sc.text[x] as string | null)
        continue
      }
      if (kind === BELOW) {
        rationale.push(rule.belowLine)
        continue
      }
      if (kind === MISSING) {
        const facts = sc.facts[x] as number
        factsAll |= facts
        let line = rule.missingLines.get(facts)
        if (line === undefined) {
          line = missingLineFor(rule, facts)
          rule.missingLines.set(facts, line)
        }
        rationale.push(line)
        for (let b = 0; b < FACTS.length; b++)
          if ((facts & (1 << b)) !== 0) addWarning(warnings, rule.missingWarnings[b] as string)
        addWarning(warnings, sc.text[x] as string | null)
        if (!rule.modifier && baseMissing < 0) baseMissing = x
        continue
      }
      const k = sc.sel[x] as number
      const cont = rule.measure.continued !== null && f.d >= rule.measure.continued.from
      const st = strengthOf(rule, k)
      rationale.push(
        k >= 0
          ? ((cont ? rule.selectorLinesContinued : rule.selectorLines)[k] as string)
          : cont
            ? rule.lineContinued
            : rule.line
      )
      if (st === S_FLAG)
        addWarning(warnings, k >= 0 ? (rule.selectorFlags[k] as string) : rule.flag)
      if (rule.modifier) {
        if (st === S_DENY) {
          if (modDeny < 0) modDeny = x
        } else if (st === S_CBC) {
          if (modCbc < 0) modCbc = x
        } else if (st === S_EXEMPT && modExempt < 0) modExempt = x
        continue
      }
      if (st > best) {
        best = st
        bestAt = x
      }
    }
    // A rule that cannot decide outweighs flags and notes of the same measure.
    if (best < S_REVIEW && baseMissing >= 0) {
      best = S_REVIEW
      bestAt = baseMissing
    }
    if (LEVEL_BY_STRENGTH[best] === 2 || best === S_DENY) {
      if (modDeny >= 0) {
        best = S_DENY
        bestAt = modDeny
      } else if (modCbc >= 0 && best < S_CBC) {
        best = S_CBC
        bestAt = modCbc
      } else if (modExempt >= 0 && best !== S_DENY) {
        best = S_EXEMPT
        bestAt = modExempt
      }
    }
    i = j
    if (best <= S_EXCLUDED) continue
    const cm = c.measures[mi] as CompiledRulebook['measures'][number]
    if (cm.lowConfidenceWarning !== null) addWarning(warnings, cm.lowConfidenceWarning)
    const rule = sc.rule[bestAt] as CompiledRule
    const k = sc.sel[bestAt] as number
    let hit: MeasureHit
    if (sc.kind[bestAt] === MISSING) {
      const facts = sc.facts[bestAt] as number
      let cached = rule.missingHits.get(facts)
      if (cached === undefined) {
        cached = missingHitFor(rule, facts)
        rule.missingHits.set(facts, cached)
      }
      hit = cached
    } else hit = k < 0 ? rule.hit : (rule.selectorHits[k] as MeasureHit)
    measures.push(hit)
    const lv = LEVEL_BY_STRENGTH[best] as number
    if (lv < 2) {
      if (lv > level) level = lv
      continue
    }
    const code =
      (k >= 0 ? (rule.selectors[k] as CompiledSelector).review : null) ??
      rule.review ??
      DEFAULT_REVIEW[EFFECT_BY_STRENGTH[best] as Effect] ??
      null
    if (lv > level) {
      level = lv
      review = code
      days = null
      noLimit = false
    } else if (
      lv === level &&
      code !== null &&
      (review === null || REVIEW_RANK[code] > REVIEW_RANK[review])
    ) {
      review = code
    }
    if (lv === 2 && level === 2) {
      if (code === 'individual_no_time_limit') noLimit = true
      if (cm.reviewDays !== null && (days === null || cm.reviewDays > days)) days = cm.reviewDays
    }
  }
  if (measures.length === 0) {
    if (rationale.length === 0) rationale.push(sc.nothing)
    else rationale.unshift(sc.nothing)
  }
  const missing: Determination['missing_facts'] = []
  if (factsAll !== 0)
    for (let b = 0; b < FACTS.length; b++)
      if ((factsAll & (1 << b)) !== 0) missing.push(FACTS[b] as (typeof FACTS)[number])
  return {
    id: s.id,
    verdict: VERDICT_BY_LEVEL[level] as Determination['verdict'],
    review: level >= 2 ? review : null,
    measures,
    rationale,
    warnings,
    expected_review_working_days: level === 2 && !noLimit ? days : null,
    missing_facts: missing,
    rulebook_version: c.version,
    as_of: date,
  }
}

/** Determinations for many shipments, in order (same rulebook, same optional as-of date). */
export function determineBatch(
  c: CompiledRulebook,
  shipments: readonly Shipment[],
  asOf?: string
): Determination[] {
  const out = new Array<Determination>(shipments.length)
  for (let i = 0; i < shipments.length; i++) out[i] = determine(c, shipments[i] as Shipment, asOf)
  return out
}
