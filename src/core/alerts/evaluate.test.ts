import { describe, expect, it } from 'vitest'
import type { AlertRule } from '../../contracts/alerts'
import type { SeriesPoint, ThrottlingRow } from '../../contracts/trade'
import { evaluateAlerts, type AlertFacts } from './evaluate'

const point = (period: string, quantity_t: number | null, yoy: number | null): SeriesPoint => ({
  period,
  product: 'magnets',
  partner: 'USA',
  quantity_t,
  derived: false,
  sources: 1,
  value_usd: null,
  mom: null,
  yoy,
  rolling_12m_t: null,
  share_of_world: null,
  disagreement: false,
  missing: quantity_t === null,
})

const row = (partner: string, targeted: boolean): ThrottlingRow => ({
  partner,
  month: '2025-05',
  actual_t: 46,
  expected_t: 600,
  score: -8.2,
  targeted,
  since: targeted ? '2025-04' : null,
  baseline_share: 0.1,
  baseline_months: 12,
  world_change: -0.74,
  partner_change: -0.93,
  recovered: null,
  note: null,
})

const facts = (over: Partial<AlertFacts> = {}): AlertFacts => ({
  asOf: '2025-06-28',
  series: new Map([
    [
      'magnets|USA',
      [point('2025-04', 300, -0.5), point('2025-05', 46, -0.93), point('2025-06', null, null)],
    ],
    ['magnets|WLD', [point('2025-05', 1238, -0.74)]],
  ]),
  throttling: new Map([['magnets', [row('USA', true), row('JPN', false)]]]),
  staleRules: [
    { id: 'cn-x', jurisdiction: 'CN', reason: 'lapsed_suspension', detail: 'lapsed' },
    { id: 'cn-y', jurisdiction: 'CN', reason: 'old_sources', detail: 'old' },
  ],
  ...over,
})

/** A stored rule from its kind-specific fields (the shape the schema produces). */
function rule(fields: { kind: AlertRule['kind'] } & Record<string, unknown>): AlertRule {
  return { id: 7, name: 'r', created_at: '2025-01-01T00:00:00Z', ...fields } as AlertRule
}

describe('alert evaluators', () => {
  it('throttling fires only for targeted partners (and only the named one)', () => {
    expect(
      evaluateAlerts([rule({ kind: 'throttling', product: 'magnets' })], facts()).map(
        (a) => a.subject
      )
    ).toEqual(['magnets → USA'])
    expect(
      evaluateAlerts([rule({ kind: 'throttling', product: 'magnets', partner: 'JPN' })], facts())
    ).toEqual([])
  })

  it('drop reads the latest month with data and compares with the threshold', () => {
    const fired = evaluateAlerts(
      [rule({ kind: 'drop', product: 'magnets', partner: 'USA', metric: 'yoy', threshold: -0.3 })],
      facts()
    )
    expect(fired).toHaveLength(1)
    expect(fired[0]?.period).toBe('2025-05')
    expect(fired[0]?.severity).toBe('critical')
    expect(
      evaluateAlerts(
        [
          rule({
            kind: 'drop',
            product: 'magnets',
            partner: 'USA',
            metric: 'yoy',
            threshold: -0.95,
          }),
        ],
        facts()
      )
    ).toEqual([])
  })

  it('release_overdue fires when the due month is missing, not before it is due', () => {
    const r = rule({ kind: 'release_overdue', product: 'magnets' })
    expect(evaluateAlerts([r], facts({ asOf: '2025-06-24' }))).toEqual([])
    expect(evaluateAlerts([r], facts({ asOf: '2025-07-28' }))[0]?.period).toBe('2025-06')
  })

  it('rule_status passes stale rulebook entries through, filtered by jurisdiction', () => {
    const reasons = ['lapsed_suspension', 'low_confidence']
    expect(
      evaluateAlerts([rule({ kind: 'rule_status', jurisdiction: 'US', reasons })], facts())
    ).toEqual([])
    expect(
      evaluateAlerts([rule({ kind: 'rule_status', reasons })], facts()).map((a) => [
        a.subject,
        a.severity,
      ])
    ).toEqual([['cn-x', 'critical']])
    expect(
      evaluateAlerts([rule({ kind: 'rule_status', reasons: ['old_sources'] })], facts())[0]?.subject
    ).toBe('cn-y')
  })
})
