import { describe, expect, it } from 'vitest'
import type { ThrottlingRow } from '../../api/endpoints'
import type { BreakdownRow, SourcesGroup } from '../../api/types'
import { partnerMonths, partnerRows } from './partnerRows'

const row = (partner: string, quantity_t: number): BreakdownRow => ({
  partner,
  aggregate: false,
  quantity_t,
  share_of_world: null,
  derived: false,
  sources: 1,
  disagreement: false,
})
const flag = (partner: string, score: number | null, targeted: boolean): ThrottlingRow => ({
  partner,
  month: '2025-05',
  actual_t: 1,
  expected_t: score === null ? null : 10,
  score,
  targeted,
  since: targeted ? '2025-04' : null,
  baseline_share: null,
  baseline_months: 0,
  world_change: null,
  partner_change: null,
  recovered: null,
  note: null,
})
const group = (period: string, partner: string, canonical_t: number | null): SourcesGroup => ({
  period,
  period_kind: period.length === 4 ? 'year' : 'month',
  partner,
  canonical_t,
  disagreement: false,
  spread: 0,
  rule: '',
  sources: [],
})

describe('partnerRows', () => {
  it('attaches each partner’s own assessment and leaves unassessed partners without a score', () => {
    const rows = partnerRows([row('JPN', 5), row('DEU', 7)], [flag('JPN', -4, true)])
    expect(rows.map((r) => [r.partner, r.score, r.targeted, r.since])).toEqual([
      ['JPN', -4, true, '2025-04'],
      ['DEU', null, false, null],
    ])
  })
})

describe('partnerMonths', () => {
  it('lists months with partner figures, newest first, ignoring the world total, years and empty figures', () => {
    const months = partnerMonths([
      group('2025-05', 'WLD', 1238),
      group('2025-05', 'JPN', 100),
      group('2025-05', 'DEU', 209),
      group('2025-06', 'JPN', null),
      group('2025-07', 'USA', 300),
      group('2024', 'JPN', 5000),
    ])
    expect(months).toEqual([
      { month: '2025-07', partners: 1 },
      { month: '2025-05', partners: 2 },
    ])
  })
})
