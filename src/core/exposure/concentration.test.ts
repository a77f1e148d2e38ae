import { describe, expect, it } from 'vitest'
import { hhi } from './concentration'

describe('hhi', () => {
  it('is 10000 for one source, 5000 for two equal ones and null for no mass', () => {
    expect(hhi([7])).toBe(10000)
    expect(hhi([50, 50])).toBe(5000)
    // 60/30/10: 3600 + 900 + 100
    expect(hhi([6, 3, 1])).toBeCloseTo(4600, 9)
    expect(hhi([])).toBeNull()
    expect(hhi([0, 0])).toBeNull()
  })
})
