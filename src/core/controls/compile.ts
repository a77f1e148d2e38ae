/**
 * Compiles validated measures (+ an operative overlay) into the index the evaluator walks. Compile once per
 * rulebook version; `determine` then touches only the rules indexed under the shipment's form, elements and
 * customs-code prefix, plus the few rules that apply to any dual-use item.
 */
import { FORMS } from '../../contracts/common'
import type { Effect, Measure, OperativeRule, OverlayEntry } from '../../contracts/rulebook'
import { createEntityScreener } from './screening'
import { dateInt } from './dates'
import { deriveOperative } from './deriveOperative'
import { contentHash } from './hash'
import { bitsOf, ELEMENT_INDEX, END_USE_INDEX, END_USER_TYPE_INDEX, FORM_INDEX } from './masks'
import { operativeIssues, overlayIssues } from './overlayChecks'
import { ruleEffect } from './texts'
import * as T from './texts'
import {
  SCOPE_EXPORT,
  SCOPE_FOREIGN,
  SCOPE_REEXPORT,
  type CompiledEntity,
  type CompiledMeasure,
  type CompiledRule,
  type CompiledRulebook,
  type CompiledSelector,
  type CompileNote,
  type FormIndex,
  type SuspensionSpan,
} from './types'
import { buildWindows, mergeSuspensions } from './windows'
import { buildSelectors } from './selectors'

const SCOPE_BITS = {
  export: SCOPE_EXPORT,
  reexport_cn_origin: SCOPE_REEXPORT,
  foreign_made: SCOPE_FOREIGN,
}
const VERDICT_EFFECTS = new Set(['deny', 'case_by_case', 'licence'])
/** Effect strength (the evaluator's numeric codes): deny 7 … excluded 0. */
export const EFFECT_STRENGTH: Record<Effect, number> = {
  deny: 7, case_by_case: 6, licence: 5, review: 4, flag: 3, note: 2, exempt: 1, excluded: 0,
} // prettier-ignore

function operativeFor(
  m: Measure,
  overlay: ReadonlyMap<string, OverlayEntry>,
  known: ReadonlySet<string>,
  notes: CompileNote[]
) {
  const entry = overlay.get(m.id)
  if (entry) return { op: entry.operative, source: entry.source_url, derived: false }
  const first = m.sources[0]?.url ?? ''
  if (m.operative) {
    for (const i of operativeIssues(m, m.operative, known, ['operative']))
      notes.push({ measure_id: m.id, severity: 'error', message: i.message })
    return { op: m.operative, source: first, derived: false }
  }
  const op = deriveOperative(m)
  if (op.role === 'control')
    notes.push({
      measure_id: m.id,
      severity: 'warning',
      message: `measure ${m.id} has no operative conditions: derived from its general fields (${op.note})`,
    })
  return { op, source: first, derived: true }
}

function suspensionSpans(
  measures: readonly Measure[],
  ops: readonly { op: CompiledMeasure['operative'] }[],
  notes: CompileNote[]
): Map<string, SuspensionSpan[]> {
  const spans = new Map<string, SuspensionSpan[]>()
  const add = (id: string, s: SuspensionSpan) => spans.set(id, [...(spans.get(id) ?? []), s])
  measures.forEach((m) => {
    if (m.suspended_from && m.suspended_until)
      add(m.id, {
        from: m.suspended_from,
        until: m.suspended_until,
        by: [{ measure_id: null, instrument: 'the dates recorded on the measure' }],
      })
  })
  measures.forEach((m, i) => {
    const o = ops[i]?.op
    if (o?.role !== 'suspension') return
    for (const s of o.suspends) {
      const target = measures.find((x) => x.id === s.measure_id)
      if (!target) continue
      if (
        target.suspended_from &&
        (target.suspended_from !== s.from || target.suspended_until !== s.until)
      ) {
        notes.push({
          measure_id: target.id,
          severity: 'warning',
          message: `suspension of ${target.id} recorded as ${target.suspended_from}..${target.suspended_until} on the measure but ${s.from}..${s.until} by ${m.id}: both kept`,
        })
      }
      add(s.measure_id, {
        from: s.from,
        until: s.until,
        by: [{ measure_id: m.id, instrument: m.instrument }],
      })
    }
  })
  return spans
}

function compileMeasures(
  measures: readonly Measure[],
  overlay: readonly OverlayEntry[],
  notes: CompileNote[]
) {
  const known = new Set(measures.map((m) => m.id))
  for (const i of overlayIssues(measures, overlay)) {
    const id = typeof i.path[1] === 'number' ? (overlay[i.path[1]]?.measure_id ?? null) : null
    notes.push({ measure_id: id, severity: 'error', message: i.message })
  }
  const byId = new Map<string, OverlayEntry>()
  for (const e of overlay)
    if (known.has(e.measure_id) && !byId.has(e.measure_id)) byId.set(e.measure_id, e)
  const ops = measures.map((m) => operativeFor(m, byId, known, notes))
  const spans = suspensionSpans(measures, ops, notes)
  return measures.map((m, index): CompiledMeasure => {
    const { op, source, derived } = ops[index] as (typeof ops)[number]
    const start = op.effective_from ?? m.effective
    const ends = op.ends ?? null
    const suspensions = mergeSuspensions(spans.get(m.id) ?? [])
    const cont = op.continued_by
      ? measures.find((x) => x.id === op.continued_by?.measure_id)
      : undefined
    return {
      index,
      measure: m,
      operative: op,
      role: op.role,
      derived,
      operativeSource: source,
      start,
      ends,
      suspensions,
      windows: buildWindows(start, ends, suspensions, (s) => T.lapsedWarningFor(m, s)),
      reviewDays:
        m.licence?.review_basis === 'working_days' ? (m.licence.review_days ?? null) : null,
      lowConfidenceWarning: m.confidence === 'low' ? T.lowConfidenceWarningFor(m) : null,
      continued:
        op.continued_by && cont
          ? {
              measure_id: cont.id,
              instrument: cont.instrument,
              from: dateInt(op.continued_by.from),
            }
          : null,
    }
  })
}

function compileRule(
  cm: CompiledMeasure,
  r: OperativeRule,
  selectors: readonly CompiledSelector[],
  nItems: number,
  index: number,
  notes: CompileNote[]
): CompiledRule {
  const m = cm.measure
  const op = cm.operative
  const picked =
    r.items === 'listed'
      ? selectors.slice(0, nItems)
      : Array.isArray(r.items)
        ? r.items.flatMap((i) => selectors.filter((s) => s.index === i))
        : []
  const start =
    cm.start === null
      ? (r.effective_from ?? null)
      : r.effective_from && r.effective_from > cm.start
        ? r.effective_from
        : cm.start
  if (start === null)
    notes.push({
      measure_id: m.id,
      severity: 'warning',
      message: `measure ${m.id}, rule ${r.id}: no effective date recorded, so the rule is never applied`,
    })
  const dests = r.destinations ?? m.destinations ?? 'ALL'
  const when = r.when
  const rule: CompiledRule = {
    index,
    key: `${m.id}#${r.id}`,
    ruleId: r.id,
    measure: cm,
    itemsKind: Array.isArray(r.items) ? 'listed' : r.items,
    selectors: picked.map((s) => s),
    selectorsByForm: FORMS.map((form) =>
      picked.flatMap((s, k) => ((s.forms & (1 << (FORM_INDEX[form] ?? 0))) !== 0 ? [k] : []))
    ),
    scopeMask: r.scope.reduce((a, s) => a | SCOPE_BITS[s], 0),
    destAll: dests === 'ALL',
    dests: new Set(dests === 'ALL' ? [] : dests),
    windows: buildWindows(start, cm.ends, cm.suspensions, (s) => T.lapsedWarningFor(m, s)),
    start,
    endUseMask: bitsOf(when?.end_use ?? [], END_USE_INDEX),
    endUserTypeMask: bitsOf(when?.end_user_type ?? [], END_USER_TYPE_INDEX),
    entity: when?.entity_list
      ? {
          lists:
            (when.entity_list.lists.includes('control') ? 1 : 0) |
            (when.entity_list.lists.includes('watch') ? 2 : 0),
          own: when.entity_list.source === 'own',
        }
      : null,
    minShare: when?.min_cn_content_value_share ?? null,
    cnTech: when?.made_with_cn_technology === true,
    onUnknownReview: (when?.on_unknown ?? 'review') === 'review',
    modifier: r.modifier,
    effect: r.effect,
    review: r.review ?? null,
    reason: r.reason,
    sourceUrl: r.source_url ?? cm.operativeSource,
    listing: false,
    selectorHits: [],
    selectorLines: [],
    selectorLinesContinued: [],
    selectorStrength: [],
    strength: 0,
    selectorFlags: [],
    flag: '',
    hit: undefined as never,
    line: '',
    lineContinued: '',
    belowLine: '',
    missingHits: new Map(),
    missingLines: new Map(),
    missingWarnings: [],
    partialListWarning: null,
  }
  rule.listing =
    op.listing && rule.itemsKind === 'listed' && !r.modifier && VERDICT_EFFECTS.has(r.effect)
  rule.selectorHits = rule.selectors.map((s) => T.hitFor(rule, s))
  rule.selectorLines = rule.selectors.map((s) => T.lineFor(rule, s, false))
  rule.selectorLinesContinued = rule.selectors.map((s) => T.lineFor(rule, s, true))
  rule.selectorStrength = rule.selectors.map((s) => EFFECT_STRENGTH[ruleEffect(rule, s)])
  rule.strength = EFFECT_STRENGTH[rule.effect]
  rule.selectorFlags = rule.selectors.map((s) => T.flagWarningFor(rule, s))
  rule.flag = T.flagWarningFor(rule, null)
  rule.hit = T.hitFor(rule, null)
  rule.line = T.lineFor(rule, null, false)
  rule.lineContinued = T.lineFor(rule, null, true)
  rule.belowLine = T.belowLineFor(rule)
  rule.missingWarnings = (
    [
      'elements',
      'end_use',
      'end_user_type',
      'end_user',
      'cn_content_value_share',
      'made_with_cn_technology',
    ] as const
  ).map((f) => T.missingWarningFor(rule, f))
  const list = op.entity_list
  if (rule.entity?.own && list?.listed_count && list.entities.length < list.listed_count)
    rule.partialListWarning = T.partialListWarningFor(rule, list.entities.length, list.listed_count)
  for (const s of rule.selectors)
    if (s.elementFree && s.hsCodes.length === 0 && VERDICT_EFFECTS.has(ruleEffect(rule, s)))
      notes.push({
        measure_id: m.id,
        severity: 'info',
        message: `measure ${m.id}, item ${s.index} ("${s.description}") names no element and no customs code: it cannot be matched`,
      })
  return rule
}

function buildIndex(rules: readonly CompiledRule[]): FormIndex[] {
  const forms: FormIndex[] = FORMS.map(() => ({
    byElement: Object.keys(ELEMENT_INDEX).map(() => []),
    byHs: new Map(),
    itemRules: [],
    generic: [],
    genericByDest: new Map(),
    genericEntity: [],
  }))
  const push = <T>(list: T[], x: T) => {
    if (!list.includes(x)) list.push(x)
  }
  for (const rule of rules) {
    if (rule.modifier || rule.start === null) continue
    if (rule.itemsKind !== 'listed') {
      for (const f of forms) {
        if (rule.destAll) f.generic.push(rule)
        else {
          for (const d of rule.dests)
            f.genericByDest.set(d, [...(f.genericByDest.get(d) ?? []), rule])
          if (rule.entity) f.genericEntity.push(rule)
        }
      }
      continue
    }
    for (const s of rule.selectors) {
      FORMS.forEach((form, fi) => {
        if ((s.forms & (1 << (FORM_INDEX[form] ?? 0))) === 0) return
        const f = forms[fi] as FormIndex
        push(f.itemRules, rule)
        for (let e = 0; e < 35; e++) {
          const bit =
            e < 32 ? (s.anyLo | s.allLo) & (1 << e) : (s.anyHi | s.allHi) & (1 << (e - 32))
          if (bit !== 0) push(f.byElement[e] as CompiledRule[], rule)
        }
        for (const code of s.hsCodes) {
          const key = code.slice(0, 6)
          const list = f.byHs.get(key) ?? []
          push(list, rule)
          f.byHs.set(key, list)
        }
      })
    }
  }
  return forms
}

/** The newest dated fact of the rulebook (announcements and source dates), for the version string. */
function rulebookDate(measures: readonly Measure[]): string {
  let best = '0000-00-00'
  for (const m of measures) {
    if (m.announced && m.announced > best) best = m.announced
    for (const s of m.sources) if (s.date && s.date > best) best = s.date
  }
  return best
}

/** Compiles measures and an operative overlay (entries override inline `operative`). Never throws on content. */
export function compileRulebook(
  measures: readonly Measure[],
  overlay: readonly OverlayEntry[] = []
): CompiledRulebook {
  const notes: CompileNote[] = []
  const cms = compileMeasures(measures, overlay, notes)
  const rules: CompiledRule[] = []
  const modifiersByMeasure: CompiledRule[][] = cms.map(() => [])
  const entities: CompiledEntity[] = []
  for (const cm of cms) {
    const list = cm.operative.entity_list
    if (list) {
      for (const e of list.entities)
        entities.push({
          measure: cm.index,
          list: list.list,
          name: e.name,
          aliases: e.aliases,
          scope: e.scope,
        })
    }
    if (cm.role !== 'control' && cm.role !== 'risk_flag') continue
    const selectors = buildSelectors(cm.measure, cm.operative)
    for (const r of cm.operative.rules) {
      const rule = compileRule(cm, r, selectors, cm.measure.items.length, rules.length, notes)
      rules.push(rule)
      if (rule.modifier) modifiersByMeasure[cm.index]?.push(rule)
    }
  }
  const hash = contentHash({ measures, overlay })
  const date = rulebookDate(measures)
  const starts = rules.map((r) => r.start).filter((s): s is string => s !== null)
  return {
    version: `${date}.${hash}`,
    hash,
    date,
    measures: cms,
    byId: new Map(cms.map((c) => [c.measure.id, c])),
    rules,
    modifiersByMeasure,
    forms: buildIndex(rules),
    entities,
    screener: createEntityScreener(entities),
    notes,
    earliestStart: starts.length === 0 ? null : starts.reduce((a, b) => (a < b ? a : b)),
  }
}
