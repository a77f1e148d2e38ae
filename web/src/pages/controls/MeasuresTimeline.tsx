/** Timeline of measures (in force, suspended, unverified), filterable by element and jurisdiction. */
import { useMemo, useState } from 'react'
import type { RuleSummary } from '../../api/types'
import { useGet } from '../../api/useApi'
import { Empty, ErrorState, Loading } from '../../components/States'
import { OKABE_ITO } from '../../lib/palette'
import { useQueryParam } from '../../lib/router'
import { RuleDetailPanel } from './RuleDetailPanel'
import { measureTracks, positionPct, type SpanState, type Track } from './tracks'

/** Elements offered in the filter: those the rulebook's measures name (the 17 rare earths and related metals). */
const ELEMENTS = [
  'Sm',
  'Gd',
  'Tb',
  'Dy',
  'Lu',
  'Sc',
  'Y',
  'Ho',
  'Er',
  'Tm',
  'Yb',
  'Nd',
  'Pr',
  'La',
  'Ce',
  'Eu',
  'Ga',
  'Ge',
  'Sb',
  'W',
  'C',
  'In',
  'Mo',
  'Te',
  'Bi',
]

export const SPAN_STYLE: Record<SpanState, { label: string; colour: string; pattern?: string }> = {
  in_force: { label: 'in force', colour: OKABE_ITO.blue },
  suspended: {
    label: 'suspended',
    colour: OKABE_ITO.orange,
    pattern: `repeating-linear-gradient(45deg, ${OKABE_ITO.orange} 0 4px, #fff3d6 4px 7px)`,
  },
  unverified: {
    label: 'in force again, unverified',
    colour: OKABE_ITO.purple,
    pattern: `repeating-linear-gradient(90deg, ${OKABE_ITO.purple} 0 6px, #f6e3ee 6px 9px)`,
  },
}

function TrackRow(props: {
  years: number[]
  track: Track
  from: string
  to: string
  selected: boolean
  onSelect: () => void
  summary: RuleSummary | undefined
}) {
  const { track, from, to } = props
  return (
    <div className={`timeline-row${props.selected ? ' selected' : ''}`}>
      <button
        type="button"
        className="button-quiet timeline-label"
        onClick={props.onSelect}
        aria-expanded={props.selected}
        title={props.summary?.title}
      >
        <span>{track.instrument}</span>
        <span className="muted"> · {track.jurisdiction}</span>
      </button>
      <div
        className="timeline-track"
        role="img"
        aria-label={`${track.instrument}: ${track.spans.map((s) => `${SPAN_STYLE[s.state].label} from ${s.from}${s.open ? '' : ` to ${s.to}`}`).join('; ') || 'no dated span'}`}
      >
        {props.years.map((y) => (
          <span
            key={y}
            className="timeline-gridline"
            style={{ left: `${positionPct(`${y}-01-01`, from, to)}%` }}
            aria-hidden="true"
          />
        ))}
        {track.spans.map((s) => {
          const left = positionPct(s.from, from, to)
          const right = positionPct(s.to, from, to)
          if (right <= left) return null
          const style = SPAN_STYLE[s.state]
          return (
            <span
              key={`${s.from}-${s.state}`}
              className="timeline-bar"
              title={`${style.label}: ${s.from} to ${s.open ? 'now' : s.to}`}
              style={{
                left: `${left}%`,
                width: `${right - left}%`,
                background: style.pattern ?? style.colour,
              }}
            />
          )
        })}
        {track.markers
          .filter((m) => m.date >= from && m.date <= to)
          .map((m) => (
            <span
              key={`${m.date}-${m.event}`}
              className="timeline-marker"
              title={`${m.date} ${m.event.replace(/_/g, ' ')}: ${m.detail}`}
              style={{ left: `${positionPct(m.date, from, to)}%` }}
            />
          ))}
      </div>
    </div>
  )
}

export function MeasuresTimeline() {
  const [element, setElement] = useQueryParam('element', '')
  const [jurisdiction, setJurisdiction] = useQueryParam('jurisdiction', '')
  const [fromYear, setFromYear] = useQueryParam('from', '2023')
  const [selected, setSelected] = useQueryParam('measure', '')
  const rules = useGet('/api/rules', {})
  const timeline = useGet('/api/rules/timeline', {
    query: { element: element || undefined, jurisdiction: jurisdiction || undefined },
  })
  const [showAll, setShowAll] = useState(false)

  const jurisdictions = useMemo(
    () =>
      rules.status === 'ok'
        ? [
            ...new Set(
              rules.data.rules.flatMap((r) => r.jurisdiction.split(/[;,]/).map((j) => j.trim()))
            ),
          ].sort()
        : [],
    [rules]
  )
  const byId = useMemo(
    () => new Map(rules.status === 'ok' ? rules.data.rules.map((r) => [r.id, r]) : []),
    [rules]
  )
  const view = useMemo(() => {
    if (timeline.status !== 'ok') return null
    const events = timeline.data.events
    const last = events.reduce((m, e) => (e.date > m ? e.date : m), timeline.data.as_of)
    const end = `${Number(last.slice(0, 4)) + 1}-01-01`
    const first = events.reduce((m, e) => (e.date < m ? e.date : m), end)
    const from = fromYear === 'all' ? `${first.slice(0, 4)}-01-01` : `${fromYear}-01-01`
    const tracks = measureTracks(events, end).filter(
      (t) => showAll || t.spans.some((s) => s.to >= from) || t.markers.some((m) => m.date >= from)
    )
    return {
      tracks,
      from,
      to: end,
      asOf: timeline.data.as_of,
      version: timeline.data.rulebook_version,
    }
  }, [timeline, fromYear, showAll])

  const years = view
    ? Array.from(
        { length: Number(view.to.slice(0, 4)) - Number(view.from.slice(0, 4)) + 1 },
        (_, i) => Number(view.from.slice(0, 4)) + i
      )
    : []

  return (
    <div className="stack">
      <div className="fields" role="group" aria-label="Filter measures">
        <div className="field">
          <label htmlFor="tl-element">Element</label>
          <select id="tl-element" value={element} onChange={(e) => setElement(e.target.value)}>
            <option value="">All elements</option>
            {ELEMENTS.map((el) => (
              <option key={el} value={el}>
                {el}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="tl-jurisdiction">Jurisdiction</label>
          <select
            id="tl-jurisdiction"
            value={jurisdiction}
            onChange={(e) => setJurisdiction(e.target.value)}
          >
            <option value="">All jurisdictions</option>
            {jurisdictions.map((j) => (
              <option key={j} value={j}>
                {j}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="tl-from">Show from</label>
          <select id="tl-from" value={fromYear} onChange={(e) => setFromYear(e.target.value)}>
            {['all', '2010', '2015', '2020', '2023', '2025'].map((y) => (
              <option key={y} value={y}>
                {y === 'all' ? 'the first measure' : y}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <span className="label">Earlier measures</span>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={showAll}
              onChange={(e) => setShowAll(e.target.checked)}
            />{' '}
            include measures that ended before
          </label>
        </div>
      </div>
      {timeline.status === 'loading' ? (
        <Loading what="the measures" />
      ) : timeline.status === 'error' ? (
        <ErrorState error={timeline.error} what="the measures" />
      ) : !view || view.tracks.length === 0 ? (
        <Empty title="No measure matches these filters." />
      ) : (
        <figure className="chart" data-testid="measures-timeline">
          <div className="chart-head">
            <div>
              <h3 className="chart-title">Export-control measures over time</h3>
              <div className="chart-units">
                state by date · rulebook {view.version} · as of {view.asOf}
              </div>
            </div>
          </div>
          <div className="legend" aria-label="Legend">
            {Object.values(SPAN_STYLE).map((s) => (
              <span key={s.label} className="legend-item">
                <span
                  className="legend-swatch"
                  style={{ background: s.pattern ?? s.colour }}
                  aria-hidden="true"
                />{' '}
                {s.label}
              </span>
            ))}
            <span className="legend-item">
              <span className="timeline-marker legend-marker" aria-hidden="true" /> announced,
              phase, suspension end, lapse
            </span>
          </div>
          <div className="timeline-row timeline-axis" aria-hidden="true">
            <span />
            <div className="timeline-track timeline-years">
              {years.map((y) => (
                <span key={y} style={{ left: `${positionPct(`${y}-01-01`, view.from, view.to)}%` }}>
                  {y}
                </span>
              ))}
              <span
                className="timeline-today"
                style={{ left: `${positionPct(view.asOf, view.from, view.to)}%` }}
                title={`as of ${view.asOf}`}
              />
            </div>
          </div>
          {view.tracks.map((t) => (
            <div key={t.measure_id}>
              <TrackRow
                years={years}
                track={t}
                from={view.from}
                to={view.to}
                summary={byId.get(t.measure_id)}
                selected={selected === t.measure_id}
                onSelect={() => setSelected(selected === t.measure_id ? '' : t.measure_id)}
              />
              {selected === t.measure_id ? <RuleDetailPanel id={t.measure_id} /> : null}
            </div>
          ))}
          <figcaption className="chart-footer">
            Choose a measure to see its conditions, suspensions and sources. Dashed line: the as-of
            date.
          </figcaption>
        </figure>
      )}
    </div>
  )
}
