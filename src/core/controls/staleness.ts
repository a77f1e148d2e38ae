/**
 * What in the rulebook needs checking as of a date: suspensions that ended with no recorded extension,
 * low-confidence measures, measures whose newest source is over a year old, partially captured entity lists,
 * items that cannot be matched, and conditions derived rather than recorded.
 */
import type { StaleFinding } from '../../contracts/rulebook'
import { addDays } from './dates'
import { isChinese } from './deriveOperative'
import type { CompiledRulebook } from './types'

/** Findings per measure, in rulebook order. `asOf` is YYYY-MM-DD. */
export function staleFindings(c: CompiledRulebook, asOf: string): StaleFinding[] {
  const out: StaleFinding[] = []
  const yearAgo = addDays(asOf, -365)
  for (const cm of c.measures) {
    const m = cm.measure
    const add = (reason: StaleFinding['reason'], detail: string) =>
      out.push({ measure_id: m.id, instrument: m.instrument, reason, detail })
    const last = cm.suspensions[cm.suspensions.length - 1]
    if (last && last.until < asOf) {
      const by = last.by.filter((b) => b.measure_id !== null).map((b) => b.instrument)
      add(
        'lapsed_suspension',
        `suspension${by.length ? ` by ${by.join('; ')}` : ''} ended ${last.until}; no extension is recorded, so determinations after that date treat the measure as applying again and warn that its status is unverified`
      )
    }
    if (m.confidence === 'low')
      add('low_confidence', m.open_questions ?? 'low confidence, no open questions recorded')
    const dated = m.sources.map((s) => s.date).filter((d): d is string => d !== null)
    if (dated.length === 0) {
      add('no_dated_source', `none of its ${m.sources.length} sources carries a date`)
    } else {
      const newest = dated.reduce((a, b) => (a > b ? a : b))
      if (newest < yearAgo)
        add('old_sources', `newest dated source is from ${newest}, more than a year before ${asOf}`)
    }
    const list = cm.operative.entity_list
    if (list?.listed_count && list.entities.length < list.listed_count)
      add(
        'partial_entity_list',
        `${list.entities.length} of ${list.listed_count} listed entities captured: unmatched end users may still be listed`
      )
    for (const n of c.notes)
      if (n.measure_id === m.id && n.severity === 'info' && n.message.includes('cannot be matched'))
        add('unmatchable_item', n.message)
    if (cm.derived && cm.role === 'control')
      add('derived_conditions', `no operative conditions recorded: ${cm.operative.note}`)
    if (isChinese(m) && cm.role === 'control' && cm.start === null)
      add('not_evaluated', 'no effective date recorded: its rules are never applied')
  }
  return out
}
