/** For one product: world coverage and gaps, and every source row with the canonical choice and disagreements. */
import { useMemo } from 'react'
import type { SourceRow, SourcesGroup } from '../../api/types'
import { useGet } from '../../api/useApi'
import { DataTable, type Column } from '../../components/DataTable'
import { ProductSelect } from '../../components/ProductSelect'
import { SourceLinks } from '../../components/Sources'
import { Empty, ErrorState, Loading } from '../../components/States'
import { countryName } from '../../lib/countries'
import { formatNumber, formatTonnes } from '../../lib/format'
import { productLabel } from '../../lib/products'
import { useQueryParam } from '../../lib/router'

interface Row extends SourceRow {
  group: SourcesGroup
}

const COLUMNS: Column<Row>[] = [
  { key: 'period', label: 'Period', value: (r) => r.period },
  {
    key: 'partner',
    label: 'Partner',
    value: (r) => r.partner,
    render: (r) => <span title={countryName(r.partner)}>{r.partner}</span>,
  },
  {
    key: 'quantity',
    label: 'Quantity',
    unit: 't',
    numeric: true,
    value: (r) => r.quantity_t,
    render: (r) => formatNumber(r.quantity_t),
  },
  {
    key: 'canonical',
    label: 'Role',
    value: (r) => (r.canonical ? 'canonical' : r.superseded ? 'revised away' : 'other source'),
    render: (r) =>
      r.canonical ? (
        <span className="badge badge-ok">canonical</span>
      ) : r.superseded ? (
        <span className="badge badge-muted">revised away</span>
      ) : (
        <span className="badge badge-info">other source</span>
      ),
  },
  {
    key: 'disagreement',
    label: 'Sources agree?',
    value: (r) => (r.group.disagreement ? 'no' : 'yes'),
    render: (r) =>
      r.group.disagreement ? (
        <span className="badge badge-warn" title={`spread ${formatTonnes(r.group.spread)}`}>
          disagree
        </span>
      ) : (
        'yes'
      ),
  },
  { key: 'basis', label: 'Basis', value: (r) => r.basis },
  {
    key: 'flag',
    label: 'Flag',
    value: (r) => r.flag,
    render: (r) => (r.flag ? <span className="badge badge-warn">{r.flag.replace('_', ' ')}</span> : ''),
  },
  {
    key: 'source',
    label: 'Source',
    value: (r) => r.source_url,
    render: (r) => <SourceLinks urls={[r.source_url]} />,
    sortable: false,
  },
  { key: 'date', label: 'Source date', value: (r) => r.source_date },
  { key: 'note', label: 'Note', value: (r) => r.note, render: (r) => <span className="note">{r.note}</span> },
]

export function SeriesSources() {
  const [product, setProduct] = useQueryParam('product', 'magnets')
  const [partner, setPartner] = useQueryParam('partner', '')
  const [period, setPeriod] = useQueryParam('period', '')
  const [only, setOnly] = useQueryParam('disagreements', '')
  const s = useGet('/api/trade/sources', { query: { product } })

  const partners = useMemo(
    () => (s.status === 'ok' ? [...new Set(s.data.map((g) => g.partner))].sort() : []),
    [s]
  )
  const rows = useMemo(() => {
    if (s.status !== 'ok') return []
    return s.data
      .filter((g) => (partner ? g.partner === partner : true))
      .filter((g) => (period ? g.period === period : true))
      .filter((g) => (only === 'yes' ? g.disagreement : true))
      .flatMap((g) => g.sources.map((src) => ({ ...src, group: g })))
  }, [s, partner, period, only])
  const disagreeing = s.status === 'ok' ? s.data.filter((g) => g.disagreement).length : 0

  return (
    <div className="stack">
      <div className="fields" role="group" aria-label="Filter source rows">
        <ProductSelect id="src-product" value={product} onChange={setProduct} />
        <div className="field">
          <label htmlFor="src-partner">Partner</label>
          <select id="src-partner" value={partner} onChange={(e) => setPartner(e.target.value)}>
            <option value="">All partners</option>
            {partners.map((p) => (
              <option key={p} value={p}>
                {p} · {countryName(p)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="src-period">Period</label>
          <input
            id="src-period"
            type="text"
            inputMode="numeric"
            placeholder="YYYY-MM or YYYY"
            value={period}
            onChange={(e) => setPeriod(e.target.value.trim())}
          />
        </div>
        <div className="field">
          <span className="label">Show</span>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={only === 'yes'}
              onChange={(e) => setOnly(e.target.checked ? 'yes' : '')}
            />{' '}
            only periods where sources disagree
          </label>
        </div>
      </div>
      {s.status === 'loading' ? (
        <Loading what="source rows" />
      ) : s.status === 'error' ? (
        <ErrorState error={s.error} what="source rows" />
      ) : s.data.length === 0 ? (
        <Empty title={`No ${productLabel(product).toLowerCase()} figures are stored.`} />
      ) : (
        <>
          <p className="note">
            {s.data.length} period–partner figures from {formatNumber(s.data.reduce((n, g) => n + g.sources.length, 0))}{' '}
            source rows; sources disagree on {disagreeing}. Canonical rule: {s.data[0]?.rule}.
          </p>
          <DataTable
            caption={`Source rows: ${productLabel(product)}${partner ? `, ${countryName(partner)}` : ''}${period ? `, ${period}` : ''}`}
            columns={COLUMNS}
            rows={rows}
            rowKey={(r, i) => `${r.period}|${r.partner}|${r.source_url}|${r.vintage_id}|${i}`}
            rowClass={(r) => (r.group.disagreement ? 'row-flag' : undefined)}
            fold={60}
            testId="sources-table"
            empty="No source rows match these filters."
          />
        </>
      )}
    </div>
  )
}
