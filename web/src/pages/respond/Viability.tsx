/** Project viability: NPV and IRR of ex-China projects with and without a floor, and the floor each needs. */
import type { ProjectViability } from '../../api/types'
import { useGet } from '../../api/useApi'
import { DataTable, type Column } from '../../components/DataTable'
import { SourceLinks } from '../../components/Sources'
import { ErrorState, Loading } from '../../components/States'
import { countryName } from '../../lib/countries'
import { formatNumber, formatShare } from '../../lib/format'

const musd = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${formatNumber(Math.round(v))}`
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatShare(v))

function columns(withFloor: boolean): Column<ProjectViability>[] {
  return [
    {
      key: 'project',
      label: 'Project',
      value: (p) => p.project,
      render: (p) => <strong>{p.project}</strong>,
    },
    { key: 'company', label: 'Company', value: (p) => p.company },
    {
      key: 'country',
      label: 'Country',
      value: (p) => p.country,
      render: (p) => countryName(p.country),
    },
    {
      key: 'output',
      label: 'Output',
      value: (p) => p.outputs.map((o) => `${o.t_per_year} t/yr ${o.product}`).join('; '),
      render: (p) =>
        p.outputs.map((o) => `${formatNumber(o.t_per_year)} t/yr ${o.product}`).join('; '),
    },
    {
      key: 'capex',
      label: 'Capex',
      unit: 'USD m',
      numeric: true,
      value: (p) => p.capex_usd_m.value,
      render: (p) => <span title={p.capex_usd_m.note}>{formatNumber(p.capex_usd_m.value)}</span>,
    },
    {
      key: 'opex',
      label: 'Opex',
      unit: 'USD/kg',
      numeric: true,
      value: (p) => p.opex_usd_per_kg.value,
      render: (p) => (
        <span title={`${p.opex_usd_per_kg.source}: ${p.opex_usd_per_kg.note}`}>
          {formatNumber(p.opex_usd_per_kg.value)}
        </span>
      ),
    },
    {
      key: 'npv',
      label: 'NPV p50, no floor',
      unit: 'USD m',
      numeric: true,
      value: (p) => p.without_floor.npv_usd_m.p50,
      render: (p) => musd(p.without_floor.npv_usd_m.p50),
    },
    {
      key: 'npvRange',
      label: 'NPV p10–p90',
      unit: 'USD m',
      value: (p) =>
        `${Math.round(p.without_floor.npv_usd_m.p10)}..${Math.round(p.without_floor.npv_usd_m.p90)}`,
      render: (p) =>
        `${musd(p.without_floor.npv_usd_m.p10)} to ${musd(p.without_floor.npv_usd_m.p90)}`,
    },
    {
      key: 'pos',
      label: 'P(NPV > 0)',
      numeric: true,
      value: (p) => p.without_floor.p_npv_positive,
      render: (p) => pct(p.without_floor.p_npv_positive),
    },
    {
      key: 'irr',
      label: 'IRR p50',
      numeric: true,
      value: (p) => p.without_floor.irr.p50,
      render: (p) => pct(p.without_floor.irr.p50),
    },
    ...(withFloor
      ? [
          {
            key: 'npvF',
            label: 'NPV p50, with floor',
            unit: 'USD m',
            numeric: true,
            value: (p: ProjectViability) => p.with_floor?.npv_usd_m.p50 ?? null,
            render: (p: ProjectViability) => musd(p.with_floor?.npv_usd_m.p50),
          },
          {
            key: 'posF',
            label: 'P(NPV > 0), with floor',
            numeric: true,
            value: (p: ProjectViability) => p.with_floor?.p_npv_positive ?? null,
            render: (p: ProjectViability) => pct(p.with_floor?.p_npv_positive),
          },
        ]
      : []),
    {
      key: 'breakEven',
      label: 'Break-even floor',
      unit: 'USD/kg',
      numeric: true,
      value: (p) => p.break_even_floor_usd_per_kg,
      render: (p) => (
        <span title={p.break_even_note}>{formatNumber(p.break_even_floor_usd_per_kg)}</span>
      ),
    },
    {
      key: 'src',
      label: 'Source',
      value: (p) => p.source_url,
      render: (p) => <SourceLinks urls={[p.source_url]} />,
      sortable: false,
    },
  ]
}

function assumptionText(key: string, a: unknown): string {
  const name = key.replace(/_/g, ' ')
  if (a && typeof a === 'object' && 'value' in a && 'source' in a) {
    const x = a as { value: unknown; source: string; note?: string }
    return `${name}: ${JSON.stringify(x.value)} (${x.source}${x.note ? `: ${x.note}` : ''})`
  }
  if (Array.isArray(a)) return `${name}: ${a.join('; ')}`
  return `${name}: ${JSON.stringify(a)}`
}

export function Viability({ floor }: { floor: number | null }) {
  const s = useGet('/api/projects/viability', { query: floor === null ? {} : { floor } })
  if (s.status === 'loading') return <Loading what="project viability" />
  if (s.status === 'error') return <ErrorState error={s.error} what="project viability" />
  const v = s.data
  return (
    <div className="stack" data-testid="viability">
      <p className="note">
        Valued from {v.valuation_year} on {v.price_market.replace('_', '-')} prices,{' '}
        {v.paths.toLocaleString('en-US')} paths. Break-even floor:{' '}
        {v.projects[0]?.break_even_note ?? 'the smallest floor that makes the project viable'}.
      </p>
      <details className="note">
        <summary>Assumptions</summary>
        <ul className="plain">
          {Object.entries(v.assumptions).map(([k, a]) => (
            <li key={k}>{assumptionText(k, a)}</li>
          ))}
        </ul>
      </details>
      <DataTable
        caption={`Project viability${v.floor_usd_per_kg !== null ? ` with a USD ${v.floor_usd_per_kg}/kg floor` : ''}`}
        columns={columns(v.floor_usd_per_kg !== null)}
        rows={v.projects}
        rowKey={(p) => p.project}
        testId="viability-table"
        empty="No project has the data needed to value it."
      />
      <DataTable
        caption="Projects that cannot be valued yet, and what is missing"
        columns={[
          { key: 'project', label: 'Project', value: (p) => p.project },
          { key: 'company', label: 'Company', value: (p) => p.company },
          {
            key: 'country',
            label: 'Country',
            value: (p) => p.country,
            render: (p) => countryName(p.country),
          },
          { key: 'missing', label: 'Missing', value: (p) => p.missing.join('; ') },
        ]}
        rows={v.lacking_data}
        rowKey={(p) => p.project}
        fold={10}
      />
    </div>
  )
}
