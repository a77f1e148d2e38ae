/** Stress: pick or edit a disruption scenario, run it as Monte Carlo on the server with live progress, read the risk. */
import { useMemo, useState } from 'react'
import { BarChart } from 'echarts/charts'
import type { SimulationResult } from '../api/endpoints'
import { Chart } from '../components/Chart'
import { DataTable } from '../components/DataTable'
import { use } from '../components/echarts'
import { Page, Section } from '../components/Page'
import { Requires } from '../components/Requires'
import { ErrorState } from '../components/States'
import { examplesMatching } from '../lib/examples'
import { formatNumber, formatShare, formatUsd } from '../lib/format'
import { fanOption, stockoutOption, tornadoOption } from './stress/stressCharts'
import { useSimulation } from './stress/useSimulation'
import { ExamplePicker } from '../components/ExamplePicker'

use([BarChart])

const EXAMPLES = examplesMatching(/^scenarios\/.*\.(ya?ml|json)$/i)

function dayText(d: number | null): string {
  return d === null ? 'not within the horizon' : `day ${d}`
}

function Result({ r }: { r: SimulationResult }) {
  const fan = useMemo(() => fanOption(r.by_day), [r])
  const curve = useMemo(() => stockoutOption(r.by_day), [r])
  const tornado = useMemo(() => tornadoOption(r.sensitivity, r.unmet_demand_t.mean), [r])
  return (
    <div className="stack" data-testid="simulation-result">
      <div className="kpis">
        <section className="kpi">
          <div className="kpi-label">Stockout probability</div>
          <div className="kpi-value" data-testid="stockout-probability">
            {formatShare(r.stockout_probability)}
          </div>
          <div className="kpi-meta muted">
            share of {r.runs.toLocaleString('en-US')} runs short at least one day
          </div>
        </section>
        <section className="kpi">
          <div className="kpi-label">First stockout</div>
          <div className="kpi-value">
            {r.first_stockout_day.p50 === null ? '—' : `day ${r.first_stockout_day.p50}`}
          </div>
          <div className="kpi-meta muted">
            median; p10 {dayText(r.first_stockout_day.p10)}, p90 {dayText(r.first_stockout_day.p90)}
          </div>
        </section>
        <section className="kpi">
          <div className="kpi-label">Unmet demand</div>
          <div className="kpi-value">{formatNumber(r.unmet_demand_t.mean)} t</div>
          <div className="kpi-meta muted">
            mean of {formatNumber(r.demand_t_mean)} t demanded; p90{' '}
            {formatNumber(r.unmet_demand_t.p90)} t
          </div>
        </section>
        <section className="kpi">
          <div className="kpi-label">Extra cost</div>
          <div className="kpi-value">{formatUsd(r.extra_cost_usd.mean)}</div>
          <div className="kpi-meta muted">mean; p90 {formatUsd(r.extra_cost_usd.p90)}</div>
        </section>
      </div>
      <div className="grid-2">
        <div className="section">
          <Chart
            title="Inventory on hand"
            units="tonnes (p10–p90 band and median of runs)"
            xLabel="Date"
            yLabel="Inventory (t)"
            option={fan}
            description="Fan chart of on-hand inventory by day across the simulated runs."
          />
        </div>
        <div className="section">
          <Chart
            title="Probability of being short"
            units="share of runs with unmet demand that day"
            xLabel="Date"
            yLabel="Runs short (%)"
            option={curve}
            description="Stockout-probability curve: share of runs that are short of material on each day."
          />
        </div>
      </div>
      {r.sensitivity.length > 0 ? (
        <div className="section">
          <Chart
            title="What drives the shortfall"
            units={`mean unmet demand, tonnes, with each input at the low and high end of its range (${r.sensitivity_runs.toLocaleString('en-US')} runs each)`}
            xLabel="Mean unmet demand (t)"
            option={tornado}
            height={Math.max(220, 60 + r.sensitivity.length * 34)}
            description="Tornado chart: bars run from the base-case mean to the mean with one input at an end of its range; the longest bar is the most influential input."
          />
        </div>
      ) : null}
      {r.by_material.length > 1 ? (
        <DataTable
          caption="By material"
          columns={[
            { key: 'm', label: 'Material', value: (m) => m.material },
            {
              key: 'p',
              label: 'Stockout probability',
              numeric: true,
              value: (m) => m.stockout_probability,
              render: (m) => formatShare(m.stockout_probability),
            },
            {
              key: 'u',
              label: 'Unmet demand, mean',
              unit: 't',
              numeric: true,
              value: (m) => m.unmet_demand_t.mean,
              render: (m) => formatNumber(m.unmet_demand_t.mean),
            },
            {
              key: 'c',
              label: 'Extra cost, mean',
              unit: 'USD',
              numeric: true,
              value: (m) => m.extra_cost_usd.mean,
              render: (m) => formatUsd(m.extra_cost_usd.mean),
            },
          ]}
          rows={r.by_material}
          rowKey={(m) => m.material}
        />
      ) : null}
      <p className="note">
        {r.scenario} · from {r.start}, {r.horizon_days} days · {r.runs.toLocaleString('en-US')}{' '}
        runs, seed {r.seed} · {r.quantiles}.
      </p>
      {r.notes.length || r.warnings.length ? (
        <ul className="plain note">
          {r.warnings.map((w, i) => (
            <li key={`w${i}`} className="down">
              {w}
            </li>
          ))}
          {r.notes.map((n, i) => (
            <li key={`n${i}`}>{n}</li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

function StressRunner() {
  const [text, setText] = useState('')
  const [name, setName] = useState('')
  const [runs, setRuns] = useState(2000)
  const [seed, setSeed] = useState('')
  const { state, start, cancel } = useSimulation()
  const busy = state.status === 'starting' || state.status === 'polling'
  const job = state.status === 'polling' || state.status === 'finished' ? state.job : null

  return (
    <>
      <Section title="Scenario">
        <form
          aria-label="Stress-test scenario"
          onSubmit={(e) => {
            e.preventDefault()
            if (!text.trim()) return
            start({
              scenario: text,
              runs,
              ...(seed.trim() !== '' ? { seed: Number(seed) } : {}),
            })
          }}
        >
          <div className="fields">
            <ExamplePicker
              id="sc-example"
              label="Example scenario"
              examples={EXAMPLES}
              selected={name}
              onLoad={(t, n) => {
                setText(t)
                setName(n)
              }}
            />
            <div className="field">
              <label htmlFor="sc-runs">Runs</label>
              <input
                id="sc-runs"
                type="number"
                min={1}
                max={200000}
                step={1}
                value={runs}
                onChange={(e) => setRuns(Number(e.target.value))}
              />
              <span className="hint">
                More runs, steadier tails; the sensitivity analysis adds its own runs.
              </span>
            </div>
            <div className="field">
              <label htmlFor="sc-seed">Seed</label>
              <input
                id="sc-seed"
                type="number"
                min={0}
                placeholder="the scenario’s"
                value={seed}
                onChange={(e) => setSeed(e.target.value)}
              />
              <span className="hint">Same seed, same answer.</span>
            </div>
          </div>
          <div className="field" style={{ marginTop: '0.75rem' }}>
            <label htmlFor="sc-text">
              Scenario (YAML or JSON) — edit freely; the server validates it
            </label>
            <textarea
              id="sc-text"
              className="code-editor"
              rows={16}
              spellCheck={false}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder="Choose an example above, or paste a scenario: name, start, horizon_days, materials, suppliers, disruptions."
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy || !text.trim()}>
              {busy ? 'Running…' : 'Run scenario'}
            </button>
            {busy ? (
              <button type="button" className="button-secondary" onClick={cancel}>
                Cancel
              </button>
            ) : null}
          </div>
        </form>
      </Section>
      {job && job.status !== 'done' ? (
        <div className="section" role="status" aria-live="polite" data-testid="simulation-progress">
          <label htmlFor="sim-progress">
            {job.status === 'failed'
              ? 'The simulation failed'
              : job.status === 'cancelled'
                ? 'Cancelled'
                : `Simulating: ${job.progress.done_runs.toLocaleString('en-US')} of ${job.progress.total_runs.toLocaleString('en-US')} runs (sensitivity included)`}
          </label>
          <progress id="sim-progress" className="progress" max={1} value={job.progress.fraction} />
          {job.error ? <div className="down">{job.error.message}</div> : null}
        </div>
      ) : null}
      {state.status === 'starting' ? (
        <div className="section" role="status">
          Validating the scenario…
        </div>
      ) : null}
      {state.status === 'error' ? <ErrorState error={state.error} what="the simulation" /> : null}
      {job?.status === 'done' && job.result ? <Result r={job.result} /> : null}
    </>
  )
}

export default function Stress() {
  return (
    <Page
      title="Stress"
      intro="What a disruption does to your supply: a scenario of materials, suppliers and disruptions, run thousands of times with uncertain inputs, gives the chance and timing of a stockout and what drives it."
    >
      <Requires route="POST /api/simulations" what="Stress tests">
        <StressRunner />
      </Requires>
    </Page>
  )
}
