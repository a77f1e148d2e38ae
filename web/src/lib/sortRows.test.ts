import { describe, expect, it } from 'vitest'
import { sortRows } from './sortRows'

describe('sortRows', () => {
  const rows = [
    { p: 'JPN', q: 280 },
    { p: 'DEU', q: null },
    { p: 'USA', q: 1106 },
    { p: 'KOR', q: 280 },
  ]
  it('sorts numbers in either direction and keeps ties in input order', () => {
    expect(sortRows(rows, (r) => r.q, 'asc').map((r) => r.p)).toEqual(['JPN', 'KOR', 'USA', 'DEU'])
    expect(sortRows(rows, (r) => r.q, 'desc').map((r) => r.p)).toEqual(['USA', 'JPN', 'KOR', 'DEU'])
  })
  it('puts missing values last whatever the direction', () => {
    expect(sortRows(rows, (r) => r.q, 'desc').at(-1)?.p).toBe('DEU')
    expect(sortRows(rows, (r) => r.q, 'asc').at(-1)?.p).toBe('DEU')
  })
  it('compares text naturally (2025-9 before 2025-10)', () => {
    const months = [{ m: '2025-10' }, { m: '2025-9' }, { m: '2024-12' }]
    expect(sortRows(months, (r) => r.m, 'asc').map((r) => r.m)).toEqual([
      '2024-12',
      '2025-9',
      '2025-10',
    ])
  })
})
