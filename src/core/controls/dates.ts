/**
 * Dates as integers `yyyymmdd` for the hot path: ordering is preserved, so windows compare with `<=`.
 * Day arithmetic goes through day numbers (no clock involved).
 */
import { dateFromDayNumber, dayNumber } from '../shared/months'

/** `2025-04-04` → 20250404. The input must be a valid ISO date (validated at the edge). */
export function dateInt(date: string): number {
  return (
    (date.charCodeAt(0) - 48) * 10_000_000 +
    (date.charCodeAt(1) - 48) * 1_000_000 +
    (date.charCodeAt(2) - 48) * 100_000 +
    (date.charCodeAt(3) - 48) * 10_000 +
    (date.charCodeAt(5) - 48) * 1_000 +
    (date.charCodeAt(6) - 48) * 100 +
    (date.charCodeAt(8) - 48) * 10 +
    (date.charCodeAt(9) - 48)
  )
}

/** 20250404 → `2025-04-04`. */
export function dateFromInt(value: number): string {
  const y = Math.floor(value / 10_000)
  const m = Math.floor(value / 100) % 100
  const d = value % 100
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** The ISO date `n` days after `date` (negative n: before). */
export function addDays(date: string, n: number): string {
  return dateFromDayNumber(dayNumber(date) + n)
}

/** Smallest and largest representable dates, for open-ended windows. */
export const MIN_DATE = 0
export const MAX_DATE = 99_991_231
