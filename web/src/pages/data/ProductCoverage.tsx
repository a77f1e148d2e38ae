/** Per trade product and flow: world-total coverage, the gaps inside it, and how many partners are reported. */
import type { ProductCoverage as Row } from '../../api/types'
import { useGet } from '../../api/useApi'
import { DataTable, type Column } from '../../components/DataTable'
import { Link } from '../../components/Link'
import { ErrorState, Loading } from '../../components/States'
import { href } from '../../lib/router'

const COLUMNS: Column<Row>[] = [
  {
    key: 'product',
    label: 'Product',
    value: (r) => r.product,
    render: (r) => (
      <Link href={`${href('/data', { product: r.product })}#h-trade-sources`} title={r.description}>
        {r.product}
      </Link>
    ),
  },
  { key: 'flow', label: 'Flow', value: (r) => r.flow },
  { key: 'description', label: 'What it is', value: (r) => r.description },
  { key: 'first', label: 'First month', value: (r) => r.world.first },
  { key: 'last', label: 'Last month', value: (r) => r.world.last },
  {
    key: 'coverage',
    label: 'Months with a world figure',
    numeric: true,
    value: (r) => r.world.months_with_data,
    render: (r) => (r.world.months_in_range ? `${r.world.months_with_data} of ${r.world.months_in_range}` : '—'),
  },
  {
    key: 'gaps',
    label: 'Gaps (missing months)',
    value: (r) => r.world.gaps.map((g) => (g.from === g.to ? g.from : `${g.from}..${g.to}`)).join('; '),
    render: (r) =>
      r.world.gaps.length === 0 ? (
        <span className="muted">none</span>
      ) : (
        r.world.gaps.map((g) => (g.from === g.to ? g.from : `${g.from} – ${g.to} (${g.months})`)).join('; ')
      ),
  },
  { key: 'partners', label: 'Partners reported', numeric: true, value: (r) => r.partners },
]

export function ProductCoverageTable() {
  const s = useGet('/api/trade/products', {})
  if (s.status === 'loading') return <Loading what="trade coverage" />
  if (s.status === 'error') return <ErrorState error={s.error} what="trade coverage" />
  return (
    <DataTable
      caption="Trade products: coverage of the world total and gaps"
      columns={COLUMNS}
      rows={s.data}
      rowKey={(r) => `${r.product}|${r.flow}`}
      initialSort={{ key: 'coverage', direction: 'desc' }}
      fold={12}
      testId="coverage-table"
    />
  )
}
