import { describe, expect, it } from 'vitest'
import { monthIndex } from '../shared/months'
import {
  DEFAULT_THROTTLING_CONFIG,
  detectThrottling,
  throttlingHistory,
  type SeriesData,
} from './throttling'

/** Builds a monthly series from `start` with one value per month (null = missing month). */
function series(start: string, values: (number | null)[]): SeriesData {
  const months = new Map<number, number>()
  const s = monthIndex(start)
  values.forEach((v, k) => {
    if (v !== null) months.set(s + k, v)
  })
  return { months, years: new Map() }
}

const flat = (n: number, v: number): number[] => Array.from({ length: n }, () => v)

describe('throttling detector on synthetic series', () => {
  // 24 months of history: world 5,000 t/month, partner a steady 10% (500 t) with small noise.
  const noise = [1, 1.03, 0.97, 1.02, 0.98, 1.01, 0.99, 1.04, 0.96, 1, 1.02, 0.98]
  const baseWorld = flat(24, 5000)
  const basePartner = Array.from({ length: 24 }, (_, k) => 500 * (noise[k % 12] as number))

  it('does not flag a global drop that hits the partner proportionally', () => {
    const world = series('2023-01', [...baseWorld, 1300, 1250, 2600])
    const partner = series('2023-01', [...basePartner, 130, 126, 258])
    const rows = throttlingHistory('JPN', world, partner)
    expect(rows.slice(24).map((r) => r.targeted)).toEqual([false, false, false])
    const drop = rows[24]!
    expect(drop.expected_t).toBeCloseTo(1300 * 0.1, -1)
    expect(Math.abs(drop.score!)).toBeLessThan(1)
  })

  it('flags a partner-only drop, keeps the flag while it lasts, and a recovery ends it', () => {
    const world = series('2023-01', [...baseWorld, 5000, 5100, 4900, 5000, 5000])
    const partner = series('2023-01', [...basePartner, 40, 35, 60, 480, 505])
    const rows = throttlingHistory('USA', world, partner)
    const tail = rows.slice(24)
    expect(tail.map((r) => r.targeted)).toEqual([true, true, true, false, false])
    expect(tail[0]!.since).toBe('2025-01')
    expect(tail[2]!.since).toBe('2025-01')
    expect(tail[0]!.score!).toBeLessThan(-DEFAULT_THROTTLING_CONFIG.zThreshold)
    expect(tail[3]!.recovered).toBe('2025-04')
    expect(tail[3]!.since).toBeNull()
  })

  it('does not flag a moderate partner dip within the world move', () => {
    const world = series('2023-01', [...baseWorld, 3000])
    const partner = series('2023-01', [...basePartner, 260])
    expect(throttlingHistory('DEU', world, partner)[24]!.targeted).toBe(false)
  })

  it('produces no row and no flag for missing months, and a gap does not break a run', () => {
    const values: (number | null)[] = [...basePartner]
    values[5] = null
    values[6] = null
    const world = series('2023-01', [...baseWorld, 5000, 5000, 5000, 5000])
    const partner = series('2023-01', [...values, 30, null, 25, 500])
    const rows = throttlingHistory('KOR', world, partner)
    expect(rows.map((r) => r.month)).not.toContain('2023-06')
    expect(rows.map((r) => r.month)).not.toContain('2025-02')
    expect(rows.filter((r) => r.month < '2025-01').every((r) => !r.targeted)).toBe(true)
    const march = rows.find((r) => r.month === '2025-03')!
    expect(march.targeted).toBe(true)
    expect(march.since).toBe('2025-01')
    expect(rows.find((r) => r.month === '2025-04')!.targeted).toBe(false)
  })

  it('works on sparse series: a single earlier month or an annual share gives a baseline, none gives no flag', () => {
    const world = series('2025-01', [5000, 5000, 5000, 5000, 5000])
    const sparse = series('2025-01', [500, null, null, null, 20])
    const rows = throttlingHistory('IND', world, sparse)
    expect(rows[0]!.expected_t).toBeNull()
    expect(rows[0]!.targeted).toBe(false)
    expect(rows[1]!.targeted).toBe(true)
    const annualOnly: SeriesData = {
      months: new Map([[monthIndex('2025-05'), 150]]),
      years: new Map([[2020, 6000]]),
    }
    const worldWithYear: SeriesData = { months: world.months, years: new Map([[2020, 60000]]) }
    const r = throttlingHistory('VNM', worldWithYear, annualOnly)[0]!
    expect(r.expected_t).toBeCloseTo(500)
    expect(r.note).toContain('annual 2020')
  })

  it('uses same-month shares when the partner has a seasonal pattern', () => {
    // Partner takes only 2% every February (e.g. a plant shutdown) and 10% otherwise: the first two dips are
    // flagged, after which the recurring pattern is recognised as seasonal.
    const partnerValues = Array.from({ length: 36 }, (_, k) => (k % 12 === 1 ? 100 : 500))
    const world = series('2022-01', flat(38, 5000))
    const partner = series('2022-01', [...partnerValues, 500, 100])
    const rows = throttlingHistory('THA', world, partner)
    expect(rows.find((r) => r.month === '2022-02')!.targeted).toBe(true)
    const feb = rows.find((r) => r.month === '2025-02')!
    expect(feb.note).toContain('seasonal')
    expect(feb.targeted).toBe(false)
  })

  it('returns one row per partner with data in the month', () => {
    const world = series('2024-01', [...flat(12, 5000), 5000])
    const partners = new Map<string, SeriesData>([
      ['JPN', series('2024-01', [...flat(12, 500), 20])],
      ['KOR', series('2024-01', [...flat(12, 300), 310])],
      ['IND', series('2024-01', flat(12, 100))],
    ])
    const rows = detectThrottling('2025-01', world, partners)
    expect(rows.map((r) => [r.partner, r.targeted])).toEqual([
      ['JPN', true],
      ['KOR', false],
    ])
  })
})
