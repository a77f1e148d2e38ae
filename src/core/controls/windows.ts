/**
 * Activity windows of a measure or rule: before its start nothing; then in force, suspended for each recorded
 * suspension, and after the last recorded suspension ends "in force again, unverified" (DESIGN.md: the measure
 * applies again and the answer carries a warning).
 */
import { addDays, dateInt, MAX_DATE } from './dates'
import { ACTIVE, INACTIVE, LAPSED, SUSPENDED, type SuspensionSpan, type Window } from './types'

/** Sorted, merged suspension spans (touching or overlapping spans become one, keeping every recorder). */
export function mergeSuspensions(spans: readonly SuspensionSpan[]): SuspensionSpan[] {
  const sorted = [...spans].sort(
    (a, b) => a.from.localeCompare(b.from) || a.until.localeCompare(b.until)
  )
  const out: SuspensionSpan[] = []
  for (const s of sorted) {
    const last = out[out.length - 1]
    if (last && s.from <= addDays(last.until, 1)) {
      if (s.until > last.until) last.until = s.until
      for (const b of s.by) {
        if (!last.by.some((x) => x.measure_id === b.measure_id && x.instrument === b.instrument))
          last.by.push(b)
      }
    } else {
      out.push({ from: s.from, until: s.until, by: [...s.by] })
    }
  }
  return out
}

/**
 * Windows from `start` to `end` (inclusive; null end = open) given merged suspensions. `lapsedWarning` builds the
 * warning carried after the last suspension ends.
 */
export function buildWindows(
  start: string | null,
  end: string | null,
  suspensions: readonly SuspensionSpan[],
  lapsedWarning: (span: SuspensionSpan) => string
): Window[] {
  if (start === null) return []
  const endInt = end === null ? MAX_DATE : dateInt(end)
  let cursor = dateInt(start)
  const out: Window[] = []
  let last: SuspensionSpan | null = null
  for (const s of suspensions) {
    const from = dateInt(s.from)
    const until = dateInt(s.until)
    if (until < cursor || cursor > endInt) continue
    if (from > cursor) {
      out.push({
        from: cursor,
        to: Math.min(dateInt(addDays(s.from, -1)), endInt),
        state: ACTIVE,
        warning: null,
      })
    }
    if (Math.max(from, cursor) <= endInt) {
      out.push({
        from: Math.max(from, cursor),
        to: Math.min(until, endInt),
        state: SUSPENDED,
        warning: null,
      })
    }
    cursor = dateInt(addDays(s.until, 1))
    last = s
  }
  if (cursor <= endInt) {
    out.push(
      last
        ? { from: cursor, to: endInt, state: LAPSED, warning: lapsedWarning(last) }
        : { from: cursor, to: endInt, state: ACTIVE, warning: null }
    )
  }
  return out
}

/** The window containing day `d` (yyyymmdd), or null when none does. */
export function windowAt(windows: readonly Window[], d: number): Window | null {
  for (let i = 0; i < windows.length; i++) {
    const w = windows[i] as Window
    if (d >= w.from && d <= w.to) return w
  }
  return null
}

/** The state on day `d` (INACTIVE outside every window). */
export function stateAt(windows: readonly Window[], d: number): number {
  const w = windowAt(windows, d)
  return w === null ? INACTIVE : w.state
}
