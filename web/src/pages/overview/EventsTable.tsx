import { useMemo } from 'react'
import type { EventRow } from '../../api/types'
import { DataTable, type Column } from '../../components/DataTable'
import { SourceLinks } from '../../components/Sources'
import { monthOf } from '../../lib/months'

const COLUMNS = (measureKinds: ReadonlySet<string>): Column<EventRow>[] => [
  { key: 'date', label: 'Date', value: (e) => e.date },
  {
    key: 'kind',
    label: 'Kind',
    value: (e) => e.kind,
    render: (e) => (
      <span className={measureKinds.has(e.kind) ? 'badge badge-warn' : 'badge badge-muted'}>
        {e.kind.replace(/_/g, ' ')}
      </span>
    ),
  },
  { key: 'actor', label: 'Actor', value: (e) => e.actor },
  { key: 'summary', label: 'What happened', value: (e) => e.summary },
  {
    key: 'measure',
    label: 'Measure',
    value: (e) => e.related_measure_id,
    render: (e) => (e.related_measure_id ? <code>{e.related_measure_id}</code> : ''),
  },
  {
    key: 'source',
    label: 'Source',
    value: (e) => e.source_url,
    render: (e) => <SourceLinks urls={[e.source_url]} />,
    sortable: false,
  },
]

/** Events dated within [from, to] (months), newest first. */
export function EventsTable(props: {
  events: readonly EventRow[]
  from: string
  to: string
  measureKinds: ReadonlySet<string>
}) {
  const rows = useMemo(
    () =>
      props.events.filter((e) => {
        const m = monthOf(e.date)
        return m !== null && m >= props.from && m <= props.to
      }),
    [props.events, props.from, props.to]
  )
  const columns = useMemo(() => COLUMNS(props.measureKinds), [props.measureKinds])
  return (
    <DataTable
      caption={`Events, ${props.from} to ${props.to}`}
      columns={columns}
      rows={rows}
      rowKey={(e, i) => `${e.date}|${i}`}
      initialSort={{ key: 'date', direction: 'desc' }}
      fold={12}
      testId="events-table"
      empty="No events recorded in this period."
    />
  )
}
