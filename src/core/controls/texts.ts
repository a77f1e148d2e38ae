/**
 * The sentences determinations cite, built once at compile time (rationale lines, hit reasons, warnings).
 */
import type { Fact, MeasureHit } from '../../contracts/licence'
import { FACTS } from '../../contracts/licence'
import type { Effect } from '../../contracts/rulebook'
import type { CompiledMeasure, CompiledRule, CompiledSelector, SuspensionSpan } from './types'

const EFFECT_TEXT: Record<Effect, string> = {
  deny: 'prohibited',
  case_by_case: 'licence required, reviewed case by case',
  licence: 'export licence required',
  review: 'cannot decide from the facts given',
  exempt: 'exempt from the licence requirement',
  flag: 'risk flag (does not change the verdict)',
  note: 'note',
  excluded: 'not covered',
}

export function factNames(mask: number): Fact[] {
  return FACTS.filter((_, i) => (mask & (1 << i)) !== 0)
}

function reviewText(rule: CompiledRule, effect: Effect, sel: CompiledSelector | null): string {
  if (effect !== 'licence' && effect !== 'case_by_case') return ''
  const review = sel?.review ?? rule.review
  if (review === 'individual_no_time_limit')
    return '; individual licence only, no statutory review time limit'
  const days = rule.measure.reviewDays
  return days === null ? '' : `; review up to ${days} working days`
}

function since(rule: CompiledRule): string {
  return rule.start === null ? '' : ` (from ${rule.start})`
}

export function ruleEffect(rule: CompiledRule, sel: CompiledSelector | null): Effect {
  return sel?.effect ?? rule.effect
}

export function hitFor(rule: CompiledRule, sel: CompiledSelector | null): MeasureHit {
  const m = rule.measure.measure
  const effect = ruleEffect(rule, sel)
  const reason = sel?.reason ?? rule.reason
  return {
    id: m.id,
    instrument: m.instrument,
    effect,
    reason: sel ? `${sel.description}: ${reason}` : reason,
    confidence: m.confidence,
    source_url: sel?.sourceUrl ?? rule.sourceUrl,
  }
}

export function flagWarningFor(rule: CompiledRule, sel: CompiledSelector | null): string {
  const m = rule.measure.measure
  return `${m.instrument} [${m.id}]: ${sel?.reason ?? rule.reason}`
}

export function lineFor(
  rule: CompiledRule,
  sel: CompiledSelector | null,
  continued: boolean
): string {
  const m = rule.measure
  const effect = ruleEffect(rule, sel)
  const item = sel ? `lists "${sel.description}"; ` : ''
  const cont =
    continued && m.continued
      ? ` (listing continued under ${m.continued.instrument} [${m.continued.measure_id}])`
      : ''
  return `${m.measure.instrument}${since(rule)} [${m.measure.id}]${cont}: ${item}${sel?.reason ?? rule.reason} — ${EFFECT_TEXT[effect]}${reviewText(rule, effect, sel)}.`
}

export function belowLineFor(rule: CompiledRule): string {
  const pct = rule.minShare === null ? '' : `${(rule.minShare * 100).toFixed(1)}%`
  return `${rule.measure.measure.instrument}${since(rule)} [${rule.measure.measure.id}]: the China-origin controlled content is below the ${pct} value threshold, so ${rule.reason.charAt(0).toLowerCase()}${rule.reason.slice(1)} does not reach this item.`
}

export function missingHitFor(rule: CompiledRule, mask: number): MeasureHit {
  const m = rule.measure.measure
  return {
    id: m.id,
    instrument: m.instrument,
    effect: 'review',
    reason: `cannot decide without ${factNames(mask).join(', ')}: ${rule.reason}`,
    confidence: m.confidence,
    source_url: rule.sourceUrl,
  }
}

export function missingLineFor(rule: CompiledRule, mask: number): string {
  const m = rule.measure.measure
  return `${m.instrument}${since(rule)} [${m.id}]: cannot decide without ${factNames(mask).join(', ')} — ${rule.reason}.`
}

export function missingWarningFor(rule: CompiledRule, fact: Fact): string {
  const m = rule.measure.measure
  const what: Record<Fact, string> = {
    elements: 'give the element content (e.g. Dy:0.04;Nd:0.25) or the customs code',
    end_use: 'give end_use',
    end_user_type: 'give end_user_type',
    end_user: 'give the end user name (screened against entity lists)',
    cn_content_value_share:
      'give cn_content_value_share (China-origin controlled content as a share of value)',
    made_with_cn_technology:
      'say whether the item was made with China-origin rare-earth technology',
  }
  return `missing fact ${fact}: ${m.instrument} [${m.id}] — ${rule.reason}; ${what[fact]}.`
}

export function lapsedWarningFor(m: CompiledMeasure['measure'], span: SuspensionSpan): string {
  const named = span.by.filter((b) => b.measure_id !== null)
  const by = (named.length > 0 ? named : span.by).map((b) => b.instrument).join('; ')
  return `${m.instrument} [${m.id}] is treated as applying again: its suspension (${by}) ended ${span.until} and the rulebook records no extension, so its status after ${span.until} is unverified.`
}

export function lowConfidenceWarningFor(m: CompiledMeasure['measure']): string {
  return `low confidence: ${m.instrument} [${m.id}]${m.open_questions ? ` — open questions: ${m.open_questions}` : ''}`
}

export function partialListWarningFor(
  rule: CompiledRule,
  captured: number,
  listed: number
): string {
  const m = rule.measure.measure
  return `${m.instrument} [${m.id}] lists ${listed} entities of which ${captured} are captured in the rulebook: an end user not found may still be listed.`
}

export function nearMatchText(
  rule: CompiledRule,
  endUser: string,
  listed: string,
  listInstrument: string,
  score: number,
  subsidiaries: boolean
): string {
  const what = subsidiaries
    ? `the listed subsidiaries of "${listed}"`
    : `"${listed}" (similarity ${score.toFixed(2)})`
  return `end user "${endUser}" may be ${what} on ${listInstrument}: confirm the identity before relying on ${rule.measure.measure.instrument} [${rule.measure.measure.id}] not applying.`
}

export function destinationMismatchText(
  rule: CompiledRule,
  endUser: string,
  listed: string
): string {
  const m = rule.measure.measure
  return `end user "${endUser}" matches "${listed}" listed by ${m.instrument} [${m.id}] for ${[...rule.dests].join(', ')}, but the destination differs: confirm where the listed entity receives the item.`
}
