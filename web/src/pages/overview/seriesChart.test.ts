import { describe, expect, it } from 'vitest'
import type { SeriesPoint } from '../../api/endpoints'
import type { EventRow, TimelineEvent } from '../../api/types'
import {
  axisMonths,
  eventsByMonth,
  measureDatesFromEvents,
  measureDatesFromTimeline,
  overviewOption,
  tooltipHtml,
} from './seriesChart'

function point(period: string, quantity_t: number | null, yoy: number | null = null): SeriesPoint {
  return {
    period,
    product: 'magnets',
    partner: 'WLD',
    quantity_t,
    derived: false,
    sources: quantity_t === null ? 0 : 1,
    value_usd: null,
    mom: null,
    yoy,
    rolling_12m_t: null,
    share_of_world: null,
    disagreement: false,
    missing: quantity_t === null,
  }
}
function event(date: string, kind: string, summary: string): EventRow {
  return {
    date,
    actor: 'MOFCOM',
    kind,
    summary,
    related_measure_id: null,
    source_url: 'https://example.org/e',
  }
}

function rule(
  date: string,
  jurisdiction: string,
  ev: TimelineEvent['event'],
  instrument: string
): TimelineEvent {
  return {
    date,
    measure_id: instrument,
    jurisdiction,
    instrument,
    event: ev,
    detail: '',
    confidence: 'high',
  }
}

const magnets = {
  label: 'Magnets',
  points: [point('2025-04', 2628), point('2025-05', 1238, -0.74), point('2025-06', null)],
}
const rareEarths = {
  label: 'Rare earths',
  points: [point('2025-02', 4000), point('2025-03', 5000)],
}

describe('overview chart', () => {
  it('spans every month of all series without skipping any', () => {
    expect(axisMonths([magnets, rareEarths])).toEqual([
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
    ])
  })
  it('keeps missing months as gaps (null), never zero', () => {
    const o = overviewOption([magnets, rareEarths], [], []) as {
      series: { name: string; data: unknown[] }[]
    }
    expect(o.series[0]?.data).toEqual([null, null, 2628, 1238, null])
    expect(o.series[1]?.data).toEqual([4000, 5000, null, null, null])
  })
  it('groups events by month within the axis and draws measure months as lines', () => {
    const events = [
      event('2025-04-04', 'measure_announced', 'Announcement No. 18'),
      event('2025-04', 'market', 'Month-only event'),
      event('2025-05-14', 'de_escalation', 'Geneva'),
      event('2010-09-07', 'political', 'Out of range'),
      event('2025', 'policy', 'Year only: no month to place it'),
    ]
    const grouped = eventsByMonth(events, axisMonths([magnets, rareEarths]))
    expect(grouped.map((g) => [g.month, g.events.length])).toEqual([
      ['2025-04', 2],
      ['2025-05', 1],
    ])
    const o = overviewOption([magnets, rareEarths], events, measureDatesFromEvents(events)) as {
      series: { name: string; data: unknown[]; markLine?: { data: { xAxis: string }[] } }[]
    }
    expect(o.series[0]?.markLine?.data).toEqual([{ xAxis: '2025-04' }])
    expect(o.series.at(-1)?.data).toEqual([
      ['2025-04', 0.97, 2],
      ['2025-05', 0.97, 1],
    ])
  })
  it('takes measure dates from the rulebook: China’s controls changing state, within the axis', () => {
    const timeline = [
      rule('2025-04-04', 'CN', 'effective', 'No. 18'),
      rule('2025-05-01', 'CN', 'announced', 'announced only: not a change of state'),
      rule('2025-06-17', 'G7', 'effective', 'not a Chinese control'),
      rule('2025-02-10', 'CN', 'suspended', 'No. 46 clause 2'),
      rule('2026-11-10', 'CN', 'suspension_ends', 'outside the axis'),
    ]
    const measures = measureDatesFromTimeline(timeline)
    expect(measures.map((m) => m.date)).toEqual(['2025-04-04', '2025-02-10', '2026-11-10'])
    const o = overviewOption([magnets, rareEarths], [], measures) as {
      series: { markLine?: { data: { xAxis: string }[] } }[]
    }
    expect(o.series[0]?.markLine?.data).toEqual([{ xAxis: '2025-02' }, { xAxis: '2025-04' }])
    expect(tooltipHtml('2025-04', [magnets], [], measures)).toContain('No. 18: effective')
  })
  it('writes a tooltip with each figure, "not reported" for gaps, and escaped event text', () => {
    const events = eventsByMonth(
      [event('2025-05-14', 'de_escalation', 'Talks <Geneva> & pause')],
      ['2025-05']
    )
    const html = tooltipHtml('2025-05', [magnets, rareEarths], events)
    expect(html).toContain('May 2025')
    expect(html).toContain('Magnets: 1,238 t (\u221274.0% YoY)')
    expect(html).toContain('Rare earths: not reported')
    expect(html).toContain('Talks &#60;Geneva&#62; &#38; pause')
  })
})
