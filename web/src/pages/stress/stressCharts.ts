/** Stress-test charts as data: inventory fan, stockout-probability curve, tornado of sensitivities. Pure. */
import type { SimulationResult } from '../../api/endpoints'
import { formatNumber } from '../../lib/format'
import { OKABE_ITO } from '../../lib/palette'

type DayStat = SimulationResult['by_day'][number]

/** p10–p90 band of inventory (a stacked pair: p10, then p90 − p10) with the median on top. */
export function fanOption(days: readonly DayStat[]): Record<string, unknown> {
  const band = (d: DayStat): number | null =>
    d.inventory_t.p90 !== null && d.inventory_t.p10 !== null
      ? d.inventory_t.p90 - d.inventory_t.p10
      : null
  return {
    legend: { top: 0, left: 0, data: ['p10–p90 of runs', 'Median (p50)'] },
    grid: { left: 72, right: 24, top: 40, bottom: 56 },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: { dataIndex: number }[]) => {
        const d = days[ps[0]?.dataIndex ?? -1]
        if (!d) return ''
        const q = d.inventory_t
        return `Day ${d.day} (${d.date})<br/>Inventory p10 ${formatNumber(q.p10)} t · p50 ${formatNumber(q.p50)} t · p90 ${formatNumber(q.p90)} t`
      },
    },
    xAxis: { type: 'category', data: days.map((d) => d.date), boundaryGap: false },
    yAxis: { type: 'value' },
    series: [
      {
        name: 'p10',
        type: 'line',
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        data: days.map((d) => d.inventory_t.p10),
      },
      {
        name: 'p10–p90 of runs',
        type: 'line',
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color: OKABE_ITO.sky, opacity: 0.4 },
        itemStyle: { color: OKABE_ITO.sky },
        data: days.map(band),
      },
      {
        name: 'Median (p50)',
        type: 'line',
        symbol: 'none',
        lineStyle: { width: 2, color: OKABE_ITO.blue },
        itemStyle: { color: OKABE_ITO.blue },
        data: days.map((d) => d.inventory_t.p50),
      },
    ],
  }
}

export function stockoutOption(days: readonly DayStat[]): Record<string, unknown> {
  return {
    grid: { left: 72, right: 24, top: 24, bottom: 56 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${(v * 100).toFixed(1)}%` },
    xAxis: { type: 'category', data: days.map((d) => d.date), boundaryGap: false },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
    },
    series: [
      {
        name: 'Share of runs short that day',
        type: 'line',
        symbol: 'none',
        lineStyle: { width: 2, color: OKABE_ITO.vermillion },
        itemStyle: { color: OKABE_ITO.vermillion },
        areaStyle: { color: OKABE_ITO.vermillion, opacity: 0.12 },
        data: days.map((d) => d.p_stockout),
      },
    ],
  }
}

/** Parameter names shortened for the axis: `disruptions.licensing.delay_working_days` → `licensing: delay working days`. */
export function parameterLabel(p: string): string {
  const parts = p.split('.')
  const field = (parts.pop() ?? p).replace(/_/g, ' ')
  const owner = parts.length > 1 ? parts[parts.length - 1] : parts[0]
  return owner ? `${owner}: ${field}` : field
}

/**
 * Tornado: per parameter, the mean unmet demand with the input at its low and at its high end, drawn as bars
 * from the base-case mean (so each bar's length is the change), largest swing on top.
 */
export function tornadoOption(
  rows: SimulationResult['sensitivity'],
  base: number
): Record<string, unknown> {
  const sorted = [...rows].sort((a, b) => a.swing_t - b.swing_t)
  const values = [
    base,
    ...sorted.flatMap((r) => [r.unmet_demand_t_mean.low, r.unmet_demand_t_mean.high]),
  ]
  const axis = niceAxis(Math.min(...values), Math.max(...values))
  return {
    legend: { top: 0, left: 0 },
    grid: { left: 240, right: 32, top: 36, bottom: 56 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number }[]) => {
        const r = sorted[ps[0]?.dataIndex ?? -1]
        if (!r) return ''
        return `${r.parameter}<br/>low input ${formatNumber(r.low_input)} → ${formatNumber(r.unmet_demand_t_mean.low)} t unmet<br/>high input ${formatNumber(r.high_input)} → ${formatNumber(r.unmet_demand_t_mean.high)} t unmet<br/>swing ${formatNumber(r.swing_t)} t`
      },
    },
    // Bars are offsets from the base; the axis is shifted so its ticks read as round absolute tonnes.
    xAxis: {
      type: 'value',
      min: axis.min - base,
      max: axis.max - base,
      interval: axis.step,
      axisLabel: {
        formatter: (v: number) => formatNumber(Math.round((base + v) / axis.step) * axis.step),
      },
    },
    yAxis: {
      type: 'category',
      data: sorted.map((r) => parameterLabel(r.parameter)),
      axisLabel: { width: 220, overflow: 'truncate' },
    },
    series: [
      {
        name: 'Input at its low end',
        type: 'bar',
        barGap: '-100%',
        itemStyle: { color: OKABE_ITO.blue },
        data: sorted.map((r) => r.unmet_demand_t_mean.low - base),
      },
      {
        name: 'Input at its high end',
        type: 'bar',
        itemStyle: { color: OKABE_ITO.orange, opacity: 0.85 },
        data: sorted.map((r) => r.unmet_demand_t_mean.high - base),
      },
    ],
  }
}

/** Round axis bounds and a 1-2-5 step with about five intervals covering [lo, hi]. */
export function niceAxis(lo: number, hi: number): { min: number; max: number; step: number } {
  const span = hi - lo || Math.abs(hi) || 1
  const raw = span / 5
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag
  return { min: Math.floor(lo / step) * step, max: Math.ceil(hi / step) * step, step }
}
