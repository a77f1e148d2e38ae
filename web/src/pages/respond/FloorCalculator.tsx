/**
 * Price-floor calculator: what a floor on a product costs the payer over its term, as a distribution from the
 * server's simulated price paths. Defaults are the US DoD–MP Materials NdPr floor (data/price_floors.csv) on
 * Mountain Pass's NdPr oxide run-rate (data/projects_ex_china.csv).
 */
import { useMemo, useState } from 'react'
import { useGet } from '../../api/useApi'
import { Chart } from '../../components/Chart'
import { DataTable } from '../../components/DataTable'
import { Slider } from '../../components/Slider'
import { ErrorState, Loading } from '../../components/States'
import { formatShare, formatUsd } from '../../lib/format'
import { OKABE_ITO } from '../../lib/palette'
import { useDebounced } from '../../lib/useDebounced'
import type { FloorResult } from '../../api/types'

/** USD 110/kg for 10 years with 30% of the upside returned: US-DOD-MP-NDPR in data/price_floors.csv. */
const DOD_MP = { floor: 110, years: 10, upside: 0.3 }
/** 4,000 t/yr NdPr oxide: Mountain Pass exit run-rate, Dec 2025 (data/projects_ex_china.csv). */
const MOUNTAIN_PASS_T = 4000
/** Simulated paths per request: enough for stable quantiles, quick enough for a slider. */
const PATHS = 5000

export function floorOption(r: FloorResult): Record<string, unknown> {
  const years = r.by_year.map((y) => `Y${y.year} (${y.from.slice(0, 4)})`)
  const m = (v: number) => v / 1e6
  return {
    legend: { top: 0, left: 0, data: ['p10–p90 range', 'Median (p50)', 'Expected'] },
    grid: { left: 72, right: 24, top: 40, bottom: 56 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number) =>
        `USD ${v.toLocaleString('en-US', { maximumFractionDigits: 1 })}m`,
    },
    xAxis: { type: 'category', data: years, boundaryGap: false },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${v}` } },
    series: [
      {
        name: 'p10',
        type: 'line',
        stack: 'band',
        data: r.by_year.map((y) => m(y.p10)),
        lineStyle: { opacity: 0 },
        symbol: 'none',
        tooltip: { show: false },
      },
      {
        name: 'p10–p90 range',
        type: 'line',
        stack: 'band',
        data: r.by_year.map((y) => m(y.p90 - y.p10)),
        lineStyle: { opacity: 0 },
        symbol: 'none',
        areaStyle: { color: OKABE_ITO.sky, opacity: 0.35 },
        itemStyle: { color: OKABE_ITO.sky },
      },
      {
        name: 'Median (p50)',
        type: 'line',
        data: r.by_year.map((y) => m(y.p50)),
        lineStyle: { width: 2, color: OKABE_ITO.blue },
        itemStyle: { color: OKABE_ITO.blue },
      },
      {
        name: 'Expected',
        type: 'line',
        data: r.by_year.map((y) => m(y.expected_cost_usd)),
        lineStyle: { type: 'dashed', color: OKABE_ITO.vermillion },
        itemStyle: { color: OKABE_ITO.vermillion },
      },
    ],
  }
}

export function FloorCalculator() {
  const [floor, setFloor] = useState(DOD_MP.floor)
  const [years, setYears] = useState(DOD_MP.years)
  const [volume, setVolume] = useState(MOUNTAIN_PASS_T)
  const [upside, setUpside] = useState(DOD_MP.upside)
  const q = useDebounced({ floor, years, volume, upside }, 350)
  const s = useGet('/api/floor', {
    query: {
      product: 'NdPr',
      floor: q.floor,
      years: q.years,
      volume_t: q.volume,
      upside_share: q.upside,
      paths: PATHS,
      seed: 1,
    },
  })
  const option = useMemo(() => (s.status === 'ok' ? floorOption(s.data) : null), [s])
  return (
    <div className="stack" data-testid="floor-calculator">
      <div className="fields" role="group" aria-label="Floor terms">
        <Slider
          label="Floor"
          unit="USD/kg"
          min={20}
          max={300}
          step={5}
          value={floor}
          onChange={setFloor}
        />
        <Slider
          label="Term"
          unit={years === 1 ? 'year' : 'years'}
          min={1}
          max={30}
          step={1}
          value={years}
          onChange={setYears}
        />
        <Slider
          label="Volume"
          unit="t/yr"
          min={100}
          max={20000}
          step={100}
          value={volume}
          onChange={setVolume}
        />
        <Slider
          label="Upside returned"
          unit=""
          min={0}
          max={1}
          step={0.05}
          value={upside}
          onChange={setUpside}
          format={(v) => formatShare(v)}
        />
      </div>
      <p className="note">
        Start: the DoD–MP Materials terms (USD 110/kg for 10 years, 30% of the upside above the
        floor returned; <code>data/price_floors.csv</code>) on Mountain Pass’s NdPr oxide run-rate
        of 4,000 t/yr (Dec 2025, <code>data/projects_ex_china.csv</code>). NdPr oxide, China
        domestic price; {PATHS.toLocaleString('en-US')} simulated paths, seed 1.
      </p>
      {s.status === 'loading' ? (
        <Loading what="the floor valuation" />
      ) : s.status === 'error' ? (
        <ErrorState error={s.error} what="the floor valuation" />
      ) : (
        <>
          <div className="kpis">
            <section className="kpi" aria-label="Expected cost">
              <div className="kpi-label">Expected cost over {s.data.years} years</div>
              <div className="kpi-value" data-testid="floor-expected">
                {formatUsd(s.data.expected_cost_usd)}
              </div>
              <div className="kpi-meta muted">
                p10 {formatUsd(s.data.total_cost_p10)} · p50 {formatUsd(s.data.total_cost_p50)} ·
                p90 {formatUsd(s.data.total_cost_p90)}
              </div>
            </section>
            <section className="kpi" aria-label="Probability the floor binds">
              <div className="kpi-label">Months with the price below the floor</div>
              <div className="kpi-value">{formatShare(s.data.p_binding)}</div>
              <div className="kpi-meta muted">of simulated months, from {s.data.start}</div>
            </section>
            <section className="kpi" aria-label="First quarter">
              <div className="kpi-label">First quarter’s expected cost</div>
              <div className="kpi-value">{formatUsd(s.data.first_quarter.expected_cost_usd)}</div>
              <div className="kpi-meta muted">
                p10 {formatUsd(s.data.first_quarter.p10)} · p90{' '}
                {formatUsd(s.data.first_quarter.p90)}
              </div>
            </section>
          </div>
          {option ? (
            <Chart
              title={`Annual cost of a USD ${s.data.floor_usd_per_kg}/kg ${s.data.product} floor on ${s.data.volume_t_per_year.toLocaleString('en-US')} t/yr`}
              units="million USD per year (p10–p90 band, median, expected)"
              xLabel="Year of the floor"
              yLabel="Cost (USD m)"
              option={option}
              description="Distribution of the payer's annual cost by year: the band spans the 10th to 90th percentile of simulated paths."
              footer={
                <>
                  Price model: {s.data.model.process}; fitted to{' '}
                  {s.data.model.diagnostics?.observations ?? '?'} price points (
                  {s.data.model.diagnostics?.from} to {s.data.model.diagnostics?.to}), last{' '}
                  {s.data.model.last_observation?.usd_per_kg} USD/kg on{' '}
                  {s.data.model.last_observation?.date}. Prices and sources:{' '}
                  <code>data/prices.csv</code>.
                </>
              }
            />
          ) : null}
          <DataTable
            caption="Annual cost of the floor by year"
            columns={[
              { key: 'year', label: 'Year', value: (y) => y.year },
              { key: 'from', label: 'From', value: (y) => y.from },
              {
                key: 'exp',
                label: 'Expected',
                unit: 'USD',
                numeric: true,
                value: (y) => y.expected_cost_usd,
                render: (y) => formatUsd(y.expected_cost_usd),
              },
              {
                key: 'p10',
                label: 'p10',
                unit: 'USD',
                numeric: true,
                value: (y) => y.p10,
                render: (y) => formatUsd(y.p10),
              },
              {
                key: 'p50',
                label: 'p50',
                unit: 'USD',
                numeric: true,
                value: (y) => y.p50,
                render: (y) => formatUsd(y.p50),
              },
              {
                key: 'p90',
                label: 'p90',
                unit: 'USD',
                numeric: true,
                value: (y) => y.p90,
                render: (y) => formatUsd(y.p90),
              },
              {
                key: 'bind',
                label: 'Months below floor',
                numeric: true,
                value: (y) => y.p_binding,
                render: (y) => formatShare(y.p_binding),
              },
              {
                key: 'price',
                label: 'Mean price',
                unit: 'USD/kg',
                numeric: true,
                value: (y) => y.mean_price_usd_per_kg,
              },
            ]}
            rows={s.data.by_year}
            rowKey={(y) => String(y.year)}
          />
        </>
      )}
    </div>
  )
}
