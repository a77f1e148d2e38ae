/**
 * The Overview chart as data: world series of several products on one month axis, with events and measure dates
 * marked. Pure (no DOM), so it is unit-tested; the Chart component draws it.
 */
import type { SeriesPoint } from '../../api/endpoints'
import type { EventRow, TimelineEvent } from '../../api/types'
import { formatChange, formatMonth, formatTonnes } from '../../lib/format'
import { monthOf, monthRange } from '../../lib/months'
import { OKABE_ITO } from '../../lib/palette'

export interface ProductSeries {
  label: string
  points: readonly SeriesPoint[]
}

/** Event kinds drawn as measure lines (a control announced, taking effect, suspended or ending). */
export const MEASURE_KINDS = new Set(['measure_announced', 'scheduled_expiry', 'trade_restriction'])

/** A dated change of a measure, drawn as a line on the month axis. */
export interface MeasureDate {
  date: string
  text: string
}

const RULE_CHANGES = new Set<TimelineEvent['event']>([
  'effective',
  'phase_effective',
  'suspended',
  'suspension_ends',
  'lapsed_unverified',
  'ended',
])

/** China's export controls taking effect, suspended, back or ended, from the rulebook timeline. */
export function measureDatesFromTimeline(events: readonly TimelineEvent[]): MeasureDate[] {
  return events
    .filter((e) => e.jurisdiction === 'CN' && RULE_CHANGES.has(e.event))
    .map((e) => ({ date: e.date, text: `${e.instrument}: ${e.event.replace(/_/g, ' ')}` }))
}

/** Without a rulebook on the server: measures announced, restrictions and scheduled ends from the events file. */
export function measureDatesFromEvents(events: readonly EventRow[]): MeasureDate[] {
  return events
    .filter((e) => MEASURE_KINDS.has(e.kind))
    .map((e) => ({ date: e.date, text: e.summary }))
}

export interface MonthEvents {
  month: string
  events: EventRow[]
}

/** The union of the series' months, first to last, with no month skipped. */
export function axisMonths(series: readonly ProductSeries[]): string[] {
  const periods = series.flatMap((s) => s.points.map((p) => p.period)).sort()
  const first = periods[0]
  const last = periods[periods.length - 1]
  return first && last ? monthRange(first, last) : []
}

/** Events grouped by month, within the axis months, in date order. */
export function eventsByMonth(
  events: readonly EventRow[],
  months: readonly string[]
): MonthEvents[] {
  const inRange = new Set(months)
  const groups = new Map<string, EventRow[]>()
  for (const e of [...events].sort((a, b) => a.date.localeCompare(b.date))) {
    const m = monthOf(e.date)
    if (!m || !inRange.has(m)) continue
    const list = groups.get(m)
    if (list) list.push(e)
    else groups.set(m, [e])
  }
  return [...groups].map(([month, evs]) => ({ month, events: evs }))
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Tooltip text for one month: each series' figure (or "not reported") and the month's events. */
export function tooltipHtml(
  month: string,
  series: readonly ProductSeries[],
  events: readonly MonthEvents[],
  measures: readonly MeasureDate[] = []
): string {
  const lines = [`<strong>${formatMonth(month)}</strong>`]
  for (const s of series) {
    const p = s.points.find((x) => x.period === month)
    const v =
      !p || p.quantity_t === null
        ? 'not reported'
        : `${formatTonnes(p.quantity_t)}${p.yoy !== null ? ` (${formatChange(p.yoy)} YoY)` : ''}${p.derived ? ' derived' : ''}`
    lines.push(`${escapeHtml(s.label)}: ${v}`)
  }
  for (const m of measures.filter((x) => monthOf(x.date) === month).slice(0, 6))
    lines.push(
      `<span style="color:#a94400">${escapeHtml(m.date)} · ${escapeHtml(truncate(m.text, 90))}</span>`
    )
  const evs = events.find((e) => e.month === month)?.events ?? []
  for (const e of evs.slice(0, 6))
    lines.push(
      `<span style="color:#555">${escapeHtml(e.date)} · ${escapeHtml(truncate(e.summary, 90))}</span>`
    )
  if (evs.length > 6) lines.push(`… ${evs.length - 6} more events`)
  return lines.join('<br/>')
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s
}

/** The ECharts option: one line per product, a marker row for events, dashed lines at measure dates. */
export function overviewOption(
  series: readonly ProductSeries[],
  events: readonly EventRow[],
  measures: readonly MeasureDate[]
): Record<string, unknown> {
  const months = axisMonths(series)
  const grouped = eventsByMonth(events, months)
  const inAxis = new Set(months)
  const measureMonths = [
    ...new Set(
      measures.map((m) => monthOf(m.date)).filter((m): m is string => m !== null && inAxis.has(m))
    ),
  ].sort()
  const lines = series.map((s, k) => {
    const byMonth = new Map(s.points.map((p) => [p.period, p.quantity_t]))
    return {
      name: s.label,
      type: 'line',
      data: months.map((m) => byMonth.get(m) ?? null),
      connectNulls: false,
      showSymbol: true,
      symbolSize: 6,
      lineStyle: { width: k === 0 ? 3 : 2 },
      ...(k === 0
        ? {
            markLine: {
              symbol: ['none', 'none'],
              silent: true,
              lineStyle: { type: 'dashed', color: OKABE_ITO.vermillion, width: 1 },
              label: { show: false },
              data: measureMonths.map((m) => ({ xAxis: m })),
            },
          }
        : {}),
    }
  })
  return {
    legend: { top: 0, left: 0 },
    grid: { left: 72, right: 24, top: 40, bottom: 56 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (params: { dataIndex: number }[]) => {
        const i = params[0]?.dataIndex
        const m = i === undefined ? undefined : months[i]
        return m ? tooltipHtml(m, series, grouped, measures) : ''
      },
    },
    xAxis: {
      type: 'category',
      data: months,
      boundaryGap: false,
      axisLabel: { formatter: (m: string) => formatMonth(m).replace(' ', '\n') },
    },
    yAxis: [
      { type: 'value', axisLabel: { formatter: (v: number) => v.toLocaleString('en-US') } },
      { type: 'value', show: false, min: 0, max: 1 },
    ],
    series: [
      ...lines,
      {
        name: 'Events',
        type: 'scatter',
        yAxisIndex: 1,
        symbol: 'diamond',
        symbolSize: (v: [string, number, number]) => 7 + Math.min(6, v[2] * 2),
        itemStyle: { color: OKABE_ITO.black },
        data: grouped.map((g) => [g.month, 0.97, g.events.length]),
      },
    ],
  }
}
