/** Data: every dataset with coverage and provenance; per series, the gaps, the sources and where they disagree. */
import type { DatasetInfo } from '../api/types'
import { useGet } from '../api/useApi'
import { DataTable, type Column } from '../components/DataTable'
import { Page, Section } from '../components/Page'
import { Requires } from '../components/Requires'
import { Empty, ErrorState, Loading } from '../components/States'
import { formatNumber } from '../lib/format'
import { ProductCoverageTable } from './data/ProductCoverage'
import { SeriesSources } from './data/SeriesSources'

const DATASET_COLUMNS: Column<DatasetInfo>[] = [
  {
    key: 'title',
    label: 'Dataset',
    value: (d) => d.title,
    render: (d) => <strong>{d.title}</strong>,
  },
  { key: 'kind', label: 'Kind', value: (d) => d.kind, render: (d) => <code>{d.kind}</code> },
  {
    key: 'rows',
    label: 'Rows',
    numeric: true,
    value: (d) => d.rows,
    render: (d) => formatNumber(d.rows),
  },
  {
    key: 'revised',
    label: 'Revised rows kept',
    numeric: true,
    value: (d) => d.revised_rows,
    render: (d) => formatNumber(d.revised_rows),
  },
  {
    key: 'coverage',
    label: 'Coverage',
    value: (d) => (d.period_from ? `${d.period_from} – ${d.period_to ?? ''}` : null),
    render: (d) =>
      d.period_from ? (
        `${d.period_from} – ${d.period_to ?? '…'}`
      ) : (
        <span className="muted">none</span>
      ),
  },
  {
    key: 'sources',
    label: 'Distinct sources',
    numeric: true,
    value: (d) => d.sources,
    render: (d) => formatNumber(d.sources),
  },
  {
    key: 'vintage',
    label: 'Last import',
    value: (d) => d.last_vintage?.imported_at ?? null,
    render: (d) =>
      d.last_vintage ? (
        <span title={`sha256 ${d.last_vintage.file_sha256}`}>
          {d.last_vintage.imported_at.slice(0, 10)} · {d.last_vintage.file_name} (vintage{' '}
          {d.last_vintage.id})
        </span>
      ) : (
        <span className="muted">never imported</span>
      ),
  },
]

function Datasets() {
  const s = useGet('/api/datasets', {})
  if (s.status === 'loading') return <Loading what="the datasets" />
  if (s.status === 'error') return <ErrorState error={s.error} what="the datasets" />
  if (s.data.datasets.length === 0) return <Empty title="No datasets are loaded." />
  return (
    <>
      <DataTable
        caption={`Datasets loaded (schema version ${s.data.schema_version})`}
        columns={DATASET_COLUMNS}
        rows={s.data.datasets}
        rowKey={(d) => d.kind}
        testId="datasets-table"
      />
      <p className="note">
        Every row keeps its public <code>source_url</code>; imports are vintaged, so a revised
        figure keeps the row it replaced. The files and their caveats are described in{' '}
        <code>data/README.md</code>.
      </p>
    </>
  )
}

export default function Data() {
  return (
    <Page
      title="Data"
      intro="Every dataset this server holds, its coverage and its sources; for trade series, the months that are missing and where sources disagree."
    >
      <Section title="Datasets">
        <Datasets />
      </Section>
      <Section title="Trade coverage and gaps" id="trade-coverage">
        <Requires route="GET /api/trade/products" what="Trade coverage">
          <ProductCoverageTable />
        </Requires>
      </Section>
      <Section title="Trade figures: sources and disagreements" id="trade-sources">
        <Requires route="GET /api/trade/sources" what="Source rows for trade series">
          <SeriesSources />
        </Requires>
      </Section>
    </Page>
  )
}
