import { describe, expect, it } from 'vitest'
import { expectedRelease, latestDueMonth, nextRelease } from './releases'

describe('customs release calendar', () => {
  it('puts the total around the 7th and the breakdown around the 20th of the next month', () => {
    expect(expectedRelease('2025-05', 'total')).toBe('2025-06-07')
    expect(expectedRelease('2025-12', 'breakdown')).toBe('2026-01-20')
  })
  it('knows which month should be out by a date, with grace days', () => {
    expect(latestDueMonth('2026-11-28', 'breakdown')).toBe('2026-10')
    expect(latestDueMonth('2026-11-22', 'breakdown')).toBe('2026-09')
    expect(latestDueMonth('2026-11-12', 'total')).toBe('2026-10')
  })
  it('gives the next release', () => {
    expect(nextRelease('2026-11-28', 'total')).toEqual({ month: '2026-11', date: '2026-12-07' })
    expect(nextRelease('2026-11-05', 'breakdown')).toEqual({ month: '2026-10', date: '2026-11-20' })
  })
})
