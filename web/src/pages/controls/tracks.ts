/**
 * Turns the rulebook's dated events into one track per measure: spans in force, suspended, or in force again but
 * unverified (a suspension ran out with no extension recorded), plus point markers (announced, phases). Dates are
 * `YYYY-MM-DD` strings, compared as text. Pure: the Controls page draws it.
 */
import type { TimelineEvent } from '../../api/types'

export type SpanState = 'in_force' | 'suspended' | 'unverified'

export interface Span {
  from: string
  to: string
  state: SpanState
  /** The span runs to the end of the view because nothing recorded ends it. */
  open: boolean
}

export interface Track {
  measure_id: string
  instrument: string
  jurisdiction: string
  spans: Span[]
  markers: { date: string; event: TimelineEvent['event']; detail: string }[]
  events: TimelineEvent[]
}

const OPENS: Partial<Record<TimelineEvent['event'], SpanState>> = {
  effective: 'in_force',
  continued: 'in_force',
  suspended: 'suspended',
  suspension_ends: 'in_force',
  lapsed_unverified: 'unverified',
}

/** One track per measure, in order of first event; spans are closed by the next change or run to `end`. */
export function measureTracks(events: readonly TimelineEvent[], end: string): Track[] {
  const byMeasure = new Map<string, TimelineEvent[]>()
  for (const e of events) {
    const list = byMeasure.get(e.measure_id)
    if (list) list.push(e)
    else byMeasure.set(e.measure_id, [e])
  }
  const tracks: Track[] = []
  for (const [id, list] of byMeasure) {
    const sorted = [...list].sort((a, b) => a.date.localeCompare(b.date))
    const spans: Span[] = []
    const markers: Track['markers'] = []
    const open: { current: { from: string; state: SpanState } | null } = { current: null }
    const close = (to: string): void => {
      const c = open.current
      if (c && to > c.from) spans.push({ ...c, to, open: false })
      open.current = null
    }
    for (const e of sorted) {
      const opens = OPENS[e.event]
      if (e.event === 'ended') {
        close(e.date)
        markers.push({ date: e.date, event: e.event, detail: e.detail })
      } else if (opens) {
        // A phase or a continuation inside a span of the same state changes nothing.
        if (open.current?.state !== opens) {
          close(e.date)
          open.current = { from: e.date, state: opens }
        }
        if (e.event !== 'effective')
          markers.push({ date: e.date, event: e.event, detail: e.detail })
      } else {
        markers.push({ date: e.date, event: e.event, detail: e.detail })
      }
    }
    const last = open.current
    if (last && end > last.from) spans.push({ ...last, to: end, open: true })
    const first = sorted[0]
    tracks.push({
      measure_id: id,
      instrument: first?.instrument ?? id,
      jurisdiction: first?.jurisdiction ?? '',
      spans,
      markers,
      events: sorted,
    })
  }
  return tracks
}

/** Position of `date` within [from, to] as a percentage (clamped), for drawing. */
export function positionPct(date: string, from: string, to: string): number {
  const t = (d: string): number => Date.parse(`${d.length === 7 ? `${d}-01` : d}T00:00:00Z`)
  const span = t(to) - t(from)
  if (!(span > 0)) return 0
  return Math.min(100, Math.max(0, ((t(date) - t(from)) / span) * 100))
}
