import { describe, expect, it } from 'vitest'
import type { TimelineEvent } from '../../api/types'
import { measureTracks, positionPct } from './tracks'

function ev(measure_id: string, date: string, event: TimelineEvent['event']): TimelineEvent {
  return {
    date,
    measure_id,
    jurisdiction: 'CHN',
    instrument: measure_id.toUpperCase(),
    event,
    detail: event,
    confidence: 'high',
  }
}

describe('measureTracks', () => {
  it('draws in force, suspended, and in force again after the suspension ends', () => {
    const [t] = measureTracks(
      [
        ev('m61', '2025-11-10', 'suspended'),
        ev('m61', '2025-10-09', 'announced'),
        ev('m61', '2025-11-08', 'effective'),
        ev('m61', '2026-11-10', 'suspension_ends'),
      ],
      '2027-01-01'
    )
    expect(t?.spans).toEqual([
      { from: '2025-11-08', to: '2025-11-10', state: 'in_force', open: false },
      { from: '2025-11-10', to: '2026-11-10', state: 'suspended', open: false },
      { from: '2026-11-10', to: '2027-01-01', state: 'in_force', open: true },
    ])
    expect(t?.markers.map((m) => m.event)).toEqual(['announced', 'suspended', 'suspension_ends'])
  })
  it('marks a lapsed suspension as unverified and stops at an end', () => {
    const [t] = measureTracks(
      [
        ev('m', '2024-01-01', 'effective'),
        ev('m', '2024-06-01', 'suspended'),
        ev('m', '2024-09-01', 'lapsed_unverified'),
        ev('m', '2025-01-01', 'ended'),
      ],
      '2026-01-01'
    )
    expect(t?.spans.map((s) => [s.state, s.from, s.to, s.open])).toEqual([
      ['in_force', '2024-01-01', '2024-06-01', false],
      ['suspended', '2024-06-01', '2024-09-01', false],
      ['unverified', '2024-09-01', '2025-01-01', false],
    ])
  })
  it('keeps one span through phased starts and continuations, and one track per measure', () => {
    const tracks = measureTracks(
      [
        ev('a', '2023-08-01', 'effective'),
        ev('a', '2023-12-01', 'phase_effective'),
        ev('a', '2024-12-01', 'continued'),
        ev('b', '2025-04-04', 'effective'),
      ],
      '2025-12-31'
    )
    expect(tracks.map((t) => t.measure_id)).toEqual(['a', 'b'])
    expect(tracks[0]?.spans).toEqual([
      { from: '2023-08-01', to: '2025-12-31', state: 'in_force', open: true },
    ])
  })
  it('draws nothing for a measure that has only been announced', () => {
    const [t] = measureTracks([ev('p', '2026-06-29', 'announced')], '2026-12-31')
    expect(t?.spans).toEqual([])
    expect(t?.markers).toHaveLength(1)
  })
})

describe('positionPct', () => {
  it('places dates linearly and clamps outside the range', () => {
    expect(positionPct('2025-01-01', '2024-01-01', '2026-01-01')).toBeCloseTo(50, 0)
    expect(positionPct('2020-01-01', '2024-01-01', '2026-01-01')).toBe(0)
    expect(positionPct('2030-01-01', '2024-01-01', '2026-01-01')).toBe(100)
  })
})
