/**
 * The peer for `npm run bench -- licence`: the same compiled rulebook encoded as json-rules-engine rules (one rule
 * per measure item and outcome, windows as date ranges, the dual-use list and measure modifiers as runtime facts),
 * and the same verdict precedence applied to the events it fires. Entity screening uses the same screener.
 */
import {
  Engine,
  type NestedCondition,
  type RuleProperties,
  type TopLevelCondition,
} from 'json-rules-engine'
import { ELEMENTS, FORMS } from '../src/contracts/common'
import {
  END_USER_TYPES,
  END_USES,
  type Determination,
  type Shipment,
} from '../src/contracts/licence'
import { EFFECT_STRENGTH } from '../src/core/controls'
import { dateInt } from '../src/core/controls/dates'
import {
  ACTIVE,
  LAPSED,
  SCOPE_EXPORT,
  SCOPE_FOREIGN,
  SCOPE_REEXPORT,
  type CompiledRule,
  type CompiledRulebook,
  type CompiledSelector,
} from '../src/core/controls/types'
import { stateAt } from '../src/core/controls/windows'

type Cond = NestedCondition
const TRUE: Cond = { all: [] }
/** json-rules-engine treats an empty `any` as true, so "never" is spelled out. */
const NEVER: Cond = { fact: 'form', operator: 'equal', value: '(never)' }

function symbols(lo: number, hi: number): string[] {
  return ELEMENTS.filter((_, i) => (i < 32 ? (lo & (1 << i)) !== 0 : (hi & (1 << (i - 32))) !== 0))
}
const formsOf = (mask: number) => FORMS.filter((_, i) => (mask & (1 << i)) !== 0)
const valuesOf = (mask: number, values: readonly string[]) =>
  values.filter((_, i) => (mask & (1 << i)) !== 0)

function windowCond(rule: CompiledRule): Cond {
  const live = rule.windows.filter((w) => w.state === ACTIVE || w.state === LAPSED)
  if (live.length === 0) return NEVER
  return {
    any: live.map((w) => ({
      all: [
        { fact: 'd', operator: 'greaterThanInclusive', value: w.from },
        { fact: 'd', operator: 'lessThanInclusive', value: w.to },
      ],
    })),
  }
}

function scopeCond(rule: CompiledRule): Cond {
  const cls: string[] = []
  if (rule.scopeMask & SCOPE_EXPORT) cls.push('export')
  if (rule.scopeMask & SCOPE_REEXPORT) cls.push('reexport')
  if (rule.scopeMask & SCOPE_FOREIGN) cls.push('foreign')
  return { fact: 'cls', operator: 'in', value: cls }
}

function destCond(rule: CompiledRule): Cond {
  return rule.destAll
    ? { fact: 'dest', operator: 'notEqual', value: 'CHN' }
    : { fact: 'dest', operator: 'in', value: [...rule.dests] }
}

function selApplies(s: CompiledSelector): Cond {
  const form = { fact: 'form', operator: 'in', value: formsOf(s.forms) }
  const viaHs: Cond = { all: [form, { fact: 'hs', operator: 'hsFull', value: [...s.hsCodes] }] }
  if (s.elementFree) return viaHs
  const known: Cond[] = [form, { fact: 'elementsKnown', operator: 'equal', value: true }]
  const any = symbols(s.anyLo, s.anyHi)
  const all = symbols(s.allLo, s.allHi)
  const none = symbols(s.noneLo, s.noneHi)
  if (any.length) known.push({ fact: 'elements', operator: 'containsAny', value: any })
  if (all.length) known.push({ fact: 'elements', operator: 'containsAll', value: all })
  if (none.length) known.push({ fact: 'elements', operator: 'containsNone', value: none })
  if (s.exclusive)
    known.push({ fact: 'elements', operator: 'subsetOf', value: symbols(s.allowLo, s.allowHi) })
  const unknownViaHs: Cond = {
    all: [{ fact: 'elementsKnown', operator: 'equal', value: false }, viaHs],
  }
  return s.hsCodes.length ? { any: [{ all: known }, unknownViaHs] } : { all: known }
}

function selMissing(s: CompiledSelector): Cond {
  if (s.elementFree) return NEVER
  const base: Cond[] = [
    { fact: 'form', operator: 'in', value: formsOf(s.forms) },
    { fact: 'elementsKnown', operator: 'equal', value: false },
  ]
  if (s.hsCodes.length)
    base.push({
      any: [
        { fact: 'hs', operator: 'equal', value: null },
        { fact: 'hs', operator: 'hsPartial', value: [...s.hsCodes] },
      ],
    })
  return { all: base }
}

/** `sat` (condition met) and `ok` (met or, where the rule reviews unknown facts, unknown). */
function conditions(rule: CompiledRule): { sat: Cond; ok: Cond } {
  const sat: Cond[] = []
  const ok: Cond[] = []
  const part = (s: Cond, u: Cond | null) => {
    sat.push(s)
    ok.push(u && rule.onUnknownReview ? { any: [s, u] } : s)
  }
  if (rule.endUseMask | rule.endUserTypeMask) {
    const s: Cond = {
      any: [
        { fact: 'end_use', operator: 'in', value: valuesOf(rule.endUseMask, END_USES) },
        {
          fact: 'end_user_type',
          operator: 'in',
          value: valuesOf(rule.endUserTypeMask, END_USER_TYPES),
        },
      ],
    }
    const unknown: Cond[] = []
    if (rule.endUseMask) unknown.push({ fact: 'end_use', operator: 'equal', value: 'unknown' })
    if (rule.endUserTypeMask)
      unknown.push({ fact: 'end_user_type', operator: 'equal', value: 'unknown' })
    part(s, { any: unknown })
  }
  if (rule.cnTech)
    part(
      { fact: 'cnTech', operator: 'equal', value: true },
      { fact: 'cnTech', operator: 'equal', value: null }
    )
  if (rule.minShare !== null)
    part(
      { fact: 'share', operator: 'greaterThanInclusive', value: rule.minShare },
      { fact: 'share', operator: 'equal', value: null }
    )
  if (rule.entity)
    part(
      { fact: 'entity', params: { rule: rule.index }, operator: 'equal', value: 'sat' },
      { fact: 'entity', params: { rule: rule.index }, operator: 'equal', value: 'unknown' }
    )
  return { sat: { all: sat }, ok: { all: ok } }
}

interface Outcome {
  measure: number
  strength: number
  modifier: boolean
  missing: boolean
}

/** Builds the engine: one rule per (rule, item) applying, per rule missing, per listing rule for the list. */
export function buildPeerEngine(rb: CompiledRulebook): { engine: Engine; rules: number } {
  const engine = new Engine([], { allowUndefinedFacts: true, replaceFactsInEventParams: false })
  engine.addOperator<string[], string[]>('containsAny', (a, b) => b.some((x) => a.includes(x)))
  engine.addOperator<string[], string[]>('containsAll', (a, b) => b.every((x) => a.includes(x)))
  engine.addOperator<string[], string[]>('containsNone', (a, b) => !b.some((x) => a.includes(x)))
  engine.addOperator<string[], string[]>('subsetOf', (a, b) => a.every((x) => b.includes(x)))
  engine.addOperator<string | null, string[]>(
    'hsFull',
    (hs, codes) => hs !== null && codes.some((c) => hs.startsWith(c))
  )
  engine.addOperator<string | null, string[]>(
    'hsPartial',
    (hs, codes) =>
      hs !== null && !codes.some((c) => hs.startsWith(c)) && codes.some((c) => c.startsWith(hs))
  )
  engine.addFact<Promise<string>>('entity', async (params: Record<string, unknown>, almanac) => {
    const ruleIndex = params['rule'] as number
    const rule = rb.rules[ruleIndex] as CompiledRule
    const ship = (await almanac.factValue('ship')) as Shipment
    const destOk = rule.destAll || rule.dests.has(ship.destination)
    const name = ship.end_user
    if (name === undefined || name.trim() === '')
      return destOk && rule.onUnknownReview ? 'unknown' : 'no'
    const d = dateInt(ship.date)
    for (const h of rb.screener.screen(name)) {
      const e = rb.entities[h.candidate]
      if (!e) continue
      const st = stateAt(rb.measures[e.measure]?.windows ?? [], d)
      const relevant = rule.entity?.own
        ? e.measure === rule.measure.index
        : ((rule.entity?.lists ?? 0) & (e.list === 'control' ? 1 : 2)) !== 0 &&
          (st === ACTIVE || st === LAPSED)
      if (!relevant) continue
      return h.certain && destOk ? 'sat' : 'unknown'
    }
    return 'no'
  })
  const add = (r: RuleProperties) => engine.addRule(r)
  let n = 0
  const outcome = (rule: CompiledRule, strength: number, missing: boolean): Outcome => ({
    measure: rule.measure.index,
    strength,
    modifier: rule.modifier,
    missing,
  })
  for (const rule of rb.rules) {
    if (rule.start === null) continue
    const { sat, ok } = conditions(rule)
    const live = windowCond(rule)
    const frame: Cond[] = [scopeCond(rule), live]
    if (!rule.entity) frame.push(destCond(rule))
    else frame.push({ fact: 'dest', operator: 'notEqual', value: 'CHN' })
    if (rule.itemsKind === 'listed' && !rule.modifier) {
      const anyMissing: Cond = { any: rule.selectors.map(selMissing) }
      const anyApplies: Cond = { any: rule.selectors.map(selApplies) }
      rule.selectors.forEach((s, k) => {
        add({
          priority: 50,
          conditions: { all: [...frame, selApplies(s), sat] } as TopLevelCondition,
          event: {
            type: 'outcome',
            params: outcome(rule, rule.selectorStrength[k] as number, false),
          },
        })
        n++
      })
      const reviewable = rule.onUnknownReview && rule.strength >= EFFECT_STRENGTH.review
      add({
        priority: 50,
        conditions: {
          all: [
            ...frame,
            {
              any: [
                { all: [anyApplies, ok, { not: sat }] },
                ...(reviewable ? [{ all: [{ not: anyApplies }, anyMissing, ok] }] : []),
              ],
            },
          ],
        } as TopLevelCondition,
        event: { type: 'outcome', params: outcome(rule, EFFECT_STRENGTH.review, true) },
      })
      n++
      if (rule.listing) {
        const licensed = rule.selectors.filter(
          (_, k) => (rule.selectorStrength[k] as number) >= EFFECT_STRENGTH.licence
        )
        add({
          priority: 100,
          conditions: { all: [live, { any: licensed.map(selApplies) }] },
          event: { type: 'dual', params: { value: 2 } },
        })
        add({
          priority: 100,
          conditions: { all: [live, { not: { any: licensed.map(selApplies) } }, anyMissing] },
          event: { type: 'dual', params: { value: 1 } },
        })
        n += 2
      }
      continue
    }
    const item: Cond =
      rule.modifier || rule.itemsKind === 'any'
        ? TRUE
        : rule.itemsKind === 'unlisted'
          ? { fact: 'dual', operator: 'notEqual', value: 2 }
          : { fact: 'dual', operator: 'equal', value: 2 }
    const itemMissing: Cond | null =
      !rule.modifier && rule.itemsKind === 'dual_use'
        ? { fact: 'dual', operator: 'equal', value: 1 }
        : null
    const gate: Cond[] = rule.modifier
      ? [{ fact: `base${rule.measure.index}`, operator: 'equal', value: true }]
      : []
    add({
      priority: rule.modifier ? 10 : 50,
      conditions: { all: [...gate, ...frame, item, sat] } as TopLevelCondition,
      event: { type: 'outcome', params: outcome(rule, rule.strength, false) },
    })
    add({
      priority: rule.modifier ? 10 : 50,
      conditions: {
        all: [
          ...gate,
          ...frame,
          {
            any: [
              { all: [item, ok, { not: sat }] },
              ...(itemMissing && rule.onUnknownReview ? [{ all: [itemMissing, ok] }] : []),
            ],
          },
        ],
      } as TopLevelCondition,
      event: { type: 'outcome', params: outcome(rule, EFFECT_STRENGTH.review, true) },
    })
    n += 2
  }
  engine.on('success', async (event, almanac) => {
    if (event.type === 'dual') {
      const cur = (await almanac.factValue('dual')) as number
      const v = (event.params as { value: number }).value
      if (v > cur) almanac.addRuntimeFact('dual', v)
      return
    }
    const o = event.params as unknown as Outcome
    if (!o.modifier && !o.missing && o.strength >= EFFECT_STRENGTH.licence)
      almanac.addRuntimeFact(`base${o.measure}`, true)
  })
  return { engine, rules: n }
}

/** The facts the peer's rules read, extracted from a shipment (counted in the peer's time). */
export function peerFacts(s: Shipment): Record<string, unknown> {
  const elements = (s.elements ?? []).filter((e) => e.fraction !== 0).map((e) => e.element)
  const made = s.made_in ?? s.exporter_country
  return {
    ship: s,
    d: dateInt(s.date),
    form: s.form,
    dest: s.destination,
    cls: s.exporter_country === 'CHN' ? 'export' : made === 'CHN' ? 'reexport' : 'foreign',
    elements,
    elementsKnown: (s.elements?.length ?? 0) > 0,
    hs: s.hs_code ?? null,
    end_use: s.end_use,
    end_user_type: s.end_user_type,
    share: s.cn_content_value_share ?? null,
    cnTech: s.made_with_cn_technology ?? null,
    dual: 0,
  }
}

const LEVEL = [0, 0, 0, 0, 1, 2, 2, 3]
const VERDICTS = ['no_licence_required', 'needs_review', 'licence_required', 'prohibited'] as const

/** Runs the peer on one shipment and applies the same per-measure resolution and verdict precedence. */
export async function peerVerdict(engine: Engine, s: Shipment): Promise<Determination['verdict']> {
  const { events } = await engine.run(peerFacts(s))
  const byMeasure = new Map<number, Outcome[]>()
  for (const e of events) {
    if (e.type !== 'outcome') continue
    const o = e.params as unknown as Outcome
    byMeasure.set(o.measure, [...(byMeasure.get(o.measure) ?? []), o])
  }
  let level = 0
  for (const list of byMeasure.values()) {
    const base = list.filter((o) => !o.modifier)
    let best = Math.max(-1, ...base.filter((o) => !o.missing).map((o) => o.strength))
    if (best < EFFECT_STRENGTH.review && base.some((o) => o.missing)) best = EFFECT_STRENGTH.review
    const mods = list.filter((o) => o.modifier && !o.missing).map((o) => o.strength)
    if (best >= EFFECT_STRENGTH.licence) {
      if (mods.includes(EFFECT_STRENGTH.deny)) best = EFFECT_STRENGTH.deny
      else if (mods.includes(EFFECT_STRENGTH.case_by_case) && best < EFFECT_STRENGTH.case_by_case)
        best = EFFECT_STRENGTH.case_by_case
      else if (mods.includes(EFFECT_STRENGTH.exempt) && best !== EFFECT_STRENGTH.deny)
        best = EFFECT_STRENGTH.exempt
    }
    if (best >= 0) level = Math.max(level, LEVEL[best] ?? 0)
  }
  return VERDICTS[level] as Determination['verdict']
}
