/** Rule changes around the as-of date (the past year and what is scheduled) and the rulebook's stale-rule warnings. */
import { useMemo } from 'react'
import type { StaleFinding, TimelineEvent } from '../../api/types'
import { useGet } from '../../api/useApi'
import { DataTable } from '../../components/DataTable'
import { Link } from '../../components/Link'
import { ErrorState, Loading } from '../../components/States'
import { href } from '../../lib/router'

const REASON_LABELS: Record<StaleFinding['reason'], string> = {
  lapsed_suspension: 'suspension ended, no extension recorded',
  low_confidence: 'low confidence',
  old_sources: 'sources over a year old',
  no_dated_source: 'no dated source',
  partial_entity_list: 'entity list only partly known',
  unmatchable_item: 'items that cannot be matched',
  derived_conditions: 'conditions derived, not recorded',
  not_evaluated: 'not evaluated',
}

function shiftYear(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`
}

export function RuleChanges() {
  const timeline = useGet('/api/rules/timeline', {})
  const stale = useGet('/api/rules/stale', {})
  const changes = useMemo(() => {
    if (timeline.status !== 'ok') return []
    const asOf = timeline.data.as_of
    const from = shiftYear(asOf, -1)
    const to = shiftYear(asOf, 1)
    return timeline.data.events.filter(
      (e) => e.event !== 'announced' && e.date >= from && e.date <= to
    )
  }, [timeline])
  if (timeline.status === 'loading') return <Loading what="rule changes" />
  if (timeline.status === 'error') return <ErrorState error={timeline.error} what="rule changes" />
  const asOf = timeline.data.as_of
  const lapsed =
    stale.status === 'ok' ? stale.data.findings.filter((f) => f.reason === 'lapsed_suspension') : []
  const counts =
    stale.status === 'ok'
      ? Object.entries(
          stale.data.findings.reduce<Record<string, number>>(
            (m, f) => ({ ...m, [f.reason]: (m[f.reason] ?? 0) + 1 }),
            {}
          )
        )
      : []
  return (
    <div className="stack" data-testid="rule-changes">
      {stale.status === 'error' ? (
        <ErrorState error={stale.error} what="stale-rule warnings" />
      ) : null}
      {lapsed.length > 0 ? (
        <div className="state state-error" role="alert">
          <strong>
            {lapsed.length} measure{lapsed.length === 1 ? '' : 's'} apply again because a suspension
            ended with no extension recorded; their status after that date is unverified.
          </strong>
          <div>
            {lapsed.map((f, i) => (
              <span key={f.measure_id}>
                {i > 0 ? ' · ' : ''}
                <Link href={href('/controls', { measure: f.measure_id })} title={f.detail}>
                  {f.instrument}
                </Link>
              </span>
            ))}
          </div>
        </div>
      ) : null}
      <DataTable<TimelineEvent>
        caption={`Rule changes from ${shiftYear(asOf, -1)} to ${shiftYear(asOf, 1)} (as of ${asOf})`}
        columns={[
          {
            key: 'date',
            label: 'Date',
            value: (e) => e.date,
            render: (e) =>
              e.date > asOf ? <span title="scheduled">{e.date} (scheduled)</span> : e.date,
          },
          {
            key: 'event',
            label: 'Change',
            value: (e) => e.event,
            render: (e) => <span className="badge badge-info">{e.event.replace(/_/g, ' ')}</span>,
          },
          {
            key: 'measure',
            label: 'Measure',
            value: (e) => e.instrument,
            render: (e) => (
              <Link href={href('/controls', { measure: e.measure_id })}>{e.instrument}</Link>
            ),
          },
          { key: 'detail', label: 'Detail', value: (e) => e.detail },
        ]}
        rows={changes}
        rowKey={(e, i) => `${e.measure_id}|${e.event}|${i}`}
        initialSort={{ key: 'date', direction: 'desc' }}
        fold={8}
        empty="No measure changed state in this period."
        testId="rule-changes-table"
      />
      {counts.length > 0 ? (
        <p className="note">
          Stale-rule check:{' '}
          {counts
            .map(([r, n]) => `${n} × ${REASON_LABELS[r as StaleFinding['reason']] ?? r}`)
            .join('; ')}
          . <Link href="/controls">See the measures</Link>.
        </p>
      ) : null}
    </div>
  )
}
