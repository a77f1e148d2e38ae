/** Stable sort of table rows by one column's value; missing values always last, whatever the direction. */
export type SortValue = string | number | boolean | null | undefined

export function sortRows<R>(
  rows: readonly R[],
  value: (r: R) => SortValue,
  direction: 'asc' | 'desc'
): R[] {
  const sign = direction === 'asc' ? 1 : -1
  return rows
    .map((r, i) => ({ r, i, v: value(r) }))
    .sort((a, b) => {
      const an = a.v === null || a.v === undefined || a.v === ''
      const bn = b.v === null || b.v === undefined || b.v === ''
      if (an || bn) return an === bn ? a.i - b.i : an ? 1 : -1
      const c =
        typeof a.v === 'number' && typeof b.v === 'number'
          ? a.v - b.v
          : String(a.v).localeCompare(String(b.v), 'en', { numeric: true })
      return c !== 0 ? sign * c : a.i - b.i
    })
    .map((x) => x.r)
}
