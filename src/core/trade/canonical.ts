/**
 * Choosing one canonical figure per (period, period kind, flow, product, partner) from several sources.
 *
 * The rule, in order:
 * 1. Candidates are the current (not superseded) observations with a quantity.
 * 2. Rows flagged when the data were compiled (ERROR-LIKELY, CONFLICT) are dropped if any unflagged row remains.
 * 3. `stated` rows win over `derived` ones.
 * 4. The value reported by the most sources wins (values equal within 0.05 t count as the same figure).
 * 5. Ties go to the earliest source_date (the report closest to the customs release; later reports tend to copy
 *    or round it), then to the lexicographically smallest source_url (deterministic).
 * Disagreement: any two candidates (flagged ones included) differ by more than 0.5% and 0.05 t.
 */
import type { TradeObservation } from '../../contracts/trade'

export interface CanonicalPoint {
  period: string
  period_kind: TradeObservation['period_kind']
  flow: TradeObservation['flow']
  product: string
  partner: string
  quantity_t: number | null
  value_usd: number | null
  /** The canonical figure is a derived one (computed from other stated figures). */
  derived: boolean
  /** Number of source rows behind this point (all candidates, flagged included). */
  sources: number
  chosen: TradeObservation | null
  observations: TradeObservation[]
  disagreement: boolean
  /** (max - min) / max over candidates' quantities; 0 when one value. */
  spread: number
}

const SAME_VALUE_T = 0.05
const DISAGREEMENT_REL = 0.005

export function groupKey(
  o: Pick<TradeObservation, 'period' | 'period_kind' | 'flow' | 'product' | 'partner'>
): string {
  return `${o.period}|${o.period_kind}|${o.flow}|${o.product}|${o.partner}`
}

/** Picks the canonical observation of one group (all rows share period, kind, flow, product, partner). */
export function chooseCanonical(group: readonly TradeObservation[]): CanonicalPoint {
  const first = group[0]
  if (!first) throw new Error('chooseCanonical: empty group')
  const withQty = group.filter((o) => o.quantity_t !== null)
  let candidates = withQty.filter((o) => o.flag === null)
  if (candidates.length === 0) candidates = withQty
  const stated = candidates.filter((o) => o.basis === 'stated')
  if (stated.length > 0) candidates = stated

  let chosen: TradeObservation | null = null
  let bestVotes = -1
  for (const c of candidates) {
    const votes = candidates.filter(
      (o) => Math.abs((o.quantity_t ?? 0) - (c.quantity_t ?? 0)) <= SAME_VALUE_T
    ).length
    if (chosen === null || votes > bestVotes || (votes === bestVotes && preferred(c, chosen))) {
      chosen = c
      bestVotes = votes
    }
  }
  const qs = withQty.map((o) => o.quantity_t as number)
  const max = qs.length ? Math.max(...qs) : 0
  const min = qs.length ? Math.min(...qs) : 0
  const spread = max > 0 ? (max - min) / max : 0
  const valueRow =
    chosen?.value_usd !== null && chosen
      ? chosen
      : group.find((o) => o.value_usd !== null && o.flag === null)
  return {
    period: first.period,
    period_kind: first.period_kind,
    flow: first.flow,
    product: first.product,
    partner: first.partner,
    quantity_t: chosen?.quantity_t ?? null,
    value_usd: valueRow?.value_usd ?? null,
    derived: chosen?.basis === 'derived',
    sources: group.length,
    chosen,
    observations: [...group],
    disagreement: max - min > SAME_VALUE_T && spread > DISAGREEMENT_REL,
    spread,
  }
}

function preferred(a: TradeObservation, b: TradeObservation): boolean {
  const da = a.source_date ?? ''
  const db = b.source_date ?? ''
  if (da !== db) return da !== '' && (db === '' || da < db)
  return a.source_url < b.source_url
}

/** Canonical points for every group in `observations`, in input order of first appearance. */
export function canonicalPoints(observations: readonly TradeObservation[]): CanonicalPoint[] {
  const groups = new Map<string, TradeObservation[]>()
  for (const o of observations) {
    const k = groupKey(o)
    const g = groups.get(k)
    if (g) g.push(o)
    else groups.set(k, [o])
  }
  return [...groups.values()].map(chooseCanonical)
}
