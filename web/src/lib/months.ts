/** Month arithmetic on `YYYY-MM` strings (no Date objects, no time zones). */

export function monthIndex(m: string): number {
  const [y, mo] = m.split('-').map(Number)
  return (y ?? 0) * 12 + ((mo ?? 1) - 1)
}

export function monthFromIndex(i: number): string {
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
}

/** Every month from `from` to `to`, inclusive; empty when `to` is before `from`. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = []
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthFromIndex(i))
  return out
}

/** The month of a `YYYY-MM-DD` or `YYYY-MM` date; null for anything else (a bare year). */
export function monthOf(date: string): string | null {
  const m = /^(\d{4}-\d{2})(-\d{2})?$/.exec(date)
  return m ? (m[1] ?? null) : null
}
