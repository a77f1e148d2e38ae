/** One partner over time: reported tonnes against the detector's expected tonnes, flagged months marked. */
import { useMemo } from 'react'
import type { SeriesPoint, ThrottlingRow } from '../../api/endpoints'
import { useGet } from '../../api/useApi'
import { Chart } from '../../components/Chart'
import { DataTable } from '../../components/DataTable'
import { Link } from '../../components/Link'
import { ErrorState, Loading } from '../../components/States'
import { countryName } from '../../lib/countries'
import { formatMonth, formatTonnes } from '../../lib/format'
import { productLabel } from '../../lib/products'
import { monthRange } from '../../lib/months'
import { OKABE_ITO } from '../../lib/palette'
import { href } from '../../lib/router'
import { throttlingColumns } from '../overview/ThrottlingFlags'

export function drilldownOption(
  series: readonly SeriesPoint[],
  history: readonly ThrottlingRow[],
  month: string
): Record<string, unknown> {
  const periods = [...series.map((p) => p.period), ...history.map((h) => h.month)].sort()
  const months = periods.length ? monthRange(periods[0]!, periods[periods.length - 1]!) : []
  const actual = new Map(series.map((p) => [p.period, p.quantity_t]))
  const expected = new Map(history.map((h) => [h.month, h.expected_t]))
  const flagged = new Set(history.filter((h) => h.targeted).map((h) => h.month))
  return {
    legend: { top: 0, left: 0 },
    grid: { left: 72, right: 24, top: 40, bottom: 56 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => formatTonnes(v) },
    xAxis: {
      type: 'category',
      data: months,
      axisLabel: { formatter: (m: string) => formatMonth(m).replace(' ', '\n') },
    },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => v.toLocaleString('en-US') } },
    series: [
      {
        name: 'Reported',
        type: 'line',
        data: months.map((m) => actual.get(m) ?? null),
        connectNulls: false,
        symbolSize: 7,
        lineStyle: { width: 3 },
        markLine: months.includes(month)
          ? {
              symbol: ['none', 'none'],
              silent: true,
              lineStyle: { color: OKABE_ITO.black, type: 'dotted' },
              label: { formatter: 'selected month', position: 'insideEndTop' },
              data: [{ xAxis: month }],
            }
          : undefined,
      },
      {
        name: 'Expected (moved with the world)',
        type: 'line',
        data: months.map((m) => expected.get(m) ?? null),
        connectNulls: false,
        symbol: 'rect',
        symbolSize: 6,
        lineStyle: { type: 'dashed' },
      },
      {
        name: 'Flagged as targeted',
        type: 'scatter',
        symbol: 'triangle',
        symbolRotate: 180,
        symbolSize: 14,
        itemStyle: { color: OKABE_ITO.vermillion },
        data: months.map((m) => (flagged.has(m) ? (actual.get(m) ?? null) : null)),
      },
    ],
  }
}

export function Drilldown({
  product,
  partner,
  month,
}: {
  product: string
  partner: string
  month: string
}) {
  const series = useGet('/api/trade/series', { query: { product, partner } })
  const history = useGet('/api/trade/throttling', { query: { product, partner } })
  const historyRows = useMemo(() => (history.status === 'ok' ? history.data : []), [history])
  const option = useMemo(
    () => (series.status === 'ok' ? drilldownOption(series.data, historyRows, month) : null),
    [series, historyRows, month]
  )
  if (series.status === 'loading') return <Loading what={`the ${countryName(partner)} series`} />
  if (series.status === 'error')
    return <ErrorState error={series.error} what={`the ${countryName(partner)} series`} />
  const columns = throttlingColumns(product)
  return (
    <div className="stack" data-testid="drilldown">
      <Chart
        title={`${productLabel(product)} to ${countryName(partner)}: reported vs expected`}
        units="tonnes per month"
        xLabel="Month"
        yLabel="Exports (t)"
        option={option ?? {}}
        description={`Reported monthly exports to ${countryName(partner)} and the tonnes expected had it kept its baseline share of the world total.`}
        footer={
          <>
            Expected = the partner’s baseline share × the world total that month (the throttling
            detector’s baseline).{' '}
            <Link href={`${href('/data', { product, partner })}#h-trade-sources`}>
              All {countryName(partner)} source rows
            </Link>
          </>
        }
      />
      {history.status === 'error' ? (
        <ErrorState error={history.error} what="the throttling history" />
      ) : history.status === 'ok' ? (
        <DataTable
          caption={`Throttling history: ${productLabel(product)} to ${countryName(partner)}`}
          columns={[
            { key: 'month', label: 'Month', value: (r) => r.month },
            ...columns.filter((c) => c.key !== 'partner'),
          ]}
          rows={history.data}
          rowKey={(r) => r.month}
          rowClass={(r) => (r.targeted ? 'row-flag' : undefined)}
          initialSort={{ key: 'month', direction: 'desc' }}
          fold={12}
        />
      ) : null}
    </div>
  )
}
