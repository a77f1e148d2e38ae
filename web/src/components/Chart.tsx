/**
 * The one chart frame: a title, units and axis labels always shown; a PNG export that carries the title and
 * units; resizing with its box; `data-rendered` set once ECharts has drawn (for tests and the benchmark).
 */
import { useEffect, useRef, type ReactNode } from 'react'
import { downloadUrl, slug } from '../lib/csv'
import { CATEGORICAL } from '../lib/palette'
import { init, type EChartsCoreOption, type EChartsType } from './echarts'

export interface ChartProps {
  title: string
  /** What the values are measured in, shown under the title: `tonnes per month`. */
  units: string
  xLabel?: string
  yLabel?: string
  option: EChartsCoreOption
  height?: number
  /** A sentence for screen readers describing what the chart shows. */
  description?: string
  /** Sources, notes: shown under the chart. */
  footer?: ReactNode
  onClick?: (params: {
    name?: string
    seriesName?: string
    data?: unknown
    value?: unknown
  }) => void
}

type AxisOption = Record<string, unknown>

/** Performance mark set when the first chart of a page load has been drawn. */
export const CHART_MARK = 'chokepoint:first-chart'

function named(axis: unknown, name: string | undefined, vertical: boolean): unknown {
  if (!name || axis === undefined || Array.isArray(axis)) return axis
  return {
    name,
    nameLocation: 'middle',
    nameGap: vertical ? 56 : 30,
    nameTextStyle: { color: '#333', fontSize: 12 },
    ...(axis as AxisOption),
  }
}

/** The option with house defaults: palette, fonts, accessible description, axis names. */
export function withDefaults(props: ChartProps): EChartsCoreOption {
  const o = props.option as Record<string, unknown>
  return {
    color: CATEGORICAL,
    // No entry animation: figures appear at once (and nothing moves for readers who prefer less motion).
    animation: false,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
    aria: {
      enabled: true,
      ...(props.description ? { label: { description: props.description } } : {}),
    },
    grid: { left: 72, right: 24, top: 36, bottom: 48, containLabel: false },
    ...o,
    xAxis: named(o['xAxis'], props.xLabel, false),
    yAxis: named(o['yAxis'], props.yLabel, true),
  }
}

export async function exportPng(chart: EChartsType, title: string, units: string): Promise<void> {
  const ratio = 2
  const url = chart.getDataURL({ type: 'png', pixelRatio: ratio, backgroundColor: '#ffffff' })
  const img = new Image()
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve()
    img.onerror = () => reject(new Error('could not render the chart image'))
    img.src = url
  })
  const header = 56 * ratio
  const canvas = document.createElement('canvas')
  canvas.width = img.width
  canvas.height = img.height + header
  const g = canvas.getContext('2d')
  if (!g) return downloadUrl(`${slug(title)}.png`, url)
  g.fillStyle = '#ffffff'
  g.fillRect(0, 0, canvas.width, canvas.height)
  g.fillStyle = '#111111'
  g.font = `600 ${16 * ratio}px system-ui, sans-serif`
  g.fillText(title, 16 * ratio, 24 * ratio)
  g.fillStyle = '#555555'
  g.font = `${12 * ratio}px system-ui, sans-serif`
  g.fillText(`${units} · Chokepoint`, 16 * ratio, 44 * ratio)
  g.drawImage(img, 0, header)
  downloadUrl(`${slug(title)}.png`, canvas.toDataURL('image/png'))
}

export function Chart(props: ChartProps) {
  const box = useRef<HTMLDivElement>(null)
  const chart = useRef<EChartsType | null>(null)
  const click = useRef(props.onClick)
  click.current = props.onClick

  useEffect(() => {
    const el = box.current
    if (!el) return
    const c = init(el, undefined, { renderer: 'canvas' })
    chart.current = c
    c.on('finished', () => {
      el.dataset['rendered'] = 'true'
      // The first chart drawn on a page load, for the benchmark (time to a rendered chart).
      if (performance.getEntriesByName(CHART_MARK).length === 0) performance.mark(CHART_MARK)
    })
    c.on('click', (p) => click.current?.(p as Parameters<NonNullable<ChartProps['onClick']>>[0]))
    const ro = new ResizeObserver(() => c.resize())
    ro.observe(el)
    const beforePrint = (): void => c.resize()
    window.addEventListener('beforeprint', beforePrint)
    return () => {
      ro.disconnect()
      window.removeEventListener('beforeprint', beforePrint)
      c.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    chart.current?.setOption(withDefaults(props), { notMerge: true })
    // Re-draw when the option object changes; callers memoise it.
  }, [props.option, props.xLabel, props.yLabel, props.description])

  return (
    <figure className="chart">
      <div className="chart-head">
        <div>
          <h3 className="chart-title">{props.title}</h3>
          <div className="chart-units">{props.units}</div>
        </div>
        <button
          type="button"
          className="button-quiet no-print"
          onClick={() => chart.current && void exportPng(chart.current, props.title, props.units)}
        >
          Download PNG<span className="visually-hidden"> of {props.title}</span>
        </button>
      </div>
      <div
        ref={box}
        className="chart-canvas"
        style={{ height: props.height ?? 320 }}
        role="img"
        aria-label={`${props.title} (${props.units})${props.description ? `. ${props.description}` : ''}`}
      />
      {props.footer ? <figcaption className="chart-footer">{props.footer}</figcaption> : null}
    </figure>
  )
}
