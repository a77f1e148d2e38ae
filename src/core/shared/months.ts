/** Month arithmetic on `YYYY-MM` strings, as integer month indexes (year * 12 + month - 1). */
export type Month = string

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/

export function isMonth(s: string): boolean {
  return MONTH_RE.test(s)
}

/** `2025-05` → 24300 (year*12 + monthIndex). Throws on a malformed month (validate first). */
export function monthIndex(month: Month): number {
  const m = MONTH_RE.exec(month)
  if (!m) throw new Error(`invalid month: ${month}`)
  return Number(m[1]) * 12 + Number(m[2]) - 1
}

export function monthFromIndex(index: number): Month {
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`
}

export function addMonths(month: Month, n: number): Month {
  return monthFromIndex(monthIndex(month) + n)
}

/** Calendar month number 1..12. */
export function monthOfYear(month: Month): number {
  return (monthIndex(month) % 12) + 1
}

/** Inclusive list of months from `from` to `to`. */
export function monthRange(from: Month, to: Month): Month[] {
  const out: Month[] = []
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthFromIndex(i))
  return out
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True for a real calendar date `YYYY-MM-DD` (rejects 2025-02-30). */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s)
  if (!m) return false
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  if (mo < 1 || mo > 12 || d < 1) return false
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0
  return d <= days
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

/** Days since 1970-01-01 for a valid ISO date (UTC, no clock involved). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000)
}

export function dateFromDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10)
}
