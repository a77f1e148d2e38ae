/** The exposure report: Sankey of origins to products, element table, parts with verdicts, prices and sources. */
import { useMemo, useState } from 'react'
import { SankeyChart } from 'echarts/charts'
import type {
  ElementExposure,
  ExposureReport,
  PartExposure,
  Stage,
} from '../../../../src/contracts/exposure'
import { Chart } from '../../components/Chart'
import { DataTable, type Column } from '../../components/DataTable'
import { use } from '../../components/echarts'
import { Section } from '../../components/Page'
import { SourceLinks } from '../../components/Sources'
import { Empty } from '../../components/States'
import { Verdict } from '../../components/Verdict'
import { formatNumber, formatShare, formatUsd } from '../../lib/format'
import { CATEGORICAL } from '../../lib/palette'
import { exposureSankey } from './sankey'

use([SankeyChart])

/** The contract's STAGES, upstream first (a type-only import keeps zod out of the bundle). */
const STAGES = ['mine', 'separation', 'metal', 'magnet'] as const satisfies readonly Stage[]

const STAGE_NAMES: Record<Stage, string> = {
  mine: 'Mining',
  separation: 'Separation',
  metal: 'Metal',
  magnet: 'Magnet',
}

const ELEMENT_COLUMNS: Column<ElementExposure>[] = [
  {
    key: 'element',
    label: 'Element',
    value: (e) => e.element,
    render: (e) => <strong>{e.element}</strong>,
  },
  { key: 're', label: 'Rare earth', value: (e) => (e.rare_earth ? 'yes' : 'no') },
  {
    key: 'kg',
    label: 'Mass',
    unit: 'kg/yr',
    numeric: true,
    value: (e) => e.kg_per_year,
    render: (e) => formatNumber(e.kg_per_year),
  },
  ...STAGES.map((s): Column<ElementExposure> => ({
    key: `cn-${s}`,
    label: `China share, ${STAGE_NAMES[s].toLowerCase()}`,
    numeric: true,
    value: (e) => e.china_share[s],
    render: (e) => formatShare(e.china_share[s]),
  })),
  ...STAGES.map((s): Column<ElementExposure> => ({
    key: `hhi-${s}`,
    label: `HHI, ${STAGE_NAMES[s].toLowerCase()}`,
    numeric: true,
    value: (e) => e.hhi[s],
    render: (e) =>
      e.hhi[s] === null ? (
        '—'
      ) : (
        <span title={`origin known for ${formatShare(e.hhi_coverage[s])} of the mass`}>
          {formatNumber(Math.round(e.hhi[s]))}
        </span>
      ),
  })),
  {
    key: 'worst',
    label: 'Most concentrated stage',
    value: (e) =>
      e.worst_stage
        ? `${e.worst_stage.stages.join(', ')} (${formatShare(e.worst_stage.china_share)})`
        : null,
  },
  {
    key: 'basis',
    label: 'Origin known by',
    value: (e) =>
      `observed ${formatNumber(e.kg_per_year_by_basis.observed)}; inferred ${formatNumber(e.kg_per_year_by_basis.inferred)}; assumed ${formatNumber(e.kg_per_year_by_basis.assumed)}`,
    render: (e) => (
      <span className="note">
        observed {formatNumber(e.kg_per_year_by_basis.observed)} · inferred{' '}
        {formatNumber(e.kg_per_year_by_basis.inferred)} · assumed{' '}
        {formatNumber(e.kg_per_year_by_basis.assumed)} kg
      </span>
    ),
    sortable: false,
  },
]

const PART_COLUMNS: Column<PartExposure>[] = [
  { key: 'part', label: 'Part', value: (p) => p.part_id, render: (p) => <code>{p.part_id}</code> },
  { key: 'description', label: 'Description', value: (p) => p.description },
  { key: 'form', label: 'Form', value: (p) => p.form },
  {
    key: 'units',
    label: 'Units',
    unit: 'per yr',
    numeric: true,
    value: (p) => p.units_per_year,
    render: (p) => formatNumber(p.units_per_year),
  },
  {
    key: 'verdict',
    label: 'Licence verdict',
    value: (p) => p.verdict,
    render: (p) => <Verdict verdict={p.verdict} />,
  },
  {
    key: 'route',
    label: 'Shipment',
    value: (p) => `${p.shipment.exporter_country}→${p.shipment.destination}`,
    render: (p) =>
      p.shipment.domestic ? (
        <span className="muted">domestic</span>
      ) : (
        `${p.shipment.exporter_country} → ${p.shipment.destination}`
      ),
  },
  {
    key: 'cnshare',
    label: 'China-origin RE value share',
    numeric: true,
    value: (p) => p.cn_content_value_share.share,
    render: (p) => (
      <span title={p.cn_content_value_share.note ?? undefined}>
        {formatShare(p.cn_content_value_share.share)}
        {!p.cn_content_value_share.complete ? ' (incomplete)' : ''}
      </span>
    ),
  },
  {
    key: 'why',
    label: 'Measures and rationale',
    value: (p) => [...p.measures.map((m) => `${m.id}: ${m.effect}`), ...p.rationale].join(' | '),
    render: (p) =>
      p.measures.length === 0 && p.rationale.length === 0 ? (
        <span className="muted">none</span>
      ) : (
        <details>
          <summary>
            {p.measures.length} measure{p.measures.length === 1 ? '' : 's'}
            {p.warnings.length
              ? `, ${p.warnings.length} warning${p.warnings.length === 1 ? '' : 's'}`
              : ''}
          </summary>
          <ul className="plain">
            {p.measures.map((m) => (
              <li key={m.id}>
                <code>{m.id}</code> ({m.instrument}): {m.effect}. {m.reason}
              </li>
            ))}
            {p.rationale.map((r, i) => (
              <li key={`r${i}`}>{r}</li>
            ))}
            {p.warnings.map((w, i) => (
              <li key={`w${i}`} className="down">
                {w}
              </li>
            ))}
          </ul>
        </details>
      ),
    sortable: false,
  },
  {
    key: 'composition',
    label: 'Composition from',
    value: (p) => p.composition.source_url ?? p.composition.source,
    render: (p) =>
      p.composition.source_url ? (
        <SourceLinks urls={[p.composition.source_url]} />
      ) : (
        <span className="muted">{p.composition.source.replace('_', ' ')}</span>
      ),
    sortable: false,
  },
]

export function ExposureResult({ report }: { report: ExposureReport }) {
  const [stage, setStage] = useState<Stage>('separation')
  const [allElements, setAllElements] = useState(false)
  const sankey = useMemo(
    () => exposureSankey(report, stage, { rareEarthsOnly: !allElements }),
    [report, stage, allElements]
  )
  const maxDepth = Math.max(0, ...sankey.nodes.map((n) => n.depth))
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item', valueFormatter: (v: number) => `${formatNumber(v)} kg/yr` },
      series: [
        {
          type: 'sankey',
          data: sankey.nodes.map((n) => ({ name: n.name, depth: n.depth })),
          links: sankey.links,
          left: 8,
          right: 16,
          top: 16,
          bottom: 16,
          nodeGap: 10,
          emphasis: { focus: 'adjacency' },
          lineStyle: { color: 'gradient', opacity: 0.35 },
          // Long part names are cut to the room between columns; the tooltip gives them whole.
          label: { fontSize: 11, width: 170, overflow: 'truncate' },
          levels: [0, 1, 2, 3].map((depth) => ({
            depth,
            itemStyle: { color: CATEGORICAL[depth] },
            // The last column's labels sit inside the chart, left of their nodes.
            ...(depth === maxDepth
              ? { label: { position: 'left', width: 170, overflow: 'truncate' } }
              : {}),
          })),
        },
      ],
    }),
    [sankey, maxDepth]
  )
  const verdicts = report.parts.reduce<Record<string, number>>(
    (m, p) => ({ ...m, [p.verdict]: (m[p.verdict] ?? 0) + 1 }),
    {}
  )
  return (
    <div data-testid="exposure-result">
      <Section title="Summary">
        <dl className="dl">
          <dt>As of</dt>
          <dd>{report.as_of}</dd>
          <dt>Rulebook</dt>
          <dd>
            {report.rulebook_version ?? (
              <span className="muted">no rulebook loaded: verdicts not evaluated</span>
            )}
          </dd>
          <dt>Products</dt>
          <dd>
            {report.products
              .map(
                (p) => `${p.description || p.part_id} (${formatNumber(p.annual_units)} per year)`
              )
              .join('; ')}
          </dd>
          <dt>Parts by verdict</dt>
          <dd>
            {Object.entries(verdicts).map(([v, n]) => (
              <span key={v} style={{ marginRight: '1rem' }}>
                <Verdict verdict={v} /> × {n}
              </span>
            ))}
          </dd>
        </dl>
        {report.warnings.length || report.assumptions.length ? (
          <details open={report.warnings.length > 0}>
            <summary>
              {report.warnings.length} warning{report.warnings.length === 1 ? '' : 's'},{' '}
              {report.assumptions.length} assumption
              {report.assumptions.length === 1 ? '' : 's'}
            </summary>
            <ul className="plain">
              {report.warnings.map((w, i) => (
                <li key={`w${i}`} className="down">
                  {w}
                </li>
              ))}
              {report.assumptions.map((a, i) => (
                <li key={`a${i}`}>Assumption: {a}</li>
              ))}
            </ul>
          </details>
        ) : null}
      </Section>
      <Section
        title="Where the rare earths come from"
        id="sankey"
        aside={
          <div className="page-actions no-print">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={allElements}
                onChange={(e) => setAllElements(e.target.checked)}
              />{' '}
              other elements too (Fe, B, Co …)
            </label>
            <div className="field">
              <label htmlFor="sankey-stage">Origin at stage</label>
              <select
                id="sankey-stage"
                value={stage}
                onChange={(e) => setStage(e.target.value as Stage)}
              >
                {STAGES.map((s) => (
                  <option key={s} value={s}>
                    {STAGE_NAMES[s]}
                  </option>
                ))}
              </select>
            </div>
          </div>
        }
      >
        {sankey.links.length === 0 ? (
          <Empty title="No element mass to draw.">
            The BOM gives no element content the analysis could weigh.
          </Empty>
        ) : (
          <Chart
            title={`${allElements ? 'Element' : 'Rare-earth'} mass from origin (${STAGE_NAMES[stage].toLowerCase()} stage) to parts and products`}
            units="kilograms per year"
            option={option}
            height={Math.max(360, Math.min(900, sankey.nodes.length * 22))}
            description="Sankey diagram: origin country at the chosen stage, then element, then the part holding it, then the finished product."
          />
        )}
      </Section>
      <Section title="Elements">
        <DataTable
          caption="Element mass, China share and concentration (HHI 0–10,000) by stage"
          columns={ELEMENT_COLUMNS}
          rows={report.elements}
          rowKey={(e) => e.element}
          initialSort={{ key: 'kg', direction: 'desc' }}
          testId="elements-table"
        />
      </Section>
      <Section title="Parts and licence verdicts">
        <DataTable
          caption="Parts, verdicts and the measures behind them"
          columns={PART_COLUMNS}
          rows={report.parts}
          rowKey={(p) => p.part_id}
          testId="parts-table"
        />
      </Section>
      <Section title="Prices and compositions used">
        <DataTable
          caption="Price points used to value the rare-earth content"
          columns={[
            { key: 'element', label: 'Element', value: (p) => p.element },
            { key: 'product', label: 'Product', value: (p) => p.product },
            { key: 'date', label: 'Date', value: (p) => p.date },
            { key: 'market', label: 'Market', value: (p) => p.market },
            {
              key: 'price',
              label: 'Price as published',
              value: (p) =>
                p.unit.includes(p.currency)
                  ? `${p.price} ${p.unit}`
                  : `${p.price} ${p.currency}/${p.unit}`,
            },
            {
              key: 'usd',
              label: 'Element',
              unit: 'USD/kg',
              numeric: true,
              value: (p) => p.usd_per_kg_element,
              render: (p) => formatUsd(p.usd_per_kg_element).replace('USD ', ''),
            },
            {
              key: 'src',
              label: 'Source',
              value: (p) => p.source_url,
              render: (p) => <SourceLinks urls={[p.source_url]} />,
              sortable: false,
            },
          ]}
          rows={report.prices}
          rowKey={(p, i) => `${p.element}|${i}`}
          empty="No prices were needed or found."
        />
        <DataTable
          caption="Magnet compositions taken from the library"
          columns={[
            { key: 'id', label: 'Composition', value: (c) => c.name },
            { key: 'elements', label: 'Elements (mass fractions)', value: (c) => c.elements },
            { key: 'note', label: 'Note', value: (c) => c.note },
            {
              key: 'src',
              label: 'Source',
              value: (c) => c.source_url,
              render: (c) => <SourceLinks urls={[c.source_url]} />,
              sortable: false,
            },
          ]}
          rows={report.compositions}
          rowKey={(c) => c.id}
          empty="Every composition came from the file itself."
        />
      </Section>
    </div>
  )
}
