/**
 * China's customs release calendar: the monthly export total comes out around the 7th of the following month and
 * the breakdown by product and destination (where magnets and partner figures come from) around the 20th.
 * These are typical days, not a published schedule; `graceDays` absorbs weekends and holidays.
 */
import { addMonths, dateFromDayNumber, dayNumber } from '../shared/months'

export type ReleaseKind = 'total' | 'breakdown'

export const RELEASE_DAY: Record<ReleaseKind, number> = { total: 7, breakdown: 20 }

/** Typical publication date (YYYY-MM-DD) of month `month`'s figures of the given kind. */
export function expectedRelease(month: string, kind: ReleaseKind): string {
  return `${addMonths(month, 1)}-${String(RELEASE_DAY[kind]).padStart(2, '0')}`
}

/** The latest month whose release of `kind` should be out on `asOf` (allowing `graceDays`). */
export function latestDueMonth(asOf: string, kind: ReleaseKind, graceDays = 5): string {
  let month = addMonths(asOf.slice(0, 7), -1)
  while (dayNumber(expectedRelease(month, kind)) + graceDays > dayNumber(asOf))
    month = addMonths(month, -1)
  return month
}

/** The next release of `kind` after `asOf`: which month's figures and when. */
export function nextRelease(asOf: string, kind: ReleaseKind): { month: string; date: string } {
  let month = addMonths(asOf.slice(0, 7), -1)
  while (dayNumber(expectedRelease(month, kind)) <= dayNumber(asOf)) month = addMonths(month, 1)
  return { month, date: dateFromDayNumber(dayNumber(expectedRelease(month, kind))) }
}
