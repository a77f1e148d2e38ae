/** Throttling assessment for a month: per partner, actual vs expected tonnes and whether the drop looks targeted. */
import type { ThrottlingRow } from '../../api/endpoints'
import { useGet } from '../../api/useApi'
import { DataTable, type Column } from '../../components/DataTable'
import { Link } from '../../components/Link'
import { Empty, ErrorState, Loading } from '../../components/States'
import { countryName } from '../../lib/countries'
import { formatChange, formatMonth, formatNumber, formatScore, formatShare } from '../../lib/format'
import { href } from '../../lib/router'

export function throttlingColumns(product: string): Column<ThrottlingRow>[] {
  return [
    {
      key: 'partner',
      label: 'Partner',
      value: (r) => r.partner,
      render: (r) => (
        <Link href={href('/destinations', { product, month: r.month, partner: r.partner })}>
          {countryName(r.partner)}
        </Link>
      ),
    },
    {
      key: 'status',
      label: 'Assessment',
      value: (r) => (r.targeted ? 'targeted' : r.score === null ? 'no baseline' : 'not targeted'),
      render: (r) =>
        r.targeted ? (
          <span className="badge badge-warn">targeted{r.since ? ` since ${r.since}` : ''}</span>
        ) : r.score === null ? (
          <span className="badge badge-muted">no baseline</span>
        ) : (
          <span className="badge badge-ok">not targeted</span>
        ),
    },
    {
      key: 'actual',
      label: 'Actual',
      unit: 't',
      numeric: true,
      value: (r) => r.actual_t,
      render: (r) => formatNumber(r.actual_t),
    },
    {
      key: 'expected',
      label: 'Expected',
      unit: 't',
      numeric: true,
      value: (r) => r.expected_t,
      render: (r) => formatNumber(r.expected_t),
    },
    {
      key: 'score',
      label: 'Deviation score',
      numeric: true,
      value: (r) => r.score,
      render: (r) => formatScore(r.score),
    },
    {
      key: 'world',
      label: 'World change',
      numeric: true,
      value: (r) => r.world_change,
      render: (r) => formatChange(r.world_change),
    },
    {
      key: 'partnerChange',
      label: 'Partner change',
      numeric: true,
      value: (r) => r.partner_change,
      render: (r) => formatChange(r.partner_change),
    },
    {
      key: 'share',
      label: 'Baseline share',
      numeric: true,
      value: (r) => r.baseline_share,
      render: (r) => formatShare(r.baseline_share),
    },
    {
      key: 'note',
      label: 'Baseline',
      value: (r) => r.note,
      render: (r) => <span className="note">{r.note}</span>,
    },
  ]
}

export function ThrottlingFlags({ product, month }: { product: string; month: string }) {
  const s = useGet('/api/trade/throttling', { query: { product, month } })
  if (s.status === 'loading') return <Loading what="throttling flags" />
  if (s.status === 'error') return <ErrorState error={s.error} what="throttling flags" />
  if (s.data.length === 0)
    return (
      <Empty title={`No partner figures for ${formatMonth(month)}.`}>
        The detector needs a partner’s tonnes for the month; none were reported.
      </Empty>
    )
  const targeted = s.data.filter((r) => r.targeted)
  return (
    <>
      <p className={targeted.length ? 'down' : 'muted'} role="status">
        {targeted.length
          ? `${targeted.length} partner${targeted.length === 1 ? '' : 's'} flagged as targeted in ${formatMonth(month)}: ${targeted.map((r) => countryName(r.partner)).join(', ')}.`
          : `No partner flagged as targeted in ${formatMonth(month)} (${s.data.length} assessed).`}
      </p>
      <DataTable
        caption={`Throttling assessment, ${formatMonth(month)}`}
        columns={throttlingColumns(product)}
        rows={s.data}
        rowKey={(r) => r.partner}
        rowClass={(r) => (r.targeted ? 'row-flag' : undefined)}
        initialSort={{ key: 'score', direction: 'asc' }}
        testId="throttling-table"
      />
    </>
  )
}
