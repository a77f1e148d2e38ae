/** Destinations: a world map of one product and month coloured by share or deviation, the partners, a drill-down. */
import { useMemo } from 'react'
import { useGet } from '../api/useApi'
import { DataTable, type Column } from '../components/DataTable'
import { Link } from '../components/Link'
import { Page, Section } from '../components/Page'
import { ProductSelect } from '../components/ProductSelect'
import { Empty, ErrorState, Loading } from '../components/States'
import { countryName } from '../lib/countries'
import { formatMonth, formatNumber, formatScore, formatShare, formatTonnes } from '../lib/format'
import { productLabel } from '../lib/products'
import { href, useQueryParam } from '../lib/router'
import { Drilldown } from './destinations/Drilldown'
import type { ColourBy } from './destinations/mapScale'
import { partnerMonths, partnerRows, type PartnerRow } from './destinations/partnerRows'
import { WorldMap, type MapValue } from './destinations/WorldMap'

function columns(
  product: string,
  month: string,
  select: (p: string) => void
): Column<PartnerRow>[] {
  return [
    {
      key: 'partner',
      label: 'Partner',
      value: (r) => countryName(r.partner),
      render: (r) => (
        <button type="button" className="button-quiet" onClick={() => select(r.partner)}>
          {countryName(r.partner)}
          {r.aggregate ? ' (aggregate)' : ''}
        </button>
      ),
    },
    {
      key: 'code',
      label: 'Code',
      value: (r) => r.partner,
      render: (r) => <code>{r.partner}</code>,
    },
    {
      key: 'quantity',
      label: 'Exports',
      unit: 't',
      numeric: true,
      value: (r) => r.quantity_t,
      render: (r) => formatNumber(r.quantity_t),
    },
    {
      key: 'share',
      label: 'Share of world',
      unit: '%',
      numeric: true,
      value: (r) => r.share_of_world,
      render: (r) => formatShare(r.share_of_world),
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
      key: 'flag',
      label: 'Assessment',
      value: (r) => (r.targeted ? 'targeted' : r.score === null ? 'no baseline' : 'not targeted'),
      render: (r) =>
        r.targeted ? (
          <span className="badge badge-warn">targeted{r.since ? ` since ${r.since}` : ''}</span>
        ) : r.score === null ? (
          <span className="badge badge-muted" title={r.note ?? undefined}>
            no baseline
          </span>
        ) : (
          <span className="badge badge-ok">not targeted</span>
        ),
    },
    {
      key: 'sources',
      label: 'Sources',
      numeric: true,
      value: (r) => r.sources,
      render: (r) => (
        <Link
          href={`${href('/data', { product, partner: r.partner, period: month })}#h-trade-sources`}
        >
          {r.sources}
          {r.disagreement ? ' (disagree)' : ''}
        </Link>
      ),
    },
  ]
}

function MonthMap({ product, month, by }: { product: string; month: string; by: ColourBy }) {
  const [partner, setPartner] = useQueryParam('partner', '')
  const breakdown = useGet('/api/trade/breakdown', { query: { product, month } })
  const throttling = useGet('/api/trade/throttling', { query: { product, month } })
  const rows = useMemo(
    () =>
      breakdown.status === 'ok'
        ? partnerRows(breakdown.data.partners, throttling.status === 'ok' ? throttling.data : [])
        : [],
    [breakdown, throttling]
  )
  const values = useMemo(() => {
    const m = new Map<string, MapValue>()
    for (const r of rows) {
      if (r.aggregate) continue
      const text = `${formatTonnes(r.quantity_t)} · ${formatShare(r.share_of_world)} of world${r.score !== null ? ` · score ${formatScore(r.score)}` : ''}${r.targeted ? ' · targeted' : ''}`
      m.set(r.partner, { value: by === 'share' ? r.share_of_world : r.score, text })
    }
    return m
  }, [rows, by])
  const cols = useMemo(() => columns(product, month, setPartner), [product, month, setPartner])

  if (breakdown.status === 'loading') return <Loading what="the partners" />
  if (breakdown.status === 'error')
    return <ErrorState error={breakdown.error} what="the partners" />
  const b = breakdown.data
  const title = `${productLabel(product)}: China’s exports by destination, ${formatMonth(month)}, coloured by ${by === 'share' ? 'share of world exports' : 'deviation from expected'}`
  return (
    <>
      <Section title={`${productLabel(product)} · ${formatMonth(month)}`} id="map">
        <p className="note">
          World total {formatTonnes(b.world_t)}; {b.partners.length} partner
          {b.partners.length === 1 ? '' : 's'} reported
          {b.unreported_t !== null
            ? `, ${formatTonnes(b.unreported_t)} not attributed to a reported partner`
            : ''}
          . {b.coverage_note}
        </p>
        <WorldMap
          title={title}
          by={by}
          values={values}
          selected={partner || null}
          onSelect={setPartner}
        />
        {by === 'deviation' && throttling.status === 'error' ? (
          <ErrorState error={throttling.error} what="the deviation scores" />
        ) : null}
      </Section>
      <Section title="Partners" id="partners">
        {rows.length === 0 ? (
          <Empty title={`No partner figures for ${formatMonth(month)}.`} />
        ) : (
          <DataTable
            caption={`${productLabel(product)} exports by partner, ${formatMonth(month)}`}
            columns={cols}
            rows={rows}
            rowKey={(r) => r.partner}
            rowClass={(r) =>
              r.targeted ? 'row-flag' : r.partner === partner ? 'row-selected' : undefined
            }
            initialSort={{ key: 'quantity', direction: 'desc' }}
            testId="partners-table"
          />
        )}
      </Section>
      {partner ? (
        <Section title={`${countryName(partner)}: actual vs expected`} id="drilldown">
          <Drilldown product={product} partner={partner} month={month} />
        </Section>
      ) : (
        <p className="note">
          Choose a partner on the map or in the table to see its series against what it would have
          got had it moved with the world.
        </p>
      )}
    </>
  )
}

export default function Destinations() {
  const [product, setProduct] = useQueryParam('product', 'magnets')
  const [monthParam, setMonth] = useQueryParam('month', '')
  const [by, setBy] = useQueryParam('by', 'share')
  const sources = useGet('/api/trade/sources', { query: { product } })
  const months = useMemo(
    () => (sources.status === 'ok' ? partnerMonths(sources.data) : []),
    [sources]
  )
  const month = monthParam || months[0]?.month || ''
  const colourBy: ColourBy = by === 'deviation' ? 'deviation' : 'share'

  return (
    <Page
      title="Destinations"
      intro="Where China’s exports went in a month, by partner: the share of the world total, or how far each partner fell short of or exceeded what it would have got had it moved with the world."
      actions={
        <>
          <ProductSelect
            id="dest-product"
            value={product}
            onChange={(v) => {
              setProduct(v)
              setMonth('')
            }}
          />
          <div className="field">
            <label htmlFor="dest-month">Month</label>
            <select
              id="dest-month"
              value={month}
              onChange={(e) => setMonth(e.target.value)}
              disabled={months.length === 0}
            >
              {months.map((m) => (
                <option key={m.month} value={m.month}>
                  {formatMonth(m.month)} ({m.partners} partner{m.partners === 1 ? '' : 's'})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <span className="label" id="dest-by">
              Colour by
            </span>
            <div className="segmented" role="group" aria-labelledby="dest-by">
              <button
                type="button"
                aria-pressed={colourBy === 'share'}
                onClick={() => setBy('share')}
              >
                Share
              </button>
              <button
                type="button"
                aria-pressed={colourBy === 'deviation'}
                onClick={() => setBy('deviation')}
              >
                Deviation
              </button>
            </div>
          </div>
        </>
      }
    >
      {sources.status === 'loading' ? (
        <Loading what="the months with partner figures" />
      ) : sources.status === 'error' ? (
        <ErrorState error={sources.error} what="the months with partner figures" />
      ) : !month ? (
        <Empty title={`No partner figures are stored for ${productLabel(product).toLowerCase()}.`}>
          Partner coverage is sparse: only what outlets reported. Try magnets or rare earths.
        </Empty>
      ) : (
        <MonthMap key={`${product}|${month}`} product={product} month={month} by={colourBy} />
      )}
    </Page>
  )
}
