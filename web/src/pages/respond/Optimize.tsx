/** Diversification: pick or upload an optimiser input, solve it on the server, show the frontier and allocation. */
import { useMemo, useState } from 'react'
import { apiPostText } from '../../api/client'
import type { OptimizeResult } from '../../api/endpoints'
import { useAction } from '../../api/useAction'
import { Chart } from '../../components/Chart'
import { DataTable } from '../../components/DataTable'
import { FileInput } from '../../components/FileInput'
import { ErrorState, Loading } from '../../components/States'
import { countryName } from '../../lib/countries'
import { examplesMatching } from '../../lib/examples'
import { formatNumber } from '../../lib/format'
import { OKABE_ITO } from '../../lib/palette'
import { ExamplePicker } from '../../components/ExamplePicker'

const EXAMPLES = examplesMatching(/^optimi[sz]e\//)

export function frontierOption(r: OptimizeResult): Record<string, unknown> {
  const points = [...r.frontier].sort((a, b) => a.expected_shortfall_t - b.expected_shortfall_t)
  return {
    grid: { left: 96, right: 24, top: 24, bottom: 56 },
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: [number, number, number] }) =>
        `Expected shortfall ${formatNumber(p.data[0])} t<br/>Cost ${formatNumber(p.data[1])}<br/>Shortfall penalty ${formatNumber(p.data[2])} per t`,
    },
    xAxis: { type: 'value' },
    yAxis: {
      type: 'value',
      scale: true,
      axisLabel: { formatter: (v: number) => v.toLocaleString('en-US', { notation: 'compact' }) },
    },
    series: [
      {
        name: 'Efficient frontier',
        type: 'line',
        data: points.map((f) => [f.expected_shortfall_t, f.cost, f.penalty_per_t]),
        symbolSize: 8,
        lineStyle: { width: 2 },
      },
      ...(r.cost !== null && r.expected_shortfall_t !== null
        ? [
            {
              name: 'Chosen plan',
              type: 'scatter',
              data: [[r.expected_shortfall_t, r.cost, 0]],
              symbol: 'diamond',
              symbolSize: 16,
              itemStyle: { color: OKABE_ITO.vermillion },
            },
          ]
        : []),
    ],
  }
}

function Result({ r }: { r: OptimizeResult }) {
  const option = useMemo(() => frontierOption(r), [r])
  if (r.status !== 'optimal') {
    return (
      <div className="state state-error" role="alert" data-testid="optimize-result">
        <strong>No plan: the model is {r.status}.</strong>
        {r.explanation ? (
          <>
            <div>{r.explanation.summary}</div>
            <ul className="plain">
              {r.explanation.conflicts.map((c) => (
                <li key={c.constraint}>
                  <code>{c.constraint}</code> ({c.kind}): relax by {formatNumber(c.relax_by)}{' '}
                  {c.unit}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    )
  }
  return (
    <div className="stack" data-testid="optimize-result">
      <div className="kpis">
        <section className="kpi">
          <div className="kpi-label">First-stage cost</div>
          <div className="kpi-value">{formatNumber(r.cost)}</div>
          <div className="kpi-meta muted">purchases, fixed contract costs and stock holding</div>
        </section>
        <section className="kpi">
          <div className="kpi-label">Expected shortfall</div>
          <div className="kpi-value">{formatNumber(r.expected_shortfall_t)} t</div>
          <div className="kpi-meta muted">over {r.model.scenarios} disruption scenarios</div>
        </section>
      </div>
      {r.frontier.length > 0 ? (
        <Chart
          title="Efficient frontier: cost against expected shortfall"
          units="cost in the input’s currency; shortfall in tonnes per year"
          xLabel="Expected shortfall (t/yr)"
          yLabel="First-stage cost"
          option={option}
          description="Each point is the least-cost plan for one shortfall penalty; moving left buys security at a higher cost."
        />
      ) : null}
      <DataTable
        caption="Allocation: tonnes per year by source"
        columns={[
          {
            key: 'source',
            label: 'Source',
            value: (a) => a.source,
            render: (a) => <code>{a.source}</code>,
          },
          { key: 'material', label: 'Material', value: (a) => a.material },
          {
            key: 'country',
            label: 'Country',
            value: (a) => a.country,
            render: (a) => countryName(a.country),
          },
          {
            key: 't',
            label: 'Quantity',
            unit: 't/yr',
            numeric: true,
            value: (a) => a.t,
            render: (a) => formatNumber(a.t),
          },
          {
            key: 'cost',
            label: 'Cost',
            numeric: true,
            value: (a) => a.cost,
            render: (a) => formatNumber(a.cost),
          },
        ]}
        rows={r.allocation}
        rowKey={(a) => `${a.source}|${a.material}`}
        initialSort={{ key: 't', direction: 'desc' }}
        testId="allocation-table"
      />
      {r.stockpile.length ? (
        <DataTable
          caption="Strategic stock held"
          columns={[
            { key: 'm', label: 'Material', value: (s) => s.material },
            {
              key: 't',
              label: 'Stock',
              unit: 't',
              numeric: true,
              value: (s) => s.t,
              render: (s) => formatNumber(s.t),
            },
            {
              key: 'c',
              label: 'Holding cost',
              numeric: true,
              value: (s) => s.holding_cost,
              render: (s) => formatNumber(s.holding_cost),
            },
          ]}
          rows={r.stockpile}
          rowKey={(s) => s.material}
        />
      ) : null}
      <DataTable
        caption="Binding constraints and their shadow prices"
        columns={[
          {
            key: 'name',
            label: 'Constraint',
            value: (b) => b.name,
            render: (b) => <code>{b.name}</code>,
          },
          {
            key: 'bound',
            label: 'Bound',
            numeric: true,
            value: (b) => b.bound,
            render: (b) => formatNumber(b.bound),
          },
          {
            key: 'shadow',
            label: 'Shadow price',
            numeric: true,
            value: (b) => b.shadow_price,
            render: (b) => formatNumber(b.shadow_price),
          },
          { key: 'meaning', label: 'Meaning', value: (b) => b.meaning },
        ]}
        rows={r.binding_constraints}
        rowKey={(b) => b.name}
        empty="No constraint binds."
      />
      <details>
        <summary>
          Model and assumptions ({r.model.kind.toUpperCase()}, {r.model.columns} columns ×{' '}
          {r.model.rows} rows, {r.model.solver})
        </summary>
        <ul className="plain">
          {r.assumptions.map((a, i) => (
            <li key={i}>{a}</li>
          ))}
          {r.excluded_sources.map((x) => (
            <li key={x.source}>
              Excluded <code>{x.source}</code>: {x.reason}
            </li>
          ))}
        </ul>
      </details>
    </div>
  )
}

export function Optimize() {
  const [input, setInput] = useState<{ text: string; name: string } | null>(null)
  const [state, run] = useAction((signal, text: string, name: string) =>
    apiPostText('/api/optimize', text, /\.json$/i.test(name) ? 'application/json' : 'text/yaml', {
      signal,
    })
  )
  return (
    <div className="stack">
      <form
        aria-label="Diversification model"
        onSubmit={(e) => {
          e.preventDefault()
          if (input) run(input.text, input.name)
        }}
      >
        <div className="fields">
          <ExamplePicker
            id="opt-example"
            label="Example model"
            examples={EXAMPLES}
            selected={input?.name}
            onLoad={(text, name) => setInput({ text, name })}
          />
          <FileInput
            label="…or upload a model"
            accept=".yaml,.yml,.json"
            hint="YAML or JSON: materials, sources, constraints, scenarios."
            onText={(text, name) => setInput({ text, name })}
          />
        </div>
        {input ? (
          <details className="note">
            <summary>{input.name}</summary>
            <pre className="code-block">{input.text}</pre>
          </details>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button" disabled={!input || state.status === 'running'}>
            {state.status === 'running' ? 'Solving…' : 'Solve'}
          </button>
        </div>
      </form>
      {state.status === 'running' ? <Loading what="the optimisation" /> : null}
      {state.status === 'error' ? <ErrorState error={state.error} what="the optimisation" /> : null}
      {state.status === 'ok' ? <Result r={state.data} /> : null}
    </div>
  )
}
