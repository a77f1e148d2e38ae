/**
 * What the rulebook says over time: each measure's state on a date (in force, suspended, in force again but
 * unverified, ...), the list and detail views, and a dated timeline filterable by element and jurisdiction.
 */
import type { Element } from '../../contracts/common'
import type { MeasureState, RuleSummary, TimelineEvent } from '../../contracts/rulebook'
import { addDays, dateFromInt, dateInt } from './dates'
import { isChinese } from './deriveOperative'
import { ACTIVE, LAPSED, SUSPENDED, type CompiledMeasure, type CompiledRulebook } from './types'
import { windowAt } from './windows'

function byWhom(span: CompiledMeasure['suspensions'][number]): string {
  const named = span.by.filter((b) => b.measure_id !== null).map((b) => b.instrument)
  return named.length > 0 ? named.join('; ') : 'the dates recorded on the measure'
}

/** The state of a measure on `asOf` (YYYY-MM-DD), with a short note. */
export function measureState(
  cm: CompiledMeasure,
  asOf: string
): { state: MeasureState; note: string | null } {
  const m = cm.measure
  if (m.status === 'proposed') return { state: 'not_operative', note: 'proposed, not adopted' }
  if (cm.role === 'context' && !isChinese(m))
    return { state: 'not_operative', note: 'not a Chinese export control (context)' }
  if (m.status === 'expired' && cm.start === null) return { state: 'ended', note: 'expired' }
  if (cm.start === null) return { state: 'no_date', note: 'no effective date recorded' }
  const d = dateInt(asOf)
  if (d < dateInt(cm.start)) return { state: 'not_yet_in_force', note: `from ${cm.start}` }
  if (m.status === 'expired' || (cm.ends !== null && d > dateInt(cm.ends)))
    return { state: 'ended', note: cm.ends ? `ended ${cm.ends}` : 'expired' }
  const w = windowAt(cm.windows, d)
  const span = cm.suspensions.find((s) => s.from <= asOf && asOf <= s.until)
  if (w?.state === SUSPENDED && span)
    return { state: 'suspended', note: `suspended until ${span.until} (${byWhom(span)})` }
  if (w?.state === LAPSED) {
    const last = cm.suspensions[cm.suspensions.length - 1]
    return {
      state: 'in_force_unverified',
      note: last ? `suspension (${byWhom(last)}) ended ${last.until}; no extension recorded` : null,
    }
  }
  if (w?.state === ACTIVE) {
    const cont = cm.continued && d >= cm.continued.from ? cm.continued : null
    return {
      state: 'in_force',
      note: cont ? `continued under ${cont.instrument} from ${dateFromInt(cont.from)}` : null,
    }
  }
  return { state: 'ended', note: null }
}

/** One row per measure, in rulebook order. */
export function ruleSummaries(c: CompiledRulebook, asOf: string): RuleSummary[] {
  return c.measures.map((cm) => {
    const st = measureState(cm, asOf)
    const m = cm.measure
    return {
      id: m.id,
      jurisdiction: m.jurisdiction,
      instrument: m.instrument,
      title: m.title,
      kind: m.kind,
      role: cm.role,
      effective: cm.start,
      status: m.status,
      state: st.state,
      state_note: st.note,
      confidence: m.confidence,
    }
  })
}

/** Everything about one measure: the record, its operative conditions, suspensions and state. */
export function ruleDetail(c: CompiledRulebook, id: string, asOf: string) {
  const cm = c.byId.get(id)
  if (!cm) return null
  const st = measureState(cm, asOf)
  return {
    measure: cm.measure,
    operative: cm.operative,
    operative_source: cm.operativeSource,
    operative_derived: cm.derived,
    role: cm.role,
    state: st.state,
    state_note: st.note,
    as_of: asOf,
    suspensions: cm.suspensions.map((s) => ({ from: s.from, until: s.until, by: s.by })),
    rules: c.rules
      .filter((r) => r.measure === cm)
      .map((r) => ({
        id: r.ruleId,
        effect: r.effect,
        modifier: r.modifier,
        from: r.start,
        reason: r.reason,
        source_url: r.sourceUrl,
      })),
    notes: c.notes.filter((n) => n.measure_id === id),
    rulebook_version: c.version,
  }
}

function jurisdictions(j: string): string[] {
  return j.split(/[;,]/).map((x) => x.trim())
}

/** Does the measure concern `element` (its items, its rules' reach, or the measures it suspends)? */
export function measureCovers(c: CompiledRulebook, cm: CompiledMeasure, element: Element): boolean {
  const op = cm.operative
  if (cm.measure.items.some((it) => it.elements.includes(element))) return true
  if (
    op.extra_items.some(
      (x) => x.elements_any?.includes(element) || x.elements_all?.includes(element)
    )
  )
    return true
  if (
    op.role === 'control' &&
    op.rules.some((r) => !Array.isArray(r.items) && r.items !== 'listed')
  )
    return true
  return op.suspends.some((s) => {
    const target = c.byId.get(s.measure_id)
    return target !== undefined && target !== cm && measureCovers(c, target, element)
  })
}

export interface TimelineOptions {
  element?: Element
  jurisdiction?: string
  asOf: string
}

/** Dated events of every (matching) measure, oldest first. */
export function rulesTimeline(c: CompiledRulebook, options: TimelineOptions): TimelineEvent[] {
  const out: (TimelineEvent & { order: number })[] = []
  for (const cm of c.measures) {
    const m = cm.measure
    if (options.jurisdiction && !jurisdictions(m.jurisdiction).includes(options.jurisdiction))
      continue
    if (options.element && !measureCovers(c, cm, options.element)) continue
    const push = (date: string | null, event: TimelineEvent['event'], detail: string) => {
      if (date === null) return
      out.push({
        date,
        measure_id: m.id,
        jurisdiction: m.jurisdiction,
        instrument: m.instrument,
        event,
        detail,
        confidence: m.confidence,
        order: cm.index,
      })
    }
    push(m.announced, 'announced', m.title)
    push(cm.start, 'effective', cm.role === 'risk_flag' ? `reported from: ${m.title}` : m.title)
    const phases = new Map<string, string[]>()
    for (const r of c.rules) {
      if (r.measure !== cm || r.start === null || r.start === cm.start) continue
      phases.set(r.start, [...(phases.get(r.start) ?? []), r.reason])
    }
    for (const [date, reasons] of phases) push(date, 'phase_effective', reasons.join('; '))
    cm.suspensions.forEach((s, k) => {
      push(s.from, 'suspended', `suspended until ${s.until} (${byWhom(s)})`)
      push(s.until, 'suspension_ends', `last day of the suspension (${byWhom(s)})`)
      const last = k === cm.suspensions.length - 1
      if (last && s.until < options.asOf)
        push(
          addDays(s.until, 1),
          'lapsed_unverified',
          'applies again: no extension recorded, status unverified'
        )
    })
    if (cm.continued)
      push(
        dateFromInt(cm.continued.from),
        'continued',
        `listing continued under ${cm.continued.instrument} [${cm.continued.measure_id}]`
      )
    push(cm.ends, 'ended', 'last day in effect')
  }
  out.sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order)
  return out.map(({ order: _order, ...e }) => e)
}
