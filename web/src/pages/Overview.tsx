/** Overview: the latest release (or a chosen month), the world series with events and measures, throttling, rules. */
import { useMemo } from 'react'
import { useCapability, useGet } from '../api/useApi'
import { Chart } from '../components/Chart'
import { Page, Section } from '../components/Page'
import { Requires } from '../components/Requires'
import { Empty, ErrorState, Loading } from '../components/States'
import { formatMonth } from '../lib/format'
import { useQueryParam } from '../lib/router'
import { EventsTable } from './overview/EventsTable'
import { Headline } from './overview/Headline'
import { RuleChanges } from './overview/RuleChanges'
import {
  axisMonths,
  measureDatesFromEvents,
  measureDatesFromTimeline,
  overviewOption,
  MEASURE_KINDS,
} from './overview/seriesChart'
import { ThrottlingFlags } from './overview/ThrottlingFlags'

const PRODUCTS = [
  { code: 'magnets', label: 'Magnets (HS 8505.11)' },
  { code: 'rare_earths', label: 'Rare earths' },
]

function lastReported<T extends { quantity_t: number | null }>(
  points: readonly T[]
): T | undefined {
  return [...points].reverse().find((p) => p.quantity_t !== null)
}

function Trade() {
  const magnets = useGet('/api/trade/series', { query: { product: 'magnets', partner: 'WLD' } })
  const rareEarths = useGet('/api/trade/series', {
    query: { product: 'rare_earths', partner: 'WLD' },
  })
  const events = useGet('/api/events', {})
  // Measure dates come from the rulebook when this server has one, else from the events file.
  const rulebook = useCapability('GET /api/rules/timeline')
  const timeline = useGet(
    rulebook === 'yes' || rulebook === 'unknown' ? '/api/rules/timeline' : null,
    {}
  )
  const [monthParam, setMonth] = useQueryParam('month', '')

  const series = useMemo(
    () =>
      magnets.status === 'ok' && rareEarths.status === 'ok'
        ? [
            { label: PRODUCTS[0]!.label, points: magnets.data },
            { label: PRODUCTS[1]!.label, points: rareEarths.data },
          ]
        : null,
    [magnets, rareEarths]
  )
  const eventRows = useMemo(() => (events.status === 'ok' ? events.data : []), [events])
  const fromRulebook = timeline.status === 'ok'
  const measures = useMemo(
    () =>
      timeline.status === 'ok'
        ? measureDatesFromTimeline(timeline.data.events)
        : measureDatesFromEvents(eventRows),
    [timeline, eventRows]
  )
  const option = useMemo(
    () => (series ? overviewOption(series, eventRows, measures) : null),
    [series, eventRows, measures]
  )

  if (magnets.status === 'error')
    return <ErrorState error={magnets.error} what="the trade series" />
  if (rareEarths.status === 'error')
    return <ErrorState error={rareEarths.error} what="the trade series" />
  if (!series || !option) return <Loading what="the latest release" />
  const latest = lastReported(series[0]!.points)
  if (!latest) return <Empty title="No magnet export figures are loaded yet." />
  const reportedMonths = [
    ...new Set(
      series.flatMap((s) => s.points.filter((p) => p.quantity_t !== null).map((p) => p.period))
    ),
  ]
    .sort()
    .reverse()
  // With no month chosen, each headline shows its own latest release (the products publish on different dates).
  const month = monthParam || latest.period
  const axis = axisMonths(series)

  return (
    <>
      <div className="page-actions no-print month-picker">
        <div className="field">
          <label htmlFor="overview-month">Release month</label>
          <select id="overview-month" value={monthParam} onChange={(e) => setMonth(e.target.value)}>
            <option value="">Latest of each product</option>
            {reportedMonths.map((m) => (
              <option key={m} value={m}>
                {formatMonth(m)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="kpis">
        {PRODUCTS.map((p, k) => (
          <Headline
            key={p.code}
            product={p.code}
            label={p.label}
            month={monthParam || (lastReported(series[k]!.points)?.period ?? month)}
            point={series[k]!.points.find(
              (x) => x.period === (monthParam || lastReported(series[k]!.points)?.period)
            )}
            latest={lastReported(series[k]!.points)}
          />
        ))}
      </div>
      <div className="section">
        <Chart
          title="China’s rare-earth exports, world total, by month"
          units="tonnes per month (China customs, GACC)"
          xLabel="Month"
          yLabel="Exports (t)"
          option={option}
          height={360}
          description="Monthly world exports of magnets and of the rare-earths category; gaps are months with no reported figure; dashed lines mark export-control measures; diamonds mark events."
          footer={
            <>
              Gaps are months with no reported figure. Dashed lines:{' '}
              {fromRulebook
                ? 'months in which a Chinese export control took effect, was suspended, came back or ended (rulebook)'
                : 'months in which an export-control measure was announced, imposed or is scheduled to end (events file)'}
              ; diamonds: dated events. Hover a month for details.{' '}
              {events.status === 'error' ? 'Events could not be loaded.' : null}
            </>
          }
        />
      </div>
      <div className="grid-2">
        <Section title={`Throttling flags · magnets · ${formatMonth(month)}`} id="throttling">
          <ThrottlingFlags product="magnets" month={month} />
        </Section>
        <Section title="Rule changes and stale rules" id="rules">
          <Requires route="GET /api/rules/timeline" what="The rulebook timeline">
            <RuleChanges />
          </Requires>
        </Section>
      </div>
      <Section title="Events and measures in the period shown" id="events">
        {events.status === 'loading' ? (
          <Loading what="events" />
        ) : events.status === 'error' ? (
          <ErrorState error={events.error} what="events" />
        ) : (
          <EventsTable
            events={events.data}
            from={axis[0] ?? month}
            to={axis[axis.length - 1] ?? month}
            measureKinds={MEASURE_KINDS}
          />
        )}
      </Section>
    </>
  )
}

export function Overview() {
  return (
    <Page
      title="Overview"
      intro="China’s latest export release for rare-earth magnets and the rare-earths category, with the controls and events around it. Every figure links to its sources."
    >
      <Trade />
    </Page>
  )
}
