/** Joins the month's breakdown (tonnes, shares) with the throttling assessment (expected, score) per partner. */
import type { ThrottlingRow } from '../../api/endpoints'
import type { BreakdownRow, SourcesGroup } from '../../api/types'

export interface PartnerRow extends BreakdownRow {
  expected_t: number | null
  score: number | null
  targeted: boolean
  since: string | null
  note: string | null
}

export function partnerRows(
  breakdown: readonly BreakdownRow[],
  throttling: readonly ThrottlingRow[]
): PartnerRow[] {
  const byPartner = new Map(throttling.map((t) => [t.partner, t]))
  return breakdown.map((b) => {
    const t = byPartner.get(b.partner)
    return {
      ...b,
      expected_t: t?.expected_t ?? null,
      score: t?.score ?? null,
      targeted: t?.targeted ?? false,
      since: t?.since ?? null,
      note: t?.note ?? null,
    }
  })
}

/** Months (YYYY-MM, newest first) with at least one partner figure other than the world total, with counts. */
export function partnerMonths(
  groups: readonly SourcesGroup[]
): { month: string; partners: number }[] {
  const counts = new Map<string, Set<string>>()
  for (const g of groups) {
    if (g.partner === 'WLD' || !/^\d{4}-\d{2}$/.test(g.period) || g.canonical_t === null) continue
    const set = counts.get(g.period) ?? new Set<string>()
    set.add(g.partner)
    counts.set(g.period, set)
  }
  return [...counts]
    .map(([month, set]) => ({ month, partners: set.size }))
    .sort((a, b) => b.month.localeCompare(a.month))
}
