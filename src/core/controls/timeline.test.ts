import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseOverlay, parseRulebook } from '../../ingest/rulebookJson'
import { compileRulebook } from './compile'
import { diffRulebooks } from './diff'
import { contentHash } from './hash'
import { staleFindings } from './staleness'
import { measureState, ruleDetail, ruleSummaries, rulesTimeline } from './timeline'

const m = parseRulebook(readFileSync('data/controls_measures.json', 'utf8'), 'm')
const o = parseOverlay(readFileSync('data/controls_operative.json', 'utf8'), 'o')
if (!m.ok || !o.ok) throw new Error('shipped rulebook does not parse')
const measures = m.value.map((x) => x.value)
const rb = compileRulebook(
  measures,
  o.value.map((x) => x.value)
)
const state = (id: string, asOf: string) => {
  const cm = rb.byId.get(id)
  if (!cm) throw new Error(id)
  return measureState(cm, asOf).state
}

describe('measure states by date', () => {
  it('No. 61: not yet, in force, suspended by No. 70, in force again but unverified', () => {
    expect(state('cn-mofcom-2025-61', '2025-10-08')).toBe('not_yet_in_force')
    expect(state('cn-mofcom-2025-61', '2025-10-09')).toBe('in_force')
    expect(state('cn-mofcom-2025-61', '2025-11-07')).toBe('suspended')
    expect(state('cn-mofcom-2025-61', '2026-11-10')).toBe('suspended')
    expect(state('cn-mofcom-2025-61', '2026-11-11')).toBe('in_force_unverified')
  })

  it('No. 46 clause 2 lapses on 2026-11-28; clause 1 was never suspended', () => {
    expect(state('cn-mofcom-2024-46-art2', '2026-11-27')).toBe('suspended')
    expect(state('cn-mofcom-2024-46-art2', '2026-11-28')).toBe('in_force_unverified')
    expect(state('cn-mofcom-2024-46-art1', '2026-11-28')).toBe('in_force')
  })

  it('superseded listings continue under the consolidated list; proposals are not operative', () => {
    const s = ruleSummaries(rb, '2026-11-28')
    expect(s.find((r) => r.id === 'cn-mofcom-gac-2023-23')).toMatchObject({
      state: 'in_force',
      state_note: expect.stringContaining('continued under'),
    })
    expect(s.find((r) => r.id === 'eu-2025-resourceeu')?.state).toBe('not_operative')
    expect(s.find((r) => r.id === 'cn-mofcom-re-export-quota-2010-2014')?.state).toBe('ended')
    expect(s).toHaveLength(41)
  })

  it('shows one measure with its rules, suspensions and notes', () => {
    const d = ruleDetail(rb, 'cn-mofcom-2025-61', '2026-11-28')
    expect(d?.state).toBe('in_force_unverified')
    expect(d?.suspensions[0]).toMatchObject({ from: '2025-11-07', until: '2026-11-10' })
    expect(d?.suspensions[0]?.by.map((b) => b.measure_id)).toContain('cn-mofcom-gac-2025-70')
    expect(d?.rules.find((r) => r.id === 'de_minimis')?.from).toBe('2025-12-01')
    expect(ruleDetail(rb, 'nope', '2026-11-28')).toBeNull()
  })
})

describe('timeline', () => {
  it('orders dated events and marks phased starts and lapses (element Dy, jurisdiction CN)', () => {
    const events = rulesTimeline(rb, { element: 'Dy', jurisdiction: 'CN', asOf: '2026-11-28' })
    const dates = events.map((e) => e.date)
    expect([...dates].sort()).toEqual(dates)
    const of61 = events
      .filter((e) => e.measure_id === 'cn-mofcom-2025-61')
      .map((e) => `${e.date} ${e.event}`)
    expect(of61).toEqual([
      '2025-10-09 announced',
      '2025-10-09 effective',
      '2025-11-07 suspended',
      '2025-12-01 phase_effective',
      '2026-11-10 suspension_ends',
      '2026-11-11 lapsed_unverified',
    ])
    expect(
      events.some((e) => e.measure_id === 'cn-mofcom-gac-2025-18' && e.event === 'effective')
    ).toBe(true)
    // Gallium-only and non-Chinese measures are filtered out.
    expect(events.some((e) => e.measure_id === 'cn-mofcom-gac-2023-23')).toBe(false)
    expect(events.some((e) => e.jurisdiction !== 'CN')).toBe(false)
  })

  it('does not mark a lapse before the suspension ends', () => {
    const events = rulesTimeline(rb, { asOf: '2026-06-01' })
    expect(events.some((e) => e.event === 'lapsed_unverified')).toBe(false)
  })
})

describe('staleness', () => {
  it('as of 2026-11-28: lapsed suspensions, the low-confidence Japan report, old sources, partial lists', () => {
    const f = staleFindings(rb, '2026-11-28')
    const ids = (reason: string) => f.filter((x) => x.reason === reason).map((x) => x.measure_id)
    expect(ids('lapsed_suspension').sort()).toEqual(
      [
        'cn-mofcom-2024-46-art2',
        'cn-mofcom-2025-61',
        'cn-mofcom-2025-62',
        'cn-mofcom-gac-2025-55',
        'cn-mofcom-gac-2025-56',
        'cn-mofcom-gac-2025-57',
        'cn-mofcom-gac-2025-58',
      ].sort()
    )
    expect(ids('low_confidence')).toEqual(['cn-2026-japan-re-licence-review'])
    expect(ids('old_sources')).toContain('cn-mofcom-gac-2023-23')
    expect(ids('old_sources')).toContain('cn-mofcom-gac-2025-18') // newest dated source 2025-04-05
    expect(ids('old_sources')).not.toContain('cn-mofcom-2026-1') // 2026-01-08
    expect(ids('partial_entity_list')).toContain('cn-mofcom-2026-11')
    expect(ids('unmatchable_item')).toContain('cn-mofcom-gac-2024-33')
  })

  it('before 2026-11-11 no suspension has lapsed', () => {
    expect(staleFindings(rb, '2026-11-10').filter((x) => x.reason === 'lapsed_suspension')).toEqual(
      []
    )
  })
})

describe('versions and diff', () => {
  it('the version is the newest dated fact plus a content hash; content changes change it', () => {
    expect(rb.version).toMatch(/^2026-07-02\.[0-9a-f]{12}$/)
    const edited = measures.map((x) =>
      x.id === 'cn-mofcom-gac-2025-18' ? { ...x, confidence: 'medium' as const } : x
    )
    expect(compileRulebook(edited).hash).not.toBe(compileRulebook(measures).hash)
    expect(contentHash({ a: 1, b: [1, 2] })).toBe(contentHash({ b: [1, 2], a: 1 }))
  })

  it('lists added, removed and changed measures with the changed fields', () => {
    const rec = (list: typeof measures) =>
      list.map((x) => ({ id: x.id, title: x.title, fields: x }))
    const older = measures.filter((x) => x.id !== 'cn-mofcom-2026-1')
    const newer = measures
      .filter((x) => x.id !== 'cn-mofcom-gac-2023-23')
      .map((x) => (x.id === 'cn-mofcom-2025-61' ? { ...x, suspended_until: '2027-11-10' } : x))
    const d = diffRulebooks(rec(older), rec(newer), { old: 'a', new: 'b' })
    expect(d.added.map((a) => a.id)).toEqual(['cn-mofcom-2026-1'])
    expect(d.removed.map((a) => a.id)).toEqual(['cn-mofcom-gac-2023-23'])
    expect(d.changed).toEqual([
      {
        id: 'cn-mofcom-2025-61',
        fields: [{ field: 'suspended_until', old: '2026-11-10', new: '2027-11-10' }],
      },
    ])
  })
})

describe('compile notes', () => {
  it('the shipped overlay cross-checks cleanly (no errors or warnings, only unmatchable items)', () => {
    expect(rb.notes.filter((n) => n.severity !== 'info')).toEqual([])
  })

  it('a Chinese measure without operative conditions is derived from its general fields and noted', () => {
    const bare = compileRulebook(measures.filter((x) => x.id === 'cn-mofcom-gac-2025-18'))
    expect(bare.notes[0]).toMatchObject({
      severity: 'warning',
      measure_id: 'cn-mofcom-gac-2025-18',
    })
    expect(bare.measures[0]?.derived).toBe(true)
    expect(bare.rules).toHaveLength(1)
  })
})
